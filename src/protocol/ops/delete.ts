import type { BerReader, BerWriter } from '../../ber/index.js';
import { OpTag } from '../op-types.js';

/** DelRequest ::= [APPLICATION 10] LDAPDN (RFC 4511 §4.8): a primitive element holding the DN. */
export interface DelRequest {
  readonly type: 'delRequest';
  readonly dn: string;
}

export function writeDelRequest(w: BerWriter, op: DelRequest): void {
  w.writeString(op.dn, OpTag.delRequest);
}

export function readDelRequest(r: BerReader): DelRequest {
  return { type: 'delRequest', dn: r.readString(OpTag.delRequest) };
}
