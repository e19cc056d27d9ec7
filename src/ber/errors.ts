import { ProtocolError } from '../errors/index.js';

/**
 * Bytes that are not valid BER for LDAP. Always a protocolError: RFC 4511 §4.1.1 says the server
 * answers with a Notice of Disconnection and closes the connection when it cannot decode a PDU.
 */
export class BerDecodeError extends ProtocolError {
  override readonly name: string = 'BerDecodeError';
  /** Byte offset in the PDU where decoding stopped. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.offset = offset;
  }
}
