import { X509Certificate, constants as cryptoConstants, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecureContextOptions, TLSSocket } from 'node:tls';
import { generateSelfSigned } from './self-signed.js';
import { TlsMaterialError } from './tls-material-error.js';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
  /** SHA-256 of the leaf certificate, `AB:CD:…`, for logs and for clients that pin a self-signed cert. */
  readonly fingerprint256: string;
  readonly source: 'generated' | 'stored' | 'configured';
  readonly notAfter: Date;
}

export interface LoadTlsMaterialOptions {
  readonly dataDir: string;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
  /** Extra names for a generated certificate's subjectAltName (beside localhost, loopback and the host name). */
  readonly hostnames?: readonly string[] | undefined;
}

/**
 * The configured key and certificate when given; otherwise `<dataDir>/tls/{key,cert}.pem`, generating a
 * self-signed pair on first start (and again once the stored one has expired). The key must match the
 * certificate. With several worker processes, call this in the primary before forking: two processes
 * generating at once could leave one's key beside the other's certificate.
 */
export async function loadOrCreateTlsMaterial(opts: LoadTlsMaterialOptions): Promise<TlsMaterial> {
  if (opts.certFile !== undefined || opts.keyFile !== undefined) {
    if (opts.certFile === undefined || opts.keyFile === undefined) {
      throw new TlsMaterialError('tls.certFile and tls.keyFile must be configured together');
    }
    const [cert, key] = await Promise.all([readText(opts.certFile), readText(opts.keyFile)]);
    return checkPair(key, cert, 'configured', opts.keyFile, opts.certFile);
  }

  const dir = join(opts.dataDir, 'tls');
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const [key, cert] = await Promise.all([readOptional(keyPath), readOptional(certPath)]);
  if (key !== undefined && cert !== undefined) {
    await checkPrivateMode(keyPath);
    const stored = checkPair(key, cert, 'stored', keyPath, certPath);
    if (stored.notAfter.getTime() > Date.now()) return stored;
    // An expired self-signed cert helps nobody; replace it (a pinned fingerprint changes, as it must).
  } else if (key !== undefined || cert !== undefined) {
    const [present, missing] = key !== undefined ? [keyPath, certPath] : [certPath, keyPath];
    throw new TlsMaterialError(`found ${present} but not ${missing}; remove it to have a new pair generated`);
  }

  const pair = await generateSelfSigned(opts.hostnames ?? []);
  const generated = checkPair(pair.key, pair.cert, 'generated', keyPath, certPath);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Written to temporary names and renamed so no reader ever sees a half-written file; the key is created
  // 0600 (then chmod'ed, since the umask only ever removes bits) before any secret byte goes into it.
  const suffix = `.tmp-${process.pid}`;
  try {
    await writeFile(keyPath + suffix, pair.key, { mode: 0o600, flag: 'wx' });
    await chmod(keyPath + suffix, 0o600);
    await writeFile(certPath + suffix, pair.cert, { mode: 0o644, flag: 'wx' });
    await rename(keyPath + suffix, keyPath);
    await rename(certPath + suffix, certPath);
  } catch (err) {
    await Promise.all([rm(keyPath + suffix, { force: true }), rm(certPath + suffix, { force: true })]);
    throw new TlsMaterialError(`cannot store generated TLS material in ${dir}: ${errorMessage(err)}`, { cause: err });
  }
  return generated;
}

/**
 * Forward secrecy and AEAD only (RFC 9325 §4.2): ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 for
 * TLS 1.2, no CBC, no static-RSA key exchange, no DHE; names starting `TLS_` are the TLS 1.3 suites.
 */
export const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export type TlsServerOptions = SecureContextOptions & { requestCert: boolean; rejectUnauthorized: boolean };

/**
 * Options for `tls.createServer` / `new TLSSocket(…, { isServer: true })`. TLS 1.0 and 1.1 cannot be
 * negotiated whatever the config says (RFC 8996). With a `caFile`, client certificates are requested but not
 * demanded: a client without one can still bind with a password, so a presented certificate counts only when
 * {@link clientCertificate} says it verified.
 */
export function tlsServerOptions(material: TlsMaterial, cfg: { minVersion: 'TLSv1.2' | 'TLSv1.3'; caFile?: string | undefined }): TlsServerOptions {
  const options: TlsServerOptions = {
    key: material.key,
    cert: material.cert,
    minVersion: cfg.minVersion === 'TLSv1.3' ? 'TLSv1.3' : 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    ciphers: TLS_CIPHERS,
    honorCipherOrder: true,
    ecdhCurve: 'X25519:prime256v1:secp384r1',
    // Client-initiated renegotiation is a CPU-exhaustion lever and buys LDAP nothing.
    secureOptions: cryptoConstants.SSL_OP_NO_RENEGOTIATION,
    requestCert: cfg.caFile !== undefined,
    rejectUnauthorized: false,
  };
  if (cfg.caFile !== undefined) {
    try {
      options.ca = readFileSync(cfg.caFile, 'utf8');
    } catch (err) {
      throw new TlsMaterialError(`cannot read tls.caFile ${cfg.caFile}: ${errorMessage(err)}`, { cause: err });
    }
  }
  return options;
}

export type ClientCertificateStatus =
  | { readonly status: 'none' }
  | { readonly status: 'verified'; readonly certificate: X509Certificate }
  | { readonly status: 'invalid'; readonly reason: string };

/** Whether the peer of a server-side TLS socket presented a client certificate that chains to tls.caFile. */
export function clientCertificate(socket: TLSSocket): ClientCertificateStatus {
  const peer = socket.getPeerX509Certificate();
  if (peer === undefined) return { status: 'none' };
  if (!socket.authorized) return { status: 'invalid', reason: String(socket.authorizationError ?? 'not verified') };
  return { status: 'verified', certificate: peer };
}

function checkPair(key: string, cert: string, source: TlsMaterial['source'], keyLabel: string, certLabel: string): TlsMaterial {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    throw new TlsMaterialError(`${certLabel} is not a PEM X.509 certificate: ${errorMessage(err)}`, { cause: err });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (err) {
    throw new TlsMaterialError(`${keyLabel} is not an unencrypted PEM private key: ${errorMessage(err)}`, { cause: err });
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new TlsMaterialError(`TLS key ${keyLabel} does not match certificate ${certLabel}`);
  }
  return { key, cert, fingerprint256: x509.fingerprint256, source, notAfter: new Date(x509.validTo) };
}

async function checkPrivateMode(path: string): Promise<void> {
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new TlsMaterialError(`${path} is accessible by other users (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600 on it`);
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new TlsMaterialError(`cannot read ${path}: ${errorMessage(err)}`, { cause: err });
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new TlsMaterialError(`cannot read ${path}: ${errorMessage(err)}`, { cause: err });
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
