import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { PduFramer } from '../../src/ber/index.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/index.js';
import type { LdapMessage } from '../../src/protocol/index.js';

/**
 * A tiny LDAP peer for codec tests: it frames and decodes every request with Warden's codec, records it, and
 * answers with whatever the test's `respond` returns (encoded with Warden's codec). It is not a server: it keeps
 * no directory, it only lets a real client and Warden's codec talk to each other over a real socket.
 */
export interface MiniResponder {
  readonly port: number;
  readonly url: string;
  readonly received: LdapMessage[];
  readonly errors: unknown[];
  close(): Promise<void>;
}

export type Respond = (request: LdapMessage) => LdapMessage[];

export async function startMiniResponder(respond: Respond): Promise<MiniResponder> {
  const received: LdapMessage[] = [];
  const errors: unknown[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const framer = new PduFramer(1 << 24);
    socket.on('data', (chunk: Buffer) => {
      try {
        framer.push(chunk);
        for (const pdu of framer.drain()) {
          const message = decodeMessage(pdu);
          received.push(message);
          if (message.protocolOp.type === 'unbindRequest') {
            socket.end();
            return;
          }
          for (const reply of respond(message)) socket.write(encodeMessage(reply));
        }
      } catch (err) {
        errors.push(err);
        socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `ldap://127.0.0.1:${port}`,
    received,
    errors,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const success = { resultCode: 0, matchedDN: '', diagnosticMessage: '' } as const;

/** The canned answer for each request type: success, with the response op that matches the request. */
export function defaultResponses(request: LdapMessage): LdapMessage[] {
  const messageId = request.messageId;
  const reply = (protocolOp: LdapMessage['protocolOp']): LdapMessage => ({ messageId, protocolOp, controls: [] });
  switch (request.protocolOp.type) {
    case 'bindRequest':
      return [reply({ type: 'bindResponse', ...success })];
    case 'searchRequest':
      return [reply({ type: 'searchResultDone', ...success })];
    case 'modifyRequest':
      return [reply({ type: 'modifyResponse', ...success })];
    case 'addRequest':
      return [reply({ type: 'addResponse', ...success })];
    case 'delRequest':
      return [reply({ type: 'delResponse', ...success })];
    case 'modifyDNRequest':
      return [reply({ type: 'modifyDNResponse', ...success })];
    case 'compareRequest':
      return [reply({ type: 'compareResponse', resultCode: 6, matchedDN: '', diagnosticMessage: '' })];
    case 'extendedRequest':
      return [reply({ type: 'extendedResponse', ...success })];
    default:
      return [];
  }
}
