import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { PduFramer } from '../../src/ber/index.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/index.js';
import type { LdapMessage, ProtocolOp } from '../../src/protocol/index.js';

/**
 * A bare LDAP connection for protocol tests: sends whatever bytes or messages a test builds and collects every
 * message the server sends back, so tests can check ordering, notices of disconnection and closes.
 */
export class RawClient {
  readonly received: LdapMessage[] = [];
  readonly socket: Socket | TLSSocket;
  #framer = new PduFramer(1 << 26);
  #waiters: (() => void)[] = [];
  closed = false;
  #closedWaiters: (() => void)[] = [];

  private constructor(socket: Socket | TLSSocket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#framer.push(chunk);
      for (const pdu of this.#framer.drain()) this.received.push(decodeMessage(pdu));
      for (const w of this.#waiters.splice(0)) w();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.#waiters.splice(0)) w();
      for (const w of this.#closedWaiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
  }

  static async plain(port: number): Promise<RawClient> {
    const socket = netConnect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawClient(socket);
  }

  static async tls(port: number, ca: Buffer): Promise<RawClient> {
    const socket = tlsConnect({ port, host: '127.0.0.1', ca: [ca], servername: 'localhost' });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    return new RawClient(socket);
  }

  send(messageId: number, protocolOp: ProtocolOp, controls: LdapMessage['controls'] = []): void {
    this.socket.write(encodeMessage({ messageId, protocolOp, controls }));
  }

  sendBytes(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Waits until `predicate` holds over the received messages (or the connection closes, or the timeout). */
  async waitFor(predicate: (received: readonly LdapMessage[]) => boolean, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (this.closed) throw new Error(`connection closed; received ${this.received.map((m) => `${m.messageId}:${m.protocolOp.type}`).join(', ')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received ${this.received.length} messages`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 10000): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connection did not close')), timeoutMs);
      this.#closedWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  responsesTo(messageId: number): LdapMessage[] {
    return this.received.filter((m) => m.messageId === messageId);
  }

  close(): void {
    this.socket.destroy();
  }
}

export function bindOp(dn: string, password: string): ProtocolOp {
  return { type: 'bindRequest', version: 3, name: dn, authentication: { method: 'simple', password: Buffer.from(password) } };
}
