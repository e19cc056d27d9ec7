import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDACTED, closeLogger, createLogger } from '../../src/util/index.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-log-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function readLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createLogger', () => {
  it('writes JSON lines to a file, creating its directory, with level labels, name and ISO time', async () => {
    const file = join(dir, 'nested', 'warden.log');
    const log = createLogger({ level: 'info', file, name: 'warden' });
    log.info({ dn: 'uid=jdoe,dc=example,dc=com' }, 'bind ok');
    log.debug('below the level');
    log.child({ conn: 7 }).warn('slow client');
    await closeLogger(log);
    const lines = readLines(file);
    assert.equal(lines.length, 2);
    assert.equal(lines[0]?.['level'], 'info');
    assert.equal(lines[0]?.['name'], 'warden');
    assert.equal(lines[0]?.['msg'], 'bind ok');
    assert.equal(lines[0]?.['dn'], 'uid=jdoe,dc=example,dc=com');
    assert.match(String(lines[0]?.['time']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual([lines[1]?.['level'], lines[1]?.['conn'], lines[1]?.['msg']], ['warn', 7, 'slow client']);
    assert.equal(statSync(file).mode & 0o007, 0, 'not readable by other users');
  });

  it('censors secrets at the top level and up to two levels down', async () => {
    const file = join(dir, 'secrets.log');
    const log = createLogger({ level: 'trace', file });
    log.info(
      {
        password: 'p-top',
        credentials: 'c-top',
        userPassword: 'u-top',
        userpassword: 'u-lower',
        newPassword: 'n-top',
        oldPassword: 'o-top',
        bind: { dn: 'cn=admin', credentials: 'c-nested', password: 'p-nested' },
        op: { request: { newPassword: 'n-deep', oldPassword: 'o-deep', userPassword: 'u-deep' } },
        keep: 'visible',
      },
      'with secrets',
    );
    await closeLogger(log);
    const text = readFileSync(file, 'utf8');
    for (const secret of ['p-top', 'c-top', 'u-top', 'u-lower', 'n-top', 'o-top', 'c-nested', 'p-nested', 'n-deep', 'o-deep', 'u-deep']) {
      assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    }
    const [line] = readLines(file);
    assert.equal(line?.['password'], REDACTED);
    assert.equal(line?.['userpassword'], REDACTED);
    assert.deepEqual(line?.['bind'], { dn: 'cn=admin', credentials: REDACTED, password: REDACTED });
    assert.deepEqual(line?.['op'], { request: { newPassword: REDACTED, oldPassword: REDACTED, userPassword: REDACTED } });
    assert.equal(line?.['keep'], 'visible');
  });

  it('appends to an existing file', async () => {
    const file = join(dir, 'append.log');
    for (const msg of ['first', 'second']) {
      const log = createLogger({ level: 'info', file });
      log.info(msg);
      await closeLogger(log);
    }
    assert.deepEqual(readLines(file).map((l) => l['msg']), ['first', 'second']);
  });

  it('refuses an unknown level', () => {
    assert.throws(() => createLogger({ level: 'verbose' }), {
      name: 'RangeError',
      message: "unknown log level 'verbose' (use trace, debug, info, warn, error, fatal, silent)",
    });
  });
});
