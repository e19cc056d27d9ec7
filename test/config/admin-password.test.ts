import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ADMIN_PASSWORD_ENV, AdminPassword, ConfigError, readAdminPassword } from '../../src/config/index.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-adminpw-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function secretFile(name: string, content: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return path;
}

describe('readAdminPassword', () => {
  it('is undefined when neither a file nor the environment gives one', () => {
    assert.equal(readAdminPassword({ admin: { dn: 'cn=admin' } }, {}), undefined);
  });

  it('reads the environment variable and says so', () => {
    const pw = readAdminPassword({ admin: { dn: 'cn=admin' } }, { [ADMIN_PASSWORD_ENV]: 'hunter2 ü' });
    assert.ok(pw instanceof AdminPassword);
    assert.equal(pw.source, 'environment');
    assert.equal(pw.description, 'environment variable WARDEN_ADMIN_PASSWORD');
    assert.deepEqual(pw.reveal(), Buffer.from('hunter2 ü'));
  });

  it('reads the file, dropping one trailing newline (LF or CRLF) only', () => {
    const lf = secretFile('lf.pw', 's3cret\n');
    assert.deepEqual(readAdminPassword({ admin: { dn: 'x', passwordFile: lf } }, {})?.reveal(), Buffer.from('s3cret'));
    const crlf = secretFile('crlf.pw', 's3cret\r\n');
    assert.deepEqual(readAdminPassword({ admin: { dn: 'x', passwordFile: crlf } }, {})?.reveal(), Buffer.from('s3cret'));
    const two = secretFile('two.pw', 'a b \n\n');
    assert.deepEqual(readAdminPassword({ admin: { dn: 'x', passwordFile: two } }, {})?.reveal(), Buffer.from('a b \n'));
  });

  it('prefers the configured file over the environment', () => {
    const file = secretFile('pref.pw', 'from-file');
    const pw = readAdminPassword({ admin: { dn: 'x', passwordFile: file } }, { [ADMIN_PASSWORD_ENV]: 'from-env' });
    assert.equal(pw?.source, 'passwordFile');
    assert.equal(pw?.description, `admin.passwordFile '${file}'`);
    assert.deepEqual(pw?.reveal(), Buffer.from('from-file'));
  });

  const refusals: [string, () => string | undefined, Record<string, string>, string][] = [
    ['an empty environment variable', () => undefined, { [ADMIN_PASSWORD_ENV]: '' }, 'environment variable WARDEN_ADMIN_PASSWORD is set but empty'],
    ['an empty file', () => secretFile('empty.pw', '\n'), {}, "admin.passwordFile: 'D/empty.pw' is empty"],
    ['a missing file', () => join(dir, 'none.pw'), {}, "admin.passwordFile: cannot read 'D/none.pw': no such file"],
    [
      'a file other users can read',
      () => secretFile('open.pw', 'x', 0o644),
      {},
      "admin.passwordFile: 'D/open.pw' is accessible by other users (mode 0644); run chmod o-rwx on it",
    ],
  ];
  for (const [name, makeFile, env, message] of refusals) {
    it(`refuses ${name}`, () => {
      const passwordFile = makeFile();
      const admin = passwordFile === undefined ? { dn: 'x' } : { dn: 'x', passwordFile };
      assert.throws(() => readAdminPassword({ admin }, env), (err: unknown) => {
        return err instanceof ConfigError && err.message === message.replace('D/', `${dir}/`);
      });
    });
  }

  it('never shows the secret when logged, inspected or JSON-encoded', () => {
    const pw = readAdminPassword({ admin: { dn: 'x' } }, { [ADMIN_PASSWORD_ENV]: 'TOPSECRET' });
    assert.ok(pw);
    assert.equal(JSON.stringify({ pw }), '{"pw":{"source":"environment","description":"environment variable WARDEN_ADMIN_PASSWORD"}}');
    assert.equal(inspect(pw), 'AdminPassword(environment variable WARDEN_ADMIN_PASSWORD)');
    assert.ok(!inspect({ nested: pw }, { depth: 5, showHidden: true }).includes('TOPSECRET'));
    assert.ok(!String(Object.values(pw)).includes('TOPSECRET'));
  });

  it('hands out copies of the bytes', () => {
    const pw = readAdminPassword({ admin: { dn: 'x' } }, { [ADMIN_PASSWORD_ENV]: 'abc' });
    pw?.reveal().fill(0);
    assert.deepEqual(pw?.reveal(), Buffer.from('abc'));
  });
});
