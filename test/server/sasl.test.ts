/** SASL binds over real sockets: PLAIN over TLS only, advertised per connection, throttled like simple binds. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { RawClient } from '../helpers/raw-client.js';

const USER = `uid=sasluser,ou=people,${SUFFIX}`;
const plain = (authcid: string, password: string, authzid = ''): string => `${authzid}\u0000${authcid}\u0000${password}`;

describe('SASL binds', () => {
  let server: TestServer;
  let ca: Buffer;

  before(async () => {
    server = await startTestServer();
    ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
    const admin = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
    await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
    await admin.add(USER, { objectClass: 'inetOrgPerson', uid: 'sasluser', cn: 'Sasl User', sn: 'User', userPassword: 'sasl-pw' });
    await admin.unbind();
  });

  after(async () => {
    await server.stop();
  });

  it('PLAIN over LDAPS binds as the entry whose uid is the authentication identity', async () => {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
    await client.bindSASL('PLAIN', plain('sasluser', 'sasl-pw'));
    const { value } = await client.exop('1.3.6.1.4.1.4203.1.11.3');
    assert.equal(value, `dn:${USER}`);
    await client.unbind();
  });

  it('a wrong PLAIN password gets invalidCredentials (49)', async () => {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
    await assert.rejects(client.bindSASL('PLAIN', plain('sasluser', 'nope')), (err: Error & { code?: number }) => err.code === 49);
    await client.unbind().catch(() => undefined);
  });

  it('supportedSASLMechanisms lists PLAIN on TLS and nothing in cleartext', async () => {
    const tls = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
    const secure = await tls.search('', { scope: 'base', attributes: ['supportedSASLMechanisms'] });
    assert.equal(secure.searchEntries[0]?.['supportedSASLMechanisms'], 'PLAIN');
    await tls.unbind();
    const clear = new Client({ url: server.ldapUrl });
    const open = await clear.search('', { scope: 'base', attributes: ['supportedSASLMechanisms'] });
    assert.deepEqual(open.searchEntries[0]?.['supportedSASLMechanisms'], []);
    await clear.unbind();
  });

  it('a SASL bind in cleartext is refused before any check (13); unknown mechanisms get authMethodNotSupported (7)', async () => {
    const raw = await RawClient.plain(server.port);
    raw.send(1, { type: 'bindRequest', version: 3, name: '', authentication: { method: 'sasl', mechanism: 'PLAIN', credentials: Buffer.from(plain('sasluser', 'sasl-pw')) } });
    await raw.waitFor((r) => r.length === 1);
    assert.equal((raw.received[0]?.protocolOp as { resultCode: number }).resultCode, 13);
    raw.close();
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
    await assert.rejects(client.bindSASL('DIGEST-MD5', 'x'), (err: Error & { code?: number }) => err.code === 7);
    await client.unbind().catch(() => undefined);
  });
});
