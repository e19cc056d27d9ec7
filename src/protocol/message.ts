import { BerDecodeError, BerReader, BerWriter, formatTag } from '../ber/index.js';
import { NO_CONTROLS, readControls, writeControls } from './control-list.js';
import { MessageDecodeError } from './message-error.js';
import type { Control } from './model.js';
import { MAX_MESSAGE_ID, opTypeOfTag } from './op-types.js';
import type { OpType } from './op-types.js';
import { readProtocolOp, writeProtocolOp } from './ops/protocol-op.js';
import type { ProtocolOp } from './ops/protocol-op.js';

/** LDAPMessage ::= SEQUENCE { messageID MessageID, protocolOp CHOICE {...}, controls [0] Controls OPTIONAL } */
export interface LdapMessage {
  readonly messageId: number;
  readonly protocolOp: ProtocolOp;
  readonly controls: readonly Control[];
}

/**
 * RFC 4511 §4.1.1: MessageID ::= INTEGER (0 .. maxInt), and 0 is reserved for unsolicited
 * notifications, which are ExtendedResponses (§4.4). Nothing else may carry it.
 */
function checkMessageId(messageId: number, type: OpType): void {
  if (!Number.isInteger(messageId) || messageId < 0 || messageId > MAX_MESSAGE_ID) {
    throw new RangeError(`messageID must be an integer in 0..${MAX_MESSAGE_ID}, got ${messageId}`);
  }
  if (messageId === 0 && type !== 'extendedResponse') {
    throw new RangeError(`messageID 0 is reserved for unsolicited notifications, not ${type}`);
  }
}

/**
 * Appends one LDAPMessage to `writer`, so many (e.g. a page of search entries) can go out in one
 * socket write. Validation happens while writing: after a throw the writer's content is undefined
 * and it must be reset.
 */
export function writeMessage(writer: BerWriter, message: LdapMessage): void {
  checkMessageId(message.messageId, message.protocolOp.type);
  writer.startSequence();
  writer.writeInteger(message.messageId);
  writeProtocolOp(writer, message.protocolOp);
  writeControls(writer, message.controls);
  writer.endSequence();
}

/** Encodes one message. Pass a writer to reuse its buffer on hot paths; it is reset first and the result is a copy. */
export function encodeMessage(message: LdapMessage, writer?: BerWriter): Buffer {
  const w = writer ?? new BerWriter();
  w.reset();
  writeMessage(w, message);
  return w.toBuffer();
}

/**
 * Decodes one complete PDU (as the framer delivers it). Every malformation throws BerDecodeError;
 * once the messageID is known, failures in the op or the controls throw {@link MessageDecodeError}
 * so the server can answer that message. Octet-string values are zero-copy views of `pdu`.
 */
export function decodeMessage(pdu: Buffer): LdapMessage {
  const outer = new BerReader(pdu);
  const envelope = outer.readSequence();
  outer.end();
  const idAt = envelope.offset;
  const messageId = envelope.readInteger();
  if (messageId < 0) throw new BerDecodeError(`messageID ${messageId} is negative`, idAt);

  // With messageID 0 no reply can name the message (it would read as a notification): failures
  // before the op is known to be an ExtendedResponse stay plain BerDecodeErrors, so the server disconnects.
  const answerable = messageId !== 0;
  const opAt = envelope.offset;
  let tag: number;
  try {
    tag = envelope.peekTag();
  } catch (err) {
    throw answerable ? withMessageIdentity(err, messageId, undefined) : err;
  }
  const opType = opTypeOfTag(tag);
  if (opType === undefined) {
    const text = `unknown protocolOp ${formatTag(tag)}`;
    throw answerable ? new MessageDecodeError(text, opAt, messageId) : new BerDecodeError(text, opAt);
  }
  if (!answerable && opType !== 'extendedResponse') {
    throw new BerDecodeError(`messageID 0 is reserved for unsolicited notifications, not ${opType}`, idAt);
  }
  try {
    const protocolOp = readProtocolOp(envelope, opType);
    const controls = envelope.atEnd ? NO_CONTROLS : readControls(envelope);
    envelope.end();
    return { messageId, protocolOp, controls };
  } catch (err) {
    throw withMessageIdentity(err, messageId, opType);
  }
}

function withMessageIdentity(err: unknown, messageId: number, opType: OpType | undefined): unknown {
  return err instanceof BerDecodeError && !(err instanceof MessageDecodeError) ? MessageDecodeError.wrap(err, messageId, opType) : err;
}
