/**
 * `workers: 2`: two server processes share the listeners and one LMDB environment; a write through either is
 * visible through the other at once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ldapts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const ADMIN = 'cn=admin,dc=example,dc=com';
const PASSWORD = 'workers-secret';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('warden serve with two worker processes', () => {
  let dir: string;
  let child: ChildProcess;
  let port: number;
  let ca: Buffer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-workers-'));
    port = await freePort();
    writeFileSync(join(dir, 'warden.yaml'), `workers: 2\nlog:\n  level: warn\n`);
    child = spawn(process.execPath, [join(repoRoot, 'bin', 'warden.js'), 'serve', '-c', join(dir, 'warden.yaml'), '--data', join(dir, 'data'), '--listen', `ldaps://127.0.0.1:${port}`], {
      env: { ...process.env, WARDEN_ADMIN_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('worker processes')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
    });
    ca = readFileSync(join(dir, 'data', 'tls', 'cert.pem'));
  });

  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs two worker processes under the primary', () => {
    const children = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).trim().split('\n');
    assert.equal(children.length, 2);
  });

  it('writes through any connection are visible through every other', async () => {
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = new Client({ url: `ldaps://127.0.0.1:${port}`, tlsOptions: { ca: [ca] }, timeout: 10000 });
        await client.bind(ADMIN, PASSWORD);
        return client;
      }),
    );
    try {
      await Promise.all(clients.map((c, i) => c.add(`uid=w${i},ou=people,dc=example,dc=com`, { objectClass: 'inetOrgPerson', uid: `w${i}`, cn: `W ${i}`, sn: 'Worker' })));
      for (const c of clients) {
        const { searchEntries } = await c.search('ou=people,dc=example,dc=com', { filter: '(sn=Worker)', attributes: ['uid'] });
        assert.equal(searchEntries.length, 8);
      }
    } finally {
      await Promise.all(clients.map((c) => c.unbind()));
    }
  });
});
