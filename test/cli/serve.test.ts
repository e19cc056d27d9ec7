/**
 * `warden serve` as a real process: first start, the generated administrator password, a busy port, bad
 * configuration files, graceful shutdown on SIGTERM and certificate reload on SIGHUP.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { InvalidCredentialsError } from 'ldapts';
import { PduFramer } from '../../src/ber/index.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/index.js';
import type { LdapMessage } from '../../src/protocol/index.js';
import { generateSelfSigned } from '../../src/security/index.js';
import {
  ADMIN_DN, SUFFIX, childEnv, dataDirCa, killAllChildren, ldapsClient, runWarden, servedFingerprint, startServe,
} from './warden-process.js';

const NOTICE_OF_DISCONNECTION_OID = '1.3.6.1.4.1.1466.20036';
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-cli-serve-'));
  temps.push(dir);
  return dir;
}

after(() => {
  killAllChildren();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('warden serve', () => {
  it('first start on an empty data dir creates the suffix, ou=people, ou=groups, cn=admin and cn=administrators,ou=groups and prints the certificate fingerprint', async () => {
    const data = join(tempDir(), 'data');
    const server = await startServe({ data, env: childEnv({ WARDEN_ADMIN_PASSWORD: 'Bootstrap-Pw-1' }) });
    const expected = [SUFFIX, `ou=people,${SUFFIX}`, `ou=groups,${SUFFIX}`, ADMIN_DN, `cn=administrators,ou=groups,${SUFFIX}`];
    await server.waitForStdout(/password from environment variable WARDEN_ADMIN_PASSWORD\n/);
    assert.match(server.stdout(), new RegExp(`\\n  created ${expected.join('; ')}\\n`));

    const pem = readFileSync(join(data, 'tls', 'cert.pem'), 'utf8');
    const fromFile = new X509Certificate(pem).fingerprint256;
    assert.equal(server.fingerprint, fromFile);
    assert.equal(await servedFingerprint(server.ldapsPort), fromFile);

    const client = await ldapsClient(server.ldapsUrl, dataDirCa(data), { dn: ADMIN_DN, password: 'Bootstrap-Pw-1' });
    try {
      for (const dn of expected) {
        const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['objectClass', 'member'] });
        assert.equal(searchEntries.length, 1, dn);
        assert.equal(searchEntries[0]?.dn, dn);
      }
      const group = await client.search(`cn=administrators,ou=groups,${SUFFIX}`, { scope: 'base', attributes: ['member'] });
      assert.equal(group.searchEntries[0]?.['member'], ADMIN_DN);
      const all = await client.search(SUFFIX, { scope: 'sub', filter: '(objectClass=*)', attributes: ['1.1'] });
      assert.deepEqual(all.searchEntries.map((e) => e.dn).sort(), [...expected].sort());
    } finally {
      await client.unbind();
    }
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
  });

  it('without WARDEN_ADMIN_PASSWORD a generated password is printed once, works for a bind and is not printed on the second start', async () => {
    const data = join(tempDir(), 'data');
    const first = await startServe({ data, env: childEnv() });
    const password = (await first.waitForStdout(/administrator cn=admin,dc=example,dc=com password \(shown once\): (\S+)\n/))[1] ?? '';
    assert.ok(password.length >= 16, `generated password '${password}' is too short`);
    assert.equal(first.stdout().split(password).length - 1, 1, 'the password appears exactly once');
    const ca = dataDirCa(data);
    const client = await ldapsClient(first.ldapsUrl, ca, { dn: ADMIN_DN, password });
    assert.equal((await client.exop('1.3.6.1.4.1.4203.1.11.3')).value, `dn:${ADMIN_DN}`);
    await client.unbind();
    assert.deepEqual(await first.stop(), { code: 0, signal: null });

    const second = await startServe({ data, env: childEnv() });
    // Binding proves start-up finished, so every start-up line has been printed by now.
    const again = await ldapsClient(second.ldapsUrl, ca, { dn: ADMIN_DN, password });
    await again.unbind();
    const wrong = await ldapsClient(second.ldapsUrl, ca);
    await assert.rejects(wrong.bind(ADMIN_DN, `${password}x`), InvalidCredentialsError);
    await wrong.unbind();
    assert.doesNotMatch(second.stdout(), /password/);
    assert.doesNotMatch(second.stdout(), /created/);
    assert.ok(!second.stdout().includes(password));
    assert.deepEqual(await second.stop(), { code: 0, signal: null });
  });

  it('a port already in use makes serve exit non-zero with one stderr line naming the URL and EADDRINUSE and suggesting another port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const data = join(tempDir(), 'data');
      const run = await runWarden(['serve', '--data', data, '--suffix', SUFFIX, '--listen', `ldap://127.0.0.1:${port}`], childEnv({ WARDEN_ADMIN_PASSWORD: 'x-Pw-123' }));
      assert.notEqual(run.code, 0);
      const lines = run.stderr.split('\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, run.stderr);
      const line = lines[0] ?? '';
      assert.ok(line.includes(`ldap://127.0.0.1:${port}`), line);
      assert.match(line, /EADDRINUSE/);
      const suggested = /choose another port, e\.g\. --listen ldap:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      assert.ok(suggested !== null, line);
      assert.notEqual(Number(suggested[1]), port);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('a bad config file makes serve and config check print one line per problem and exit 1', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    const data = join(dir, 'data');
    writeFileSync(file, `data: { dir: ${data} }\nlisten: [bogus]\nlimits: { sizeLimit: -1, foo: 1 }\nlog: { level: loud }\n`);
    const expected = [
      `${file}: listen[0]: 'bogus': not a URL (expected ldap://host:port, ldaps://host:port or ldapi://<encoded socket path>)`,
      `${file}: limits.sizeLimit: must be a positive integer`,
      `${file}: limits.foo: unknown key`,
      `${file}: log.level: must be one of 'trace', 'debug', 'info', 'warn', 'error', 'fatal', not 'loud'`,
    ].sort();

    const check = await runWarden(['config', 'check', file]);
    assert.equal(check.code, 1);
    assert.equal(check.stdout, '');
    assert.deepEqual(check.stderr.split('\n').filter((l) => l !== '').sort(), expected);

    const serve = await runWarden(['serve', '--config', file], childEnv({ WARDEN_ADMIN_PASSWORD: 'x-Pw-123' }));
    assert.equal(serve.code, 1);
    // bin/warden.js puts `warden: ` before the first line of any fatal error.
    const lines = serve.stderr.split('\n').filter((l) => l !== '').map((l) => l.replace(/^warden: /, ''));
    assert.deepEqual(lines.sort(), expected);
    assert.ok(!existsSync(data), 'a rejected configuration must not create the data directory');
  });

  it('config check of a valid file prints ok and exits 0', async () => {
    const dir = tempDir();
    const file = join(dir, 'good.yaml');
    writeFileSync(
      file,
      [
        `data: { dir: ${join(dir, 'data')} }`,
        `suffix: ${SUFFIX}`,
        'listen: [ "ldap://127.0.0.1:3389", "ldaps://127.0.0.1:3636" ]',
        'limits: { sizeLimit: 1000 }',
        'log: { level: warn }',
        '',
      ].join('\n'),
    );
    const check = await runWarden(['config', 'check', file]);
    assert.deepEqual({ code: check.code, stdout: check.stdout, stderr: check.stderr }, { code: 0, stdout: `${file}: ok\n`, stderr: '' });
  });

  it('SIGTERM while a client is connected sends it a Notice of Disconnection and the process exits 0', async () => {
    const data = join(tempDir(), 'data');
    const server = await startServe({ data, env: childEnv({ WARDEN_ADMIN_PASSWORD: 'Term-Pw-123' }) });
    const socket = tlsConnect({ host: '127.0.0.1', port: server.ldapsPort, ca: [dataDirCa(data)] });
    const received: LdapMessage[] = [];
    const framer = new PduFramer(1 << 20);
    let onMessage = (): void => undefined;
    socket.on('data', (chunk: Buffer) => {
      framer.push(chunk);
      for (let pdu = framer.next(); pdu !== undefined; pdu = framer.next()) received.push(decodeMessage(pdu));
      onMessage();
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const waitFor = (predicate: () => boolean): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out; received ${JSON.stringify(received.map((m) => m.protocolOp.type))}`)), 15_000);
        onMessage = () => {
          if (predicate()) {
            clearTimeout(timer);
            resolve();
          }
        };
        onMessage();
      });
    try {
      await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
      socket.write(encodeMessage({
        messageId: 1,
        controls: [],
        protocolOp: { type: 'bindRequest', version: 3, name: ADMIN_DN, authentication: { method: 'simple', password: Buffer.from('Term-Pw-123') } },
      }));
      await waitFor(() => received.length >= 1);
      assert.equal(received[0]?.protocolOp.type, 'bindResponse');
      assert.equal((received[0]?.protocolOp as { resultCode: number }).resultCode, 0);

      server.child.kill('SIGTERM');
      await waitFor(() => received.length >= 2);
      await closed;
      const notice = received[1];
      assert.equal(notice?.messageId, 0);
      assert.equal(notice.protocolOp.type, 'extendedResponse');
      const op = notice.protocolOp as { responseName?: string; resultCode: number; diagnosticMessage: string };
      assert.equal(op.responseName, NOTICE_OF_DISCONNECTION_OID);
      assert.equal(op.resultCode, 52); // unavailable (RFC 4511 §4.4.1)
      assert.equal(received.length, 2);
      assert.deepEqual(await server.exited, { code: 0, signal: null });
    } finally {
      socket.destroy();
    }
  });

  it('SIGHUP after the configured certificate and key files are replaced makes new connections see the new certificate', async () => {
    const dir = tempDir();
    const certFile = join(dir, 'server.crt');
    const keyFile = join(dir, 'server.key');
    const [oldPair, newPair] = await Promise.all([generateSelfSigned(), generateSelfSigned()]);
    writeFileSync(certFile, oldPair.cert);
    writeFileSync(keyFile, oldPair.key, { mode: 0o600 });
    const oldFingerprint = new X509Certificate(oldPair.cert).fingerprint256;
    const newFingerprint = new X509Certificate(newPair.cert).fingerprint256;
    assert.notEqual(oldFingerprint, newFingerprint);
    const config = join(dir, 'warden.yaml');
    writeFileSync(config, `tls:\n  certFile: ${certFile}\n  keyFile: ${keyFile}\n`);

    const server = await startServe({ data: join(dir, 'data'), config, env: childEnv({ WARDEN_ADMIN_PASSWORD: 'Hup-Pw-1234' }) });
    assert.equal(server.fingerprint, oldFingerprint);
    assert.match(server.stdout(), /TLS certificate \(configured\) SHA-256/);
    assert.equal(await servedFingerprint(server.ldapsPort), oldFingerprint);

    writeFileSync(certFile, newPair.cert);
    writeFileSync(keyFile, newPair.key, { mode: 0o600 });
    // Without the signal nothing changes: the files are read at start and on SIGHUP only.
    assert.equal(await servedFingerprint(server.ldapsPort), oldFingerprint);
    server.child.kill('SIGHUP');
    const deadline = Date.now() + 10_000;
    let served = oldFingerprint;
    while (served !== newFingerprint && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      served = await servedFingerprint(server.ldapsPort);
    }
    assert.equal(served, newFingerprint);
    // A bind over the new certificate works: the reloaded key matches it.
    const client = await ldapsClient(server.ldapsUrl, Buffer.from(newPair.cert), { dn: ADMIN_DN, password: 'Hup-Pw-1234' });
    await client.unbind();
    assert.ok(server.child.exitCode === null, 'SIGHUP must not stop the server');
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
  });
});
