import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TlsMaterialError, generateSelfSigned, loadOrCreateTlsMaterial, selfSignedNames } from '../../src/security/index.js';

let root: string;
let n = 0;
const freshDir = (): string => {
  const dir = join(root, `d${++n}`);
  mkdirSync(dir);
  return dir;
};

before(() => {
  root = mkdtempSync(join(tmpdir(), 'warden-tls-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('loadOrCreateTlsMaterial', () => {
  it('generates a self-signed pair on first start, key 0600, and loads the same one afterwards', async () => {
    const dataDir = freshDir();
    const first = await loadOrCreateTlsMaterial({ dataDir, hostnames: ['ldap.example.test', '192.0.2.7'] });
    assert.equal(first.source, 'generated');
    const keyPath = join(dataDir, 'tls', 'key.pem');
    const certPath = join(dataDir, 'tls', 'cert.pem');
    assert.equal(statSync(keyPath).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'tls')).mode & 0o077, 0);
    assert.equal(readFileSync(keyPath, 'utf8'), first.key);
    assert.equal(readFileSync(certPath, 'utf8'), first.cert);
    assert.match(first.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const second = await loadOrCreateTlsMaterial({ dataDir });
    assert.equal(second.source, 'stored');
    assert.equal(second.fingerprint256, first.fingerprint256);
    assert.equal(second.key, first.key);
  });

  it('the generated certificate parses, is ECDSA P-256, valid about a year, with the loopback and host SANs', async () => {
    const material = await loadOrCreateTlsMaterial({ dataDir: freshDir(), hostnames: ['LDAP.Example.Test', '192.0.2.7'] });
    const cert = new X509Certificate(material.cert);
    assert.equal(cert.fingerprint256, material.fingerprint256);
    assert.ok(cert.checkPrivateKey(createPrivateKey(material.key)));
    assert.equal(cert.publicKey.asymmetricKeyType, 'ec');
    assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.equal(cert.ca, false);
    assert.ok(cert.verify(cert.publicKey), 'self-signed');
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    assert.ok(days > 364 && days <= 365, `valid for ${days} days`);
    assert.ok(Date.parse(cert.validFrom) <= Date.now());
    assert.equal(material.notAfter.getTime(), Date.parse(cert.validTo));
    const san = cert.subjectAltName ?? '';
    for (const part of ['DNS:localhost', `DNS:${hostname().toLowerCase()}`, 'DNS:ldap.example.test', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1', 'IP Address:192.0.2.7']) {
      assert.ok(san.includes(part), `${part} in ${san}`);
    }
    assert.equal(cert.checkHost('localhost'), 'localhost');
    assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(cert.checkIP('::1'), '::1');
    assert.equal(cert.checkHost('evil.example'), undefined);
    assert.match(cert.keyUsage?.join(',') ?? '', /1\.3\.6\.1\.5\.5\.7\.3\.1/); // serverAuth
  });

  it('selfSignedNames dedupes and sorts names into DNS and IP', () => {
    const names = selfSignedNames(['localhost', 'LOCALHOST', '::1', '10.1.2.3', ' a.test ', '']);
    assert.deepEqual(names.ips, ['127.0.0.1', '::1', '10.1.2.3']);
    assert.deepEqual(names.dns.filter((d) => d !== hostname().toLowerCase()), ['localhost', 'a.test']);
  });

  it('uses configured files as they are', async () => {
    const pair = await generateSelfSigned(['configured.test']);
    const dir = freshDir();
    writeFileSync(join(dir, 'c.pem'), pair.cert);
    writeFileSync(join(dir, 'k.pem'), pair.key, { mode: 0o600 });
    const material = await loadOrCreateTlsMaterial({ dataDir: dir, certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem') });
    assert.equal(material.source, 'configured');
    assert.equal(material.cert, pair.cert);
    assert.equal(material.fingerprint256, new X509Certificate(pair.cert).fingerprint256);
    assert.equal(existsSync(join(dir, 'tls')), false, 'nothing generated');
  });

  it('replaces an expired stored certificate', async () => {
    const dataDir = freshDir();
    const old = await generateSelfSigned([], { notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    mkdirSync(join(dataDir, 'tls'), { mode: 0o700 });
    writeFileSync(join(dataDir, 'tls', 'key.pem'), old.key, { mode: 0o600 });
    writeFileSync(join(dataDir, 'tls', 'cert.pem'), old.cert);
    const material = await loadOrCreateTlsMaterial({ dataDir });
    assert.equal(material.source, 'generated');
    assert.notEqual(material.cert, old.cert);
    assert.ok(material.notAfter.getTime() > Date.now());
    assert.equal(readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8'), material.cert);
  });
});

describe('loadOrCreateTlsMaterial refusals', () => {
  let a: { key: string; cert: string };
  let b: { key: string; cert: string };
  before(async () => {
    [a, b] = await Promise.all([generateSelfSigned(), generateSelfSigned()]);
  });

  it('a configured key that does not match the certificate', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'cert.pem'), a.cert);
    writeFileSync(join(dir, 'key.pem'), b.key, { mode: 0o600 });
    await assert.rejects(loadOrCreateTlsMaterial({ dataDir: dir, certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') }), {
      name: 'TlsMaterialError',
      message: `TLS key ${join(dir, 'key.pem')} does not match certificate ${join(dir, 'cert.pem')}`,
    });
  });

  it('a stored pair that does not match', async () => {
    const dataDir = freshDir();
    mkdirSync(join(dataDir, 'tls'));
    writeFileSync(join(dataDir, 'tls', 'cert.pem'), a.cert);
    writeFileSync(join(dataDir, 'tls', 'key.pem'), b.key, { mode: 0o600 });
    await assert.rejects(loadOrCreateTlsMaterial({ dataDir }), {
      message: `TLS key ${join(dataDir, 'tls', 'key.pem')} does not match certificate ${join(dataDir, 'tls', 'cert.pem')}`,
    });
  });

  it('a stored key other users can read', async () => {
    const dataDir = freshDir();
    mkdirSync(join(dataDir, 'tls'));
    writeFileSync(join(dataDir, 'tls', 'cert.pem'), a.cert);
    writeFileSync(join(dataDir, 'tls', 'key.pem'), a.key);
    chmodSync(join(dataDir, 'tls', 'key.pem'), 0o640);
    await assert.rejects(loadOrCreateTlsMaterial({ dataDir }), {
      message: `${join(dataDir, 'tls', 'key.pem')} is accessible by other users (mode 0640); run chmod 600 on it`,
    });
  });

  it('half a stored pair', async () => {
    const dataDir = freshDir();
    mkdirSync(join(dataDir, 'tls'));
    writeFileSync(join(dataDir, 'tls', 'cert.pem'), a.cert);
    const cert = join(dataDir, 'tls', 'cert.pem');
    const key = join(dataDir, 'tls', 'key.pem');
    await assert.rejects(loadOrCreateTlsMaterial({ dataDir }), { message: `found ${cert} but not ${key}; remove it to have a new pair generated` });
  });

  it('only one of certFile and keyFile, garbage, a missing file', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate');
    writeFileSync(join(dir, 'key.pem'), a.key, { mode: 0o600 });
    writeFileSync(join(dir, 'cert.pem'), a.cert);
    await assert.rejects(loadOrCreateTlsMaterial({ dataDir: dir, certFile: join(dir, 'cert.pem') }), {
      message: 'tls.certFile and tls.keyFile must be configured together',
    });
    await assert.rejects(loadOrCreateTlsMaterial({ dataDir: dir, certFile: join(dir, 'junk.pem'), keyFile: join(dir, 'key.pem') }), (err: unknown) => {
      return err instanceof TlsMaterialError && err.message.startsWith(`${join(dir, 'junk.pem')} is not a PEM X.509 certificate: `);
    });
    await assert.rejects(loadOrCreateTlsMaterial({ dataDir: dir, certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'junk.pem') }), (err: unknown) => {
      return err instanceof TlsMaterialError && err.message.startsWith(`${join(dir, 'junk.pem')} is not an unencrypted PEM private key: `);
    });
    await assert.rejects(loadOrCreateTlsMaterial({ dataDir: dir, certFile: join(dir, 'none.pem'), keyFile: join(dir, 'key.pem') }), (err: unknown) => {
      return err instanceof TlsMaterialError && err.message.startsWith(`cannot read ${join(dir, 'none.pem')}: ENOENT`);
    });
  });
});
