import { BerDecodeError } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { MAX_MESSAGE_ID, OpTag } from '../op-types.js';

/** AbandonRequest ::= [APPLICATION 16] MessageID (RFC 4511 §4.11): a primitive INTEGER. */
export interface AbandonRequest {
  readonly type: 'abandonRequest';
  readonly messageId: number;
}

export function writeAbandonRequest(w: BerWriter, op: AbandonRequest): void {
  const id = op.messageId;
  if (!Number.isInteger(id) || id < 0 || id > MAX_MESSAGE_ID) {
    throw new RangeError(`abandoned messageID must be an integer in 0..${MAX_MESSAGE_ID}, got ${id}`);
  }
  w.writeInteger(id, OpTag.abandonRequest);
}

export function readAbandonRequest(r: BerReader): AbandonRequest {
  const at = r.offset;
  const messageId = r.readInteger(OpTag.abandonRequest);
  // MessageID ::= INTEGER (0 .. maxInt)
  if (messageId < 0) throw new BerDecodeError(`abandoned messageID ${messageId} is negative`, at);
  return { type: 'abandonRequest', messageId };
}
