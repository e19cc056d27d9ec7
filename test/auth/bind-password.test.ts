import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Attribute, Change, Client, InvalidCredentialsError } from 'ldapts';
import { verifyPassword } from '../../src/auth/index.js';
import { importLdif, openDirectory } from '../../src/server/index.js';
import type { Directory } from '../../src/server/index.js';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const FRESH = /^\{ARGON2\}\$argon2id\$v=19\$m=19456,t=2,p=1\$/;
// slappasswd -h '{SSHA}' -s secret
const SSHA_SECRET = '{SSHA}SxGmgWHvCateX/8yBiJ9tHHAI/QjKYLw';
// openssl passwd -6 -salt ABCDEFGHijklmnop 'pässwörd'
const CRYPT_PASSWORD = '{CRYPT}$6$ABCDEFGHijklmnop$sTFauDXQnwjfhgV7HjfVOLa8uZXt3aPC9wFWjjZ1EjBzYvPWNYuiUmBE3JmvlxXu9lOB1nOYySj8N2CRRzzo0.';

function stored(directory: Directory, dn: string, type = 'userPassword'): string[] {
  const entry = directory.backend.read((txn) => txn.getByNdn(directory.target(dn).ndn));
  assert.ok(entry !== undefined, dn);
  return directory.valuesOf(entry.attributes, type).map((v) => v.toString('utf8'));
}

describe('passwords through the server', () => {
  let server: TestServer;
  let ca: Buffer;
  let admin: Client;

  before(async () => {
    server = await startTestServer();
    ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
    admin = await client();
    await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
  });

  after(async () => {
    await admin.unbind();
    await server.stop();
  });

  function client(): Client {
    return new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] }, timeout: 10000 });
  }

  async function addUser(uid: string, passwords: string[]): Promise<string> {
    const dn = `uid=${uid},ou=people,${SUFFIX}`;
    await admin.add(dn, { objectClass: ['inetOrgPerson'], uid, cn: uid, sn: uid, userPassword: passwords });
    return dn;
  }

  async function bindAs(dn: string, password: string): Promise<void> {
    const c = client();
    try {
      await c.bind(dn, password);
    } finally {
      await c.unbind();
    }
  }

  it('the administrator created on first start has a fresh Argon2id hash', () => {
    const values = stored(server.runtime.directory, ADMIN_DN);
    assert.equal(values.length, 1);
    assert.match(values[0] as string, FRESH);
  });

  it('a cleartext password given to add or modify is stored as Argon2id; a pre-hashed one is kept as given', async () => {
    const dn = await addUser('carol', ['carol-pw']);
    assert.match(stored(server.runtime.directory, dn)[0] as string, FRESH);
    await bindAs(dn, 'carol-pw');
    await admin.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: ['carol-new', SSHA_SECRET] }) }));
    const values = stored(server.runtime.directory, dn);
    assert.match(values[0] as string, FRESH);
    assert.equal(values[1], SSHA_SECRET);
    await bindAs(dn, 'carol-new');
  });

  it('a bind against a legacy value succeeds and replaces that value with Argon2id, leaving modifyTimestamp alone', async () => {
    const dn = await addUser('dave', [SSHA_SECRET]);
    const before = stored(server.runtime.directory, dn, 'modifyTimestamp');
    await bindAs(dn, 'secret');
    const after = stored(server.runtime.directory, dn);
    assert.equal(after.length, 1);
    assert.match(after[0] as string, FRESH);
    assert.deepEqual(await verifyPassword(Buffer.from(after[0] as string), Buffer.from('secret')), { ok: true, scheme: 'ARGON2', needsRehash: false });
    assert.deepEqual(stored(server.runtime.directory, dn, 'modifyTimestamp'), before);
    // The new hash works, and the next bind leaves it as it is.
    await bindAs(dn, 'secret');
    assert.deepEqual(stored(server.runtime.directory, dn), after);
  });

  it('only the value that matched is rehashed; other values stay', async () => {
    const dn = await addUser('erin', [SSHA_SECRET, CRYPT_PASSWORD]);
    await bindAs(dn, 'pässwörd');
    const values = stored(server.runtime.directory, dn);
    assert.equal(values[0], SSHA_SECRET);
    assert.match(values[1] as string, FRESH);
    await bindAs(dn, 'secret');
    await bindAs(dn, 'pässwörd');
  });

  it('an unknown DN, an entry without a password and a wrong password get the same answer', async () => {
    const noPassword = `uid=frank,ou=people,${SUFFIX}`;
    await admin.add(noPassword, { objectClass: ['inetOrgPerson'], uid: 'frank', cn: 'frank', sn: 'frank' });
    const dn = await addUser('gina', [SSHA_SECRET]);
    const answers: string[] = [];
    for (const [who, password] of [[`uid=nobody,ou=people,${SUFFIX}`, 'secret'], [noPassword, 'secret'], [dn, 'wrong']] as const) {
      await assert.rejects(bindAs(who, password), (err: unknown) => {
        assert.ok(err instanceof InvalidCredentialsError);
        answers.push(`${err.code}:${err.message}`);
        return true;
      });
    }
    assert.equal(new Set(answers).size, 1, answers.join(' | '));
    // A failed bind never rewrites the stored value.
    assert.deepEqual(stored(server.runtime.directory, dn), [SSHA_SECRET]);
  });
});

describe('import', () => {
  it('hashes cleartext userPassword values with Argon2id and keeps values that carry a scheme', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-import-'));
    const directory = await openDirectory({ dataDir, suffix: SUFFIX, indexes: [], noSync: true });
    try {
      const ldif = [
        `dn: ${SUFFIX}`, 'objectClass: dcObject', 'objectClass: organization', 'dc: example', 'o: example', '',
        `dn: uid=a,${SUFFIX}`, 'objectClass: inetOrgPerson', 'uid: a', 'cn: a', 'sn: a', 'userPassword: plain-pw', `userPassword: ${SSHA_SECRET}`, '',
        `dn: uid=b,${SUFFIX}`, 'objectClass: inetOrgPerson', 'uid: b', 'cn: b', 'sn: b', 'userPassword: other-pw', '',
      ].join('\n');
      const report = await importLdif(directory, Readable.from([ldif]), { batchSize: 2 });
      assert.equal(report.added, 3);
      assert.equal(report.rejected, 0);
      const a = stored(directory, `uid=a,${SUFFIX}`);
      assert.match(a[0] as string, FRESH);
      assert.equal(a[1], SSHA_SECRET);
      assert.equal((await verifyPassword(Buffer.from(a[0] as string), Buffer.from('plain-pw'))).ok, true);
      const b = stored(directory, `uid=b,${SUFFIX}`);
      assert.equal((await verifyPassword(Buffer.from(b[0] as string), Buffer.from('other-pw'))).ok, true);
    } finally {
      await directory.backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
