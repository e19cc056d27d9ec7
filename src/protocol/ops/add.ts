import { BerDecodeError } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { readAttribute, writeAttributeList } from '../attributes.js';
import type { Attribute } from '../model.js';
import { OpTag } from '../op-types.js';

/** AddRequest ::= [APPLICATION 8] SEQUENCE { entry LDAPDN, attributes AttributeList } (RFC 4511 §4.7) */
export interface AddRequest {
  readonly type: 'addRequest';
  readonly entry: string;
  readonly attributes: readonly Attribute[];
}

export function writeAddRequest(w: BerWriter, op: AddRequest): void {
  for (const attribute of op.attributes) {
    if (attribute.values.length === 0) {
      throw new RangeError(`add request attribute ${JSON.stringify(attribute.type)} has no values (RFC 4511 §4.1.7)`);
    }
  }
  w.startSequence(OpTag.addRequest);
  w.writeString(op.entry);
  writeAttributeList(w, op.attributes);
  w.endSequence();
}

export function readAddRequest(r: BerReader): AddRequest {
  const seq = r.readSequence(OpTag.addRequest);
  const entry = seq.readString();
  const list = seq.readSequence();
  seq.end();
  const attributes: Attribute[] = [];
  while (!list.atEnd) {
    const at = list.offset;
    const attribute = readAttribute(list);
    // RFC 4511 §4.1.7: Attribute ::= PartialAttribute(WITH COMPONENTS { ..., vals (SIZE(1..MAX))})
    if (attribute.values.length === 0) {
      throw new BerDecodeError(`attribute ${JSON.stringify(attribute.type)} has no values`, at);
    }
    attributes.push(attribute);
  }
  return { type: 'addRequest', entry, attributes };
}
