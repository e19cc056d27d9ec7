import type { BerReader, BerWriter } from '../../ber/index.js';
import { OpTag } from '../op-types.js';

/** UnbindRequest ::= [APPLICATION 2] NULL (RFC 4511 §4.3) */
export interface UnbindRequest {
  readonly type: 'unbindRequest';
}

/** The op carries no data, so only the writer is needed. */
export function writeUnbindRequest(w: BerWriter): void {
  w.writeNull(OpTag.unbindRequest);
}

export function readUnbindRequest(r: BerReader): UnbindRequest {
  r.readNull(OpTag.unbindRequest);
  return { type: 'unbindRequest' };
}
