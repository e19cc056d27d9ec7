import { timingSafeEqual } from 'node:crypto';
import { md5Crypt } from './md5-crypt.js';
import { parseShaCryptSetting, shaCryptAsync } from './sha-crypt.js';

/**
 * The most SHA-crypt rounds Warden will compute for a stored value (the specification allows 999999999, about half
 * an hour of CPU here). A user who may write a pre-hashed userPassword could otherwise make every bind against
 * that account burn minutes; 1,000,000 is above every distribution default (5000) and passlib's (656000).
 */
export const MAX_SHA_CRYPT_ROUNDS = 1_000_000;

/** The scheme names verification reports for each `{CRYPT}` variant. */
export function cryptSchemeOf(value: string): string {
  if (value.startsWith('$1$')) return 'CRYPT-MD5';
  if (value.startsWith('$5$')) return 'CRYPT-SHA256';
  if (value.startsWith('$6$')) return 'CRYPT-SHA512';
  if (value.startsWith('$y$') || value.startsWith('$7$') || value.startsWith('$gy$')) return 'CRYPT-YESCRYPT';
  if (/^\$2[abxy]\$/.test(value)) return 'CRYPT-BCRYPT';
  if (/^[./0-9A-Za-z]{13}$/.test(value)) return 'CRYPT-DES';
  return 'CRYPT';
}

/** Well-formed stored hashes: the crypt alphabet, the exact digest length of each variant. */
const SHAPES: Record<string, RegExp> = {
  'CRYPT-MD5': /^\$1\$[^$:\n]{0,8}\$[./0-9A-Za-z]{22}$/,
  'CRYPT-SHA256': /^\$5\$(?:rounds=[1-9]\d{0,8}\$)?[^$:\n]{0,16}\$[./0-9A-Za-z]{43}$/,
  'CRYPT-SHA512': /^\$6\$(?:rounds=[1-9]\d{0,8}\$)?[^$:\n]{0,16}\$[./0-9A-Za-z]{86}$/,
};

/**
 * Verifies a `{CRYPT}` value (the text after the prefix) in the formats Warden implements: MD5-crypt and
 * SHA-256/512-crypt. Other crypt formats (yescrypt, bcrypt, DES) are refused: no npm package Warden could trust
 * implements yescrypt, and DES crypt keeps only 8 password characters. The recomputed string is compared with the
 * stored one in constant time.
 */
export async function verifyCrypt(value: string, presented: Buffer): Promise<{ ok: boolean; scheme: string }> {
  const scheme = cryptSchemeOf(value);
  const shape = SHAPES[scheme];
  if (shape === undefined || !shape.test(value)) return { ok: false, scheme };
  let computed: string | undefined;
  if (scheme === 'CRYPT-MD5') {
    computed = md5Crypt(presented, value);
  } else {
    const setting = parseShaCryptSetting(value);
    if (setting === undefined || setting.rounds > MAX_SHA_CRYPT_ROUNDS) return { ok: false, scheme };
    computed = await shaCryptAsync(presented, setting);
  }
  if (computed === undefined) return { ok: false, scheme };
  const a = Buffer.from(computed, 'latin1');
  const b = Buffer.from(value, 'latin1');
  // A stored value that is not in canonical form (rounds=10 is written back as rounds=1000) recomputes to a string
  // of another length: that can never match, and the length is not secret.
  return { ok: a.length === b.length && timingSafeEqual(a, b), scheme };
}
