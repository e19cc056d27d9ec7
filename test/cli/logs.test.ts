/**
 * The access log of `warden serve` with `log.file`: one JSON line per operation with the fields an operator
 * needs, and no secret (the administrator's password, a userPassword value, a wrong password) anywhere in it.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidCredentialsError } from 'ldapts';
import { ADMIN_DN, SUFFIX, childEnv, dataDirCa, killAllChildren, ldapsClient, startServe } from './warden-process.js';

const ADMIN_PASSWORD = 'Admin-Log-Secret-7781';
const USER_PASSWORD = 'User-Log-Secret-5523';
const WRONG_PASSWORD = 'Wrong-Log-Secret-9904';

const dir = mkdtempSync(join(tmpdir(), 'warden-cli-logs-'));

after(() => {
  killAllChildren();
  rmSync(dir, { recursive: true, force: true });
});

interface LogLine {
  readonly [key: string]: unknown;
}

describe('warden serve access log', () => {
  it('log.file gets one JSON line per operation (connection, client, operation, DN, scope, filter, result, entries, duration) and never a password', async () => {
    const logFile = join(dir, 'access.log');
    const config = join(dir, 'warden.yaml');
    writeFileSync(config, `log: { file: ${logFile} }\n`);
    const data = join(dir, 'data');
    const server = await startServe({ data, config, env: childEnv({ WARDEN_ADMIN_PASSWORD: ADMIN_PASSWORD }) });
    const ca = dataDirCa(data);
    const userDn = `uid=logan,ou=people,${SUFFIX}`;

    const admin = await ldapsClient(server.ldapsUrl, ca, { dn: ADMIN_DN, password: ADMIN_PASSWORD });
    const found = await admin.search(`ou=groups,${SUFFIX}`, { scope: 'sub', filter: '(cn=admin*)', attributes: ['cn'] });
    assert.equal(found.searchEntries.length, 1);
    await admin.add(userDn, { objectClass: ['inetOrgPerson'], uid: 'logan', cn: 'Logan Example', sn: 'Example', userPassword: USER_PASSWORD });
    await admin.unbind();
    const intruder = await ldapsClient(server.ldapsUrl, ca);
    await assert.rejects(intruder.bind(userDn, WRONG_PASSWORD), InvalidCredentialsError);
    await intruder.unbind();
    // SIGTERM flushes and closes the log file before the process exits.
    assert.deepEqual(await server.stop(), { code: 0, signal: null });

    const text = readFileSync(logFile, 'utf8');
    for (const secret of [ADMIN_PASSWORD, USER_PASSWORD, WRONG_PASSWORD]) {
      assert.ok(!text.includes(secret), `the log contains ${secret}`);
      assert.ok(!text.includes(Buffer.from(secret).toString('base64')), `the log contains ${secret} in base64`);
      assert.ok(!text.includes(Buffer.from(secret).toString('hex')), `the log contains ${secret} in hex`);
    }
    const lines = text.split('\n').filter((l) => l !== '');
    const records = lines.map((l) => JSON.parse(l) as LogLine); // every line is JSON
    const operations = records.filter((r) => r['msg'] === 'operation');
    assert.deepEqual(
      operations.map((r) => [r['op'], r['result']]),
      [['bind', 0], ['search', 0], ['add', 0], ['bind', 49]],
      'exactly one line per bind, search, add and failed bind, in order',
    );
    const [bind, search, add, failed] = operations as [LogLine, LogLine, LogLine, LogLine];
    for (const line of operations) {
      assert.equal(typeof line['conn'], 'number', 'connection id');
      assert.equal(typeof line['msgid'], 'number', 'message id');
      assert.match(String(line['client']), /^(::ffff:)?127\.0\.0\.1$/, 'client address');
      assert.equal(typeof line['ms'], 'number', 'duration');
      assert.ok((line['ms'] as number) >= 0);
      assert.equal(typeof line['time'], 'string');
    }
    assert.equal(bind['conn'], search['conn']);
    assert.equal(search['conn'], add['conn']);
    assert.notEqual(failed['conn'], bind['conn'], 'the failed bind came on its own connection');
    assert.equal(bind['dn'], ADMIN_DN);
    assert.equal(bind['method'], 'simple');
    assert.deepEqual(
      { base: search['base'], scope: search['scope'], filter: search['filter'], entries: search['entries'] },
      { base: `ou=groups,${SUFFIX}`, scope: 'sub', filter: '(cn=admin*)', entries: 1 },
    );
    assert.equal(add['dn'], userDn);
    assert.equal(failed['dn'], userDn);
  });
});
