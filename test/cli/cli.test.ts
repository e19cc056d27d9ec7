import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = `${repoRoot}bin/warden.js`;
const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version: string };

describe('warden CLI', () => {
  it('--version prints the package version', () => {
    assert.equal(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim(), pkg.version);
  });

  it('--help describes the program', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    assert.match(out, /^Usage: warden /);
    assert.match(out, /secure-by-default LDAPv3/);
  });

  it('an unknown option fails with a one-line error and a non-zero status', () => {
    assert.throws(
      () => execFileSync(process.execPath, [bin, '--no-such-option'], { encoding: 'utf8', stdio: 'pipe' }),
      (err: { status: number; stderr: string }) => err.status !== 0 && /unknown option '--no-such-option'/.test(err.stderr),
    );
  });

  it('import of a missing file fails with one line naming it and creates no data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
    try {
      const missing = join(dir, 'missing.ldif');
      assert.throws(
        () => execFileSync(process.execPath, [bin, 'import', missing, '--data', join(dir, 'data')], { encoding: 'utf8', stdio: 'pipe' }),
        (err: { status: number; stderr: string }) => err.status === 1 && err.stderr === `warden: ENOENT: no such file or directory, open '${missing}'\n`,
      );
      assert.ok(!existsSync(join(dir, 'data')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('import --batch 0 is a usage error', () => {
    assert.throws(
      () => execFileSync(process.execPath, [bin, 'import', '-', '--batch', '0'], { encoding: 'utf8', stdio: 'pipe' }),
      (err: { status: number; stderr: string }) => err.status === 1 && /option '--batch <n>' argument '0' is invalid\. must be a positive integer/.test(err.stderr),
    );
  });
});
