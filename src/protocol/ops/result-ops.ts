import type { BerReader, BerWriter } from '../../ber/index.js';
import { OpTag } from '../op-types.js';
import { decodeResultComponents, encodeLdapResult } from '../result.js';
import type { LdapResult } from '../result.js';

/** Responses that are exactly an LDAPResult under their own APPLICATION tag (RFC 4511 §4.5.2, §4.6–§4.10). */
export const PlainResultOpTypes = [
  'searchResultDone',
  'modifyResponse',
  'addResponse',
  'delResponse',
  'modifyDNResponse',
  'compareResponse',
] as const;
export type PlainResultOpType = (typeof PlainResultOpTypes)[number];

export interface SearchResultDone extends LdapResult {
  readonly type: 'searchResultDone';
}
export interface ModifyResponse extends LdapResult {
  readonly type: 'modifyResponse';
}
export interface AddResponse extends LdapResult {
  readonly type: 'addResponse';
}
export interface DelResponse extends LdapResult {
  readonly type: 'delResponse';
}
export interface ModifyDNResponse extends LdapResult {
  readonly type: 'modifyDNResponse';
}
/** compareFalse (5) / compareTrue (6) carry the answer (RFC 4511 §4.10). */
export interface CompareResponse extends LdapResult {
  readonly type: 'compareResponse';
}

export type PlainResultOp = SearchResultDone | ModifyResponse | AddResponse | DelResponse | ModifyDNResponse | CompareResponse;

export function writePlainResult(w: BerWriter, op: PlainResultOp): void {
  w.startSequence(OpTag[op.type]);
  encodeLdapResult(w, op);
  w.endSequence();
}

export function readPlainResult<T extends PlainResultOpType>(r: BerReader, type: T): Extract<PlainResultOp, { type: T }> {
  const seq = r.readSequence(OpTag[type]);
  const op = decodeResultComponents(seq, type);
  seq.end();
  return op as Extract<PlainResultOp, { type: T }>;
}
