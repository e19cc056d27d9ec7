import { pbkdf2 } from 'node:crypto';
import { decodeAdaptedBase64, digestsEqual } from './password-scheme.js';

/**
 * PBKDF2 (RFC 8018 §5.2) in the format of OpenLDAP's contrib pw-pbkdf2:
 * `{PBKDF2-SHA256}<iterations>$<adapted-base64 salt>$<adapted-base64 derived key>`; `{PBKDF2}` is the SHA-1 form.
 * The derived key is as long as the digest, as pw-pbkdf2 writes and checks it.
 */
export const PBKDF2_SCHEMES = {
  PBKDF2: { digest: 'sha1', size: 20 },
  'PBKDF2-SHA1': { digest: 'sha1', size: 20 },
  'PBKDF2-SHA256': { digest: 'sha256', size: 32 },
  'PBKDF2-SHA512': { digest: 'sha512', size: 64 },
} as const;

export type Pbkdf2Scheme = keyof typeof PBKDF2_SCHEMES;

/**
 * The most iterations Warden computes for a stored value; above it the value is refused unverified, so a
 * self-written pre-hashed password cannot make each bind burn minutes (OWASP's 2023 figure for SHA-1 is 1.3M).
 */
export const MAX_PBKDF2_ITERATIONS = 2_000_000;

/** pw-pbkdf2 limits salts to 64 bytes (PBKDF2_MAX_SALT_SIZE). */
const MAX_SALT = 64;

export function isPbkdf2Scheme(scheme: string): scheme is Pbkdf2Scheme {
  return Object.hasOwn(PBKDF2_SCHEMES, scheme);
}

export async function verifyPbkdf2(scheme: Pbkdf2Scheme, encoded: string, presented: Buffer): Promise<boolean> {
  const { digest, size } = PBKDF2_SCHEMES[scheme];
  const match = /^([1-9]\d{0,9})\$([^$]+)\$([^$]+)$/.exec(encoded);
  if (match === null) return false;
  const iterations = Number(match[1]);
  if (iterations > MAX_PBKDF2_ITERATIONS) return false;
  const salt = decodeAdaptedBase64(match[2] as string);
  const key = decodeAdaptedBase64(match[3] as string);
  if (salt === undefined || key === undefined || salt.length === 0 || salt.length > MAX_SALT || key.length !== size) return false;
  // The asynchronous form runs on libuv's thread pool, not the event loop.
  const actual = await new Promise<Buffer>((resolve, reject) => {
    pbkdf2(presented, salt, iterations, size, digest, (err, out) => (err === null ? resolve(out) : reject(err)));
  });
  return digestsEqual(key, actual);
}
