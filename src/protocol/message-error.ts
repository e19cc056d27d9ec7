import { BerDecodeError } from '../ber/index.js';
import type { OpType } from './op-types.js';

/**
 * A PDU whose envelope and messageID decoded but whose protocolOp or controls did not. The server
 * can answer this message (RFC 4511 §4.1.1 / §4.1.11: protocolError) instead of only disconnecting;
 * `opType` is undefined when the op tag itself was missing or unknown.
 */
export class MessageDecodeError extends BerDecodeError {
  override readonly name: string = 'MessageDecodeError';
  readonly messageId: number;
  readonly opType: OpType | undefined;

  constructor(message: string, offset: number, messageId: number, opType?: OpType) {
    super(message, offset);
    this.messageId = messageId;
    this.opType = opType;
  }

  /** Re-raises a reader error with the message's identity, keeping its text and offset. */
  static wrap(cause: BerDecodeError, messageId: number, opType: OpType | undefined): MessageDecodeError {
    const suffix = ` at offset ${cause.offset}`;
    const text = cause.message.endsWith(suffix) ? cause.message.slice(0, -suffix.length) : cause.message;
    return new MessageDecodeError(text, cause.offset, messageId, opType);
  }
}
