/**
 * The audit trail over real sockets: every bind (success and failure, with method and TLS state), every write (who,
 * which DN, which attributes, from where) and every denial lands in <data>/audit.log as a JSON line, without secrets.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('audit log', () => {
  let server: TestServer;
  let records: Record<string, unknown>[];

  before(async () => {
    server = await startTestServer();
    const ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
    const connect = (): Client => new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] }, timeout: 10000 });
    const admin = connect();
    await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
    await admin.add(`uid=audited,ou=people,${SUFFIX}`, { objectClass: 'inetOrgPerson', uid: 'audited', cn: 'A', sn: 'A', userPassword: 'audited-secret-pw' });
    await admin.modify(`uid=audited,ou=people,${SUFFIX}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'mail', values: ['a@example.com'] }) }));
    await admin.unbind();
    const wrong = connect();
    await assert.rejects(wrong.bind(ADMIN_DN, 'wrong-password-xyz'));
    await wrong.unbind().catch(() => undefined);
    const user = connect();
    await user.bind(`uid=audited,ou=people,${SUFFIX}`, 'audited-secret-pw');
    await assert.rejects(user.del(ADMIN_DN));
    await user.unbind();
    await server.runtime.stop(1000); // flushes and closes the audit log
    records = readFileSync(join(server.dataDir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  });

  after(async () => {
    await server.stop().catch(() => undefined);
  });

  it('is private to the server user', () => {
    assert.equal(statSync(join(server.dataDir, 'audit.log')).mode & 0o077, 0);
  });

  it('records binds, successful and failed, with method, TLS state and client', () => {
    const binds = records.filter((r) => r['type'] === 'bind');
    assert.deepEqual(
      binds.map((r) => [r['identity'], r['result'], r['method'], r['tls'], r['client']]),
      [
        [ADMIN_DN, 0, 'simple', true, '127.0.0.1'],
        [ADMIN_DN, 49, 'simple', true, '127.0.0.1'],
        [`uid=audited,ou=people,${SUFFIX}`, 0, 'simple', true, '127.0.0.1'],
      ],
    );
  });

  it('records writes with who, what DN and which attributes', () => {
    const writes = records.filter((r) => r['type'] === 'write');
    const add = writes.find((r) => r['op'] === 'add');
    assert.equal(add?.['identity'], ADMIN_DN);
    assert.equal(add?.['dn'], `uid=audited,ou=people,${SUFFIX}`);
    assert.match(String(add?.['attrs']), /userPassword/);
    const modify = writes.find((r) => r['op'] === 'modify');
    assert.equal(modify?.['mods'], 'replace:mail');
  });

  it('records denials', () => {
    const denial = records.find((r) => r['type'] === 'denial');
    assert.equal(denial?.['op'], 'del');
    assert.equal(denial?.['result'], 50);
    assert.equal(denial?.['identity'], `uid=audited,ou=people,${SUFFIX}`);
  });

  it('never contains a password', () => {
    const text = JSON.stringify(records);
    for (const secret of [ADMIN_PASSWORD, 'wrong-password-xyz', 'audited-secret-pw']) assert.equal(text.includes(secret), false);
  });
});
