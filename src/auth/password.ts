import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * userPassword storage schemes (RFC 2307 style `{SCHEME}value`). New passwords are stored salted and hashed;
 * a stored value without a scheme is a cleartext password (as slapd treats it) and is compared in constant time.
 */
const SALTED_SHA = {
  '{SSHA}': { algorithm: 'sha1', digest: 20 },
  '{SSHA256}': { algorithm: 'sha256', digest: 32 },
  '{SSHA384}': { algorithm: 'sha384', digest: 48 },
  '{SSHA512}': { algorithm: 'sha512', digest: 64 },
} as const;

type SaltedScheme = keyof typeof SALTED_SHA;

function schemeOf(stored: string): string | undefined {
  const match = /^\{[A-Za-z0-9.-]+\}/.exec(stored);
  return match?.[0].toUpperCase();
}

export function isHashedPassword(value: Buffer): boolean {
  return schemeOf(value.toString('latin1')) !== undefined;
}

/** Hashes a cleartext password for storage. */
export function hashPassword(cleartext: Buffer): Buffer {
  const salt = randomBytes(16);
  const digest = createHash('sha512').update(cleartext).update(salt).digest();
  return Buffer.from(`{SSHA512}${Buffer.concat([digest, salt]).toString('base64')}`);
}

/** Checks a presented password against one stored userPassword value, in time independent of where they differ. */
export function verifyPassword(stored: Buffer, presented: Buffer): boolean {
  const text = stored.toString('latin1');
  const scheme = schemeOf(text);
  if (scheme === undefined) {
    return stored.length === presented.length && timingSafeEqual(stored, presented);
  }
  if (scheme in SALTED_SHA) {
    const { algorithm, digest: size } = SALTED_SHA[scheme as SaltedScheme];
    const raw = Buffer.from(text.slice(scheme.length), 'base64');
    if (raw.length <= size) return false;
    const expected = raw.subarray(0, size);
    const salt = raw.subarray(size);
    const actual = createHash(algorithm).update(presented).update(salt).digest();
    return timingSafeEqual(expected, actual);
  }
  return false;
}

/** A random password for Password Modify without a new password (RFC 3062 §3.3): 20 characters, ~119 bits. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < 20; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
