/**
 * Connection-level behaviour over real sockets: bad input, pipelining, abandon, limits and backpressure.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFilter } from '../../src/filter/index.js';
import { NOTICE_OF_DISCONNECTION_OID } from '../../src/protocol/index.js';
import type { LdapMessage, ProtocolOp } from '../../src/protocol/index.js';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { RawClient, bindOp } from '../helpers/raw-client.js';

function searchOp(base: string, filter: string, attributes: string[] = [], sizeLimit = 0, timeLimit = 0): ProtocolOp {
  return { type: 'searchRequest', baseObject: base, scope: 'sub', derefAliases: 'never', sizeLimit, timeLimit, typesOnly: false, filter: parseFilter(filter), attributes };
}

function resultCode(message: LdapMessage | undefined): number | undefined {
  const op = message?.protocolOp as { resultCode?: number } | undefined;
  return op?.resultCode;
}

const BULK = 600;

describe('connection behaviour', () => {
  let server: TestServer;
  let ca: Buffer;

  async function admin(): Promise<RawClient> {
    const client = await RawClient.tls(server.ldapsPort, ca);
    client.send(1, bindOp(ADMIN_DN, ADMIN_PASSWORD));
    await client.waitFor((r) => r.some((m) => m.messageId === 1));
    assert.equal(resultCode(client.responsesTo(1)[0]), 0);
    return client;
  }

  before(async () => {
    server = await startTestServer({ tweak: (c) => ({ ...c, limits: { ...c.limits, writeTimeoutSeconds: 2 } }) });
    ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
    const client = await admin();
    // Bulk entries with a large attribute each, for abandon and backpressure tests.
    const description = Buffer.alloc(2000, 0x61);
    for (let i = 0; i < BULK; i++) {
      client.send(100 + i, {
        type: 'addRequest',
        entry: `uid=bulk${i},ou=people,${SUFFIX}`,
        attributes: [
          { type: 'objectClass', values: [Buffer.from('inetOrgPerson')] },
          { type: 'uid', values: [Buffer.from(`bulk${i}`)] },
          { type: 'cn', values: [Buffer.from(`Bulk ${i}`)] },
          { type: 'sn', values: [Buffer.from('Bulk')] },
          { type: 'description', values: [description] },
        ],
      });
    }
    await client.waitFor((r) => r.filter((m) => m.protocolOp.type === 'addResponse').length === BULK, 60000);
    assert.ok(client.received.filter((m) => m.protocolOp.type === 'addResponse').every((m) => resultCode(m) === 0));
    client.close();
  });

  after(async () => {
    await server.stop();
  });

  it('undecodable bytes get a Notice of Disconnection (protocolError) and the connection closes', async () => {
    const client = await RawClient.plain(server.port);
    client.sendBytes(Buffer.from('300602010163010a', 'hex')); // a SearchRequest cut short inside its body
    await client.waitClosed();
    const notice = client.received.at(-1);
    assert.equal(notice?.messageId, 0);
    assert.equal(notice?.protocolOp.type, 'extendedResponse');
    assert.equal((notice?.protocolOp as { responseName?: string }).responseName, NOTICE_OF_DISCONNECTION_OID);
    assert.equal(resultCode(notice), 2);
  });

  it('a PDU larger than the anonymous limit is refused before it is read', async () => {
    const client = await RawClient.plain(server.port);
    client.sendBytes(Buffer.from([0x30, 0x84, 0x00, 0x10, 0x00, 0x00, 0x02, 0x01, 0x01]));
    await client.waitClosed();
    assert.equal(resultCode(client.received.at(-1)), 2);
    assert.match(String((client.received.at(-1)?.protocolOp as { diagnosticMessage?: string }).diagnosticMessage), /exceeds the maximum of 262143/);
  });

  it('a response op sent as a request is a protocol error', async () => {
    const client = await RawClient.plain(server.port);
    client.send(5, { type: 'delResponse', resultCode: 0, matchedDN: '', diagnosticMessage: '' });
    await client.waitClosed();
    assert.equal(resultCode(client.received.at(-1)), 2);
  });

  it('pipelined requests are all answered, each with its own messageID', async () => {
    const client = await admin();
    for (let i = 0; i < 20; i++) client.send(10 + i, searchOp(`uid=bulk${i},ou=people,${SUFFIX}`, '(objectClass=*)', ['uid']));
    await client.waitFor((r) => r.filter((m) => m.protocolOp.type === 'searchResultDone').length === 20);
    for (let i = 0; i < 20; i++) {
      const responses = client.responsesTo(10 + i);
      assert.equal(responses.length, 2);
      assert.equal(responses[0]?.protocolOp.type, 'searchResultEntry');
      assert.equal(resultCode(responses[1]), 0);
    }
    client.close();
  });

  it('abandon stops a running search: no SearchResultDone, and the connection keeps working', async () => {
    const client = await admin();
    client.send(2, searchOp(`ou=people,${SUFFIX}`, '(uid=bulk*)'));
    client.send(3, { type: 'abandonRequest', messageId: 2 });
    client.send(4, { type: 'extendedRequest', requestName: '1.3.6.1.4.1.4203.1.11.3' });
    await client.waitFor((r) => r.some((m) => m.messageId === 4));
    await new Promise((r) => setTimeout(r, 200));
    const entries = client.responsesTo(2).filter((m) => m.protocolOp.type === 'searchResultEntry').length;
    assert.ok(entries < BULK, `abandoned search sent all ${entries} entries`);
    assert.equal(client.responsesTo(2).some((m) => m.protocolOp.type === 'searchResultDone'), false);
    assert.equal(client.responsesTo(3).length, 0);
    client.close();
  });

  it('cancel (RFC 3909) answers canceled for the operation and success for the cancel', async () => {
    const client = await admin();
    client.send(2, searchOp(`ou=people,${SUFFIX}`, '(uid=bulk*)'));
    client.send(3, { type: 'extendedRequest', requestName: '1.3.6.1.1.8', requestValue: Buffer.from('3003020102', 'hex') });
    await client.waitFor((r) => r.some((m) => m.messageId === 3) && r.some((m) => m.messageId === 2 && m.protocolOp.type === 'searchResultDone'));
    const done = client.responsesTo(2).find((m) => m.protocolOp.type === 'searchResultDone');
    // Either the cancel arrived in time (118) or the search had already finished (then Cancel says tooLate/noSuchOperation).
    const cancelCode = resultCode(client.responsesTo(3)[0]);
    if (cancelCode === 0) assert.equal(resultCode(done), 118);
    else assert.equal(cancelCode, 119);
    client.close();
  });

  it('a client that stops reading is disconnected instead of growing server memory', async () => {
    const client = await admin();
    client.socket.pause();
    // Every bulk entry, many times over: far more than socket buffers hold.
    for (let i = 0; i < 10; i++) client.send(10 + i, searchOp(`ou=people,${SUFFIX}`, '(uid=bulk*)'));
    // The server gives up on the connection once its send buffer stays full for writeTimeoutSeconds (2 s here).
    const deadline = Date.now() + 15000;
    while (server.runtime.server.connectionCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.runtime.server.connectionCount, 0);
    // A paused socket sees the close only once it reads what was already delivered.
    client.socket.resume();
    await client.waitClosed(15000);
    assert.ok(client.received.filter((m) => m.protocolOp.type === 'searchResultDone').length < 10);
  });

  it('a search that outlives its time limit ends with timeLimitExceeded (3) after the entries sent so far', async () => {
    const client = await admin();
    // 200 entries of 50 kB: far more than socket buffers hold, so the search must wait for the client to read.
    const big = Buffer.alloc(50_000, 0x62);
    for (let i = 0; i < 200; i++) {
      client.send(1000 + i, {
        type: 'addRequest',
        entry: `uid=big${i},ou=people,${SUFFIX}`,
        attributes: [
          { type: 'objectClass', values: [Buffer.from('inetOrgPerson')] },
          { type: 'uid', values: [Buffer.from(`big${i}`)] },
          { type: 'cn', values: [Buffer.from('Big')] },
          { type: 'sn', values: [Buffer.from('Big')] },
          { type: 'description', values: [big] },
        ],
      });
    }
    await client.waitFor((r) => r.filter((m) => m.messageId >= 1000 && m.messageId < 1200).length === 200, 60000);
    client.socket.pause();
    client.send(2, searchOp(`ou=people,${SUFFIX}`, '(uid=big*)', [], 0, 1));
    // Longer than the 1 s time limit, shorter than the 2 s write timeout this server is configured with.
    await new Promise((r) => setTimeout(r, 1500));
    client.socket.resume();
    await client.waitFor((r) => r.some((m) => m.messageId === 2 && m.protocolOp.type === 'searchResultDone'), 20000);
    const responses = client.responsesTo(2);
    assert.equal(resultCode(responses.at(-1)), 3);
    assert.ok(responses.length - 1 < 200, `all ${responses.length - 1} entries were sent`);
    client.close();
  });

  it('unknown critical controls are refused with unavailableCriticalExtension (12); non-critical ones are ignored', async () => {
    const client = await admin();
    client.send(2, searchOp(`uid=bulk1,ou=people,${SUFFIX}`, '(objectClass=*)'), [{ oid: '1.2.3.4.5', critical: true }]);
    client.send(3, searchOp(`uid=bulk1,ou=people,${SUFFIX}`, '(objectClass=*)'), [{ oid: '1.2.3.4.5', critical: false }]);
    await client.waitFor((r) => r.some((m) => m.messageId === 2) && r.some((m) => m.messageId === 3 && m.protocolOp.type === 'searchResultDone'));
    assert.equal(resultCode(client.responsesTo(2)[0]), 12);
    assert.equal(resultCode(client.responsesTo(3).at(-1)), 0);
    client.close();
  });

  it('StartTLS is refused on a TLS connection (operationsError) and with operations outstanding', async () => {
    const client = await admin();
    client.send(2, { type: 'extendedRequest', requestName: '1.3.6.1.4.1.1466.20037' });
    await client.waitFor((r) => r.some((m) => m.messageId === 2));
    assert.equal(resultCode(client.responsesTo(2)[0]), 1);
    client.close();
  });

  it('the unbind closes the connection without a response', async () => {
    const client = await admin();
    client.send(2, { type: 'unbindRequest' });
    await client.waitClosed();
    assert.equal(client.responsesTo(2).length, 0);
  });
});
