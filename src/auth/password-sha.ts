import { createHash } from 'node:crypto';
import { decodeBase64Strict, digestsEqual } from './password-scheme.js';

/**
 * RFC 2307-style digest schemes: `{SHA}` `{MD5}` (RFC 2307 §5.3, slapd built-ins), `{SHA256}` `{SHA384}` `{SHA512}`
 * (OpenLDAP contrib pw-sha2) are base64(digest); the salted `{SSHA…}` and `{SMD5}` forms are
 * base64(digest(password ‖ salt) ‖ salt). MD5 and unsalted digests are verified only so a directory migrated from
 * slapd keeps working; a successful bind replaces them (needsRehash).
 */
export const SHA_SCHEMES = {
  MD5: { algorithm: 'md5', size: 16, salted: false },
  SMD5: { algorithm: 'md5', size: 16, salted: true },
  SHA: { algorithm: 'sha1', size: 20, salted: false },
  SHA256: { algorithm: 'sha256', size: 32, salted: false },
  SHA384: { algorithm: 'sha384', size: 48, salted: false },
  SHA512: { algorithm: 'sha512', size: 64, salted: false },
  SSHA: { algorithm: 'sha1', size: 20, salted: true },
  SSHA256: { algorithm: 'sha256', size: 32, salted: true },
  SSHA384: { algorithm: 'sha384', size: 48, salted: true },
  SSHA512: { algorithm: 'sha512', size: 64, salted: true },
} as const;

export type ShaScheme = keyof typeof SHA_SCHEMES;

export function isShaScheme(scheme: string): scheme is ShaScheme {
  return Object.hasOwn(SHA_SCHEMES, scheme);
}

/** Checks a presented password against the base64 part of a SHA-family value; false for malformed values. */
export function verifySha(scheme: ShaScheme, encoded: string, presented: Buffer): boolean {
  const { algorithm, size, salted } = SHA_SCHEMES[scheme];
  const raw = decodeBase64Strict(encoded);
  if (raw === undefined) return false;
  if (!salted) return raw.length === size && digestsEqual(raw, createHash(algorithm).update(presented).digest());
  // A salted value needs at least one byte of salt after the digest.
  if (raw.length <= size) return false;
  const actual = createHash(algorithm).update(presented).update(raw.subarray(size)).digest();
  return digestsEqual(raw.subarray(0, size), actual);
}
