import { KeyObject, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname } from 'node:os';

export interface SelfSignedPair {
  readonly key: string;
  readonly cert: string;
}

/** A generated certificate lives one year: long enough not to bother anyone, short enough to be replaced. */
export const SELF_SIGNED_VALIDITY_DAYS = 365;

const DAY_MS = 86_400_000;
/** notBefore is backdated so clients whose clocks run a little slow do not see a "not yet valid" cert. */
const BACKDATE_MS = 5 * 60_000;

/**
 * The names a generated certificate covers: loopback in all its spellings, the machine's host name and any
 * names the caller adds. IP literals become iPAddress SANs, the rest dNSName SANs (RFC 5280 §4.2.1.6).
 */
export function selfSignedNames(extra: readonly string[] = []): { dns: string[]; ips: string[] } {
  const dns = new Set<string>();
  const ips = new Set<string>();
  for (const name of ['localhost', '127.0.0.1', '::1', hostname(), ...extra]) {
    const trimmed = name.trim();
    if (trimmed === '') continue;
    if (isIP(trimmed) !== 0) ips.add(trimmed);
    else dns.add(trimmed.toLowerCase());
  }
  return { dns: [...dns], ips: [...ips] };
}

/**
 * A fresh ECDSA P-256 key and a self-signed end-entity certificate for it (SHA-256, serverAuth). The X.509
 * encoding is @peculiar/x509 over Node's WebCrypto, so no openssl binary is needed. It is imported lazily:
 * it brings the reflect-metadata polyfill, which only a process that actually generates a cert should load.
 */
export async function generateSelfSigned(
  hostnames: readonly string[] = [],
  validity?: { readonly notBefore: Date; readonly notAfter: Date },
): Promise<SelfSignedPair> {
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const { dns, ips } = selfSignedNames(hostnames);
  const now = Date.now();
  // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; 16 random bytes with the top bit clear.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: [{ CN: [dns[0] ?? 'localhost'] }, { O: ['Warden self-signed'] }],
    notBefore: validity?.notBefore ?? new Date(now - BACKDATE_MS),
    notAfter: validity?.notAfter ?? new Date(now + SELF_SIGNED_VALIDITY_DAYS * DAY_MS),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dns.map((value) => ({ type: 'dns' as const, value })),
        ...ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const key = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' });
  return { key: String(key), cert: cert.toString('pem') + '\n' };
}
