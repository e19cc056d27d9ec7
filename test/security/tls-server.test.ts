import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, webcrypto } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import { clientCertificate, loadOrCreateTlsMaterial, tlsServerOptions } from '../../src/security/index.js';
import type { ClientCertificateStatus, TlsMaterial } from '../../src/security/index.js';

interface Outcome {
  readonly protocol: string | null;
  readonly cipher: string;
}

/** A real TLS server on loopback; records each client's certificate status and each failed handshake. */
async function startServer(options: tls.TlsOptions) {
  const statuses: ClientCertificateStatus['status'][] = [];
  const clientErrors: string[] = [];
  const server = tls.createServer(options, (socket) => {
    statuses.push(clientCertificate(socket).status);
    socket.end('ok');
  });
  server.on('tlsClientError', (err: Error & { code?: string }) => clientErrors.push(err.code ?? err.message));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return { server, port, statuses, clientErrors, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function connect(port: number, options: tls.ConnectionOptions): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ...options }, () => {
      const outcome = { protocol: socket.getProtocol(), cipher: socket.getCipher().name };
      socket.once('data', () => {
        socket.end();
        resolve(outcome);
      });
    });
    socket.on('error', reject);
  });
}

let dir: string;
let material: TlsMaterial;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-tls-server-'));
  material = await loadOrCreateTlsMaterial({ dataDir: dir });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('tlsServerOptions with minVersion TLSv1.2', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    srv = await startServer(tlsServerOptions(material, { minVersion: 'TLSv1.2' }));
  });
  after(() => srv.close());

  it('has modern-only settings', () => {
    const options = tlsServerOptions(material, { minVersion: 'TLSv1.2' });
    assert.equal(options.minVersion, 'TLSv1.2');
    assert.equal(options.maxVersion, 'TLSv1.3');
    assert.equal(options.honorCipherOrder, true);
    assert.equal(options.requestCert, false);
    for (const suite of String(options.ciphers).split(':')) {
      assert.match(suite, /^(TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)|ECDHE-(ECDSA|RSA)-(AES(128-GCM-SHA256|256-GCM-SHA384)|CHACHA20-POLY1305))$/);
    }
  });

  it('accepts a TLS 1.3 client that verifies the certificate by host name', async () => {
    const outcome = await connect(srv.port, { ca: material.cert, servername: 'localhost', minVersion: 'TLSv1.3' });
    assert.equal(outcome.protocol, 'TLSv1.3');
    assert.equal(outcome.cipher, 'TLS_AES_128_GCM_SHA256');
  });

  it('accepts a TLS 1.2 client with an ECDHE + AEAD suite, verifying by IP address', async () => {
    const outcome = await connect(srv.port, { ca: material.cert, maxVersion: 'TLSv1.2' });
    assert.equal(outcome.protocol, 'TLSv1.2');
    assert.equal(outcome.cipher, 'ECDHE-ECDSA-AES128-GCM-SHA256');
  });

  it('refuses a client that offers at most TLS 1.1', async () => {
    const before = srv.clientErrors.length;
    await assert.rejects(
      connect(srv.port, { ca: material.cert, servername: 'localhost', minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }),
      (err: Error & { code?: string }) => /alert protocol version|unsupported protocol/i.test(err.message) || err.code === 'ECONNRESET',
    );
    await waitFor(() => srv.clientErrors.length > before);
    assert.equal(srv.clientErrors.at(-1), 'ERR_SSL_UNSUPPORTED_PROTOCOL');
  });

  it('refuses a TLS 1.2 client that offers only CBC suites', async () => {
    const before = srv.clientErrors.length;
    await assert.rejects(
      connect(srv.port, { ca: material.cert, servername: 'localhost', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384' }),
      /handshake failure/,
    );
    await waitFor(() => srv.clientErrors.length > before);
    assert.equal(srv.clientErrors.at(-1), 'ERR_SSL_NO_SHARED_CIPHER');
  });
});

describe('tlsServerOptions with minVersion TLSv1.3', () => {
  it('refuses a TLS 1.2 client and accepts a TLS 1.3 one', async () => {
    const srv = await startServer(tlsServerOptions(material, { minVersion: 'TLSv1.3' }));
    try {
      await assert.rejects(connect(srv.port, { ca: material.cert, servername: 'localhost', maxVersion: 'TLSv1.2' }), /protocol version/);
      assert.equal((await connect(srv.port, { ca: material.cert, servername: 'localhost' })).protocol, 'TLSv1.3');
    } finally {
      await srv.close();
    }
  });
});

describe('client certificates with tls.caFile', () => {
  it('requests one, accepts clients without, and reports verified / invalid', async () => {
    const { caPem, clientKeyPem, clientCertPem } = await makeClientPki();
    const caFile = join(dir, 'client-ca.pem');
    writeFileSync(caFile, caPem);
    const options = tlsServerOptions(material, { minVersion: 'TLSv1.2', caFile });
    assert.equal(options.requestCert, true);
    assert.equal(options.rejectUnauthorized, false);
    const srv = await startServer(options);
    try {
      const base = { ca: material.cert, servername: 'localhost' };
      await connect(srv.port, base);
      await connect(srv.port, { ...base, key: clientKeyPem, cert: clientCertPem });
      // The server's own self-signed certificate is not issued by the client CA.
      await connect(srv.port, { ...base, key: material.key, cert: material.cert });
      assert.deepEqual(srv.statuses, ['none', 'verified', 'invalid']);
    } finally {
      await srv.close();
    }
  });

  it('names an unreadable caFile', () => {
    assert.throws(() => tlsServerOptions(material, { minVersion: 'TLSv1.2', caFile: join(dir, 'nope.pem') }), {
      name: 'TlsMaterialError',
      message: new RegExp(`^cannot read tls.caFile ${join(dir, 'nope.pem')}: ENOENT`),
    });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'condition not reached within 1 s');
}

/** A CA and a clientAuth certificate it issued, built independently of the code under test. */
async function makeClientPki() {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const caKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const clientKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 86_400_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Test Client CA',
    notBefore,
    notAfter,
    signingAlgorithm: alg,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const client = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=jdoe',
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: alg,
    publicKey: clientKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const clientKeyPem = String(KeyObject.from(clientKeys.privateKey).export({ type: 'pkcs8', format: 'pem' }));
  return { caPem: ca.toString('pem'), clientCertPem: client.toString('pem'), clientKeyPem };
}
