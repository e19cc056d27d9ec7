import type { BerReader, BerWriter } from '../../ber/index.js';
import { OpTag } from '../op-types.js';

/**
 * CompareRequest ::= [APPLICATION 14] SEQUENCE { entry LDAPDN, ava AttributeValueAssertion }
 * AttributeValueAssertion ::= SEQUENCE { attributeDesc AttributeDescription, assertionValue AssertionValue }
 * (RFC 4511 §4.10, §4.1.6)
 */
export interface CompareRequest {
  readonly type: 'compareRequest';
  readonly entry: string;
  readonly attribute: string;
  readonly value: Buffer;
}

export function writeCompareRequest(w: BerWriter, op: CompareRequest): void {
  w.startSequence(OpTag.compareRequest);
  w.writeString(op.entry);
  w.startSequence();
  w.writeString(op.attribute);
  w.writeOctetString(op.value);
  w.endSequence();
  w.endSequence();
}

export function readCompareRequest(r: BerReader): CompareRequest {
  const seq = r.readSequence(OpTag.compareRequest);
  const entry = seq.readString();
  const ava = seq.readSequence();
  seq.end();
  const attribute = ava.readString();
  const value = ava.readOctetString();
  ava.end();
  return { type: 'compareRequest', entry, attribute, value };
}
