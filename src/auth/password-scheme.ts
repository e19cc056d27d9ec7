import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The result of checking a presented password against one stored userPassword value. */
export interface VerifyResult {
  readonly ok: boolean;
  /** The storage scheme, e.g. 'ARGON2', 'SSHA', 'CRYPT-SHA512', 'CLEARTEXT' (upper case). */
  readonly scheme: string;
  /** True when the value should be replaced by a fresh hash in the current scheme and parameters. */
  readonly needsRehash: boolean;
}

/**
 * Splits an RFC 2307 `{SCHEME}value` (the scheme name is case-insensitive, RFC 2307 §5.3). Returns undefined for a
 * value with no scheme prefix, which slapd and Warden treat as a cleartext password.
 */
export function splitScheme(stored: string): { scheme: string; rest: string } | undefined {
  const match = /^\{([A-Za-z0-9._-]+)\}/.exec(stored);
  if (match === null) return undefined;
  return { scheme: (match[1] as string).toUpperCase(), rest: stored.slice(match[0].length) };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict RFC 4648 base64 (padded, no whitespace), as OpenLDAP's lutil_b64_pton reads it. Node's own decoder skips
 * characters it does not know and ignores truncation, which would let a damaged value decode to something.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

const ADAPTED_BASE64 = /^[A-Za-z0-9./]*$/;

/** Passlib's "adapted base64" (OpenLDAP pw-pbkdf2): `.` instead of `+`, no padding. */
export function decodeAdaptedBase64(text: string): Buffer | undefined {
  if (!ADAPTED_BASE64.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text.replace(/\./g, '+'), 'base64');
}

/** Constant-time equality of two digests of known (public) lengths. */
export function digestsEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A per-process key, so that comparing cleartext values reveals neither content nor length through timing. */
const COMPARE_KEY = randomBytes(32);

/**
 * Constant-time equality of two secrets of any length: both are MACed with a random key and the MACs compared,
 * so neither the position of the first difference nor the stored length shows in the time taken.
 */
export function secretsEqual(a: Buffer, b: Buffer): boolean {
  const ma = createHmac('sha256', COMPARE_KEY).update(a).digest();
  const mb = createHmac('sha256', COMPARE_KEY).update(b).digest();
  return timingSafeEqual(ma, mb);
}

export const NO_MATCH = (scheme: string): VerifyResult => ({ ok: false, scheme, needsRehash: true });
