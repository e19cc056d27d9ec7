import { randomInt } from 'node:crypto';
import { verifyCrypt } from './crypt/index.js';
import { burnArgon2, hashArgon2, hashArgon2Sync, verifyArgon2 } from './password-argon2.js';
import type { PasswordHasherOptions } from './password-argon2.js';
import { isPbkdf2Scheme, PBKDF2_SCHEMES, verifyPbkdf2 } from './password-pbkdf2.js';
import { NO_MATCH, secretsEqual, splitScheme } from './password-scheme.js';
import type { VerifyResult } from './password-scheme.js';
import { isShaScheme, SHA_SCHEMES, verifySha } from './password-sha.js';

export type { PasswordHasherOptions } from './password-argon2.js';
export type { VerifyResult } from './password-scheme.js';

/**
 * userPassword storage (RFC 2307-style `{SCHEME}value`, RFC 3112 §3). New passwords are stored as Argon2id
 * (RFC 9106) in the format of OpenLDAP's argon2 module; the older schemes below are verified so a directory
 * migrated from slapd keeps working, and every one of them reports needsRehash so a successful bind can upgrade it.
 */
export const SUPPORTED_PASSWORD_SCHEMES: readonly string[] = Object.freeze(['ARGON2', ...Object.keys(SHA_SCHEMES), ...Object.keys(PBKDF2_SCHEMES), 'CRYPT']);

const KNOWN = new Set(SUPPORTED_PASSWORD_SCHEMES);

/** Whether a value already carries a scheme Warden knows, so it is stored as given rather than hashed again. */
export function isHashedPassword(value: Buffer): boolean {
  const split = splitScheme(value.toString('latin1'));
  return split !== undefined && KNOWN.has(split.scheme);
}

/** Hashes a cleartext password for storage: `{ARGON2}$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. */
export async function hashPassword(cleartext: Buffer, options?: PasswordHasherOptions): Promise<Buffer> {
  return Buffer.from(await hashArgon2(cleartext, options));
}

/**
 * The same, blocking the event loop for the whole computation (tens of milliseconds): for offline tools such as
 * import and first-start bootstrap, never for a request path.
 */
export function hashPasswordSync(cleartext: Buffer, options?: PasswordHasherOptions): Buffer {
  return Buffer.from(hashArgon2Sync(cleartext, options));
}

/**
 * Checks a presented password against one stored userPassword value. Never throws for stored data: a malformed
 * value, an unknown scheme or a cost above Warden's limits is `ok: false`. Every comparison of secret-derived
 * bytes is constant-time (crypto.timingSafeEqual). `current` are the Argon2 parameters new hashes get; an
 * ARGON2 value with other parameters reports needsRehash.
 */
export async function verifyPassword(stored: Buffer, presented: Buffer, current?: PasswordHasherOptions): Promise<VerifyResult> {
  // latin1 maps every byte to one code unit, so no stored byte is lost or merged before parsing.
  const text = stored.toString('latin1');
  const split = splitScheme(text);
  if (split === undefined) {
    // A value without a scheme is a cleartext password (slapd does the same).
    return { ok: secretsEqual(stored, presented), scheme: 'CLEARTEXT', needsRehash: true };
  }
  const { scheme, rest } = split;
  try {
    if (scheme === 'ARGON2') {
      const { ok, needsRehash } = await verifyArgon2(rest, presented, current);
      return { ok, scheme, needsRehash };
    }
    if (isShaScheme(scheme)) return { ok: verifySha(scheme, rest, presented), scheme, needsRehash: true };
    if (isPbkdf2Scheme(scheme)) return { ok: await verifyPbkdf2(scheme, rest, presented), scheme, needsRehash: true };
    if (scheme === 'CRYPT') {
      const { ok, scheme: variant } = await verifyCrypt(rest, presented);
      return { ok, scheme: variant, needsRehash: true };
    }
  } catch {
    // Defence in depth: nothing above should throw for stored data, and a bind must get an answer regardless.
    return NO_MATCH(scheme);
  }
  return NO_MATCH(scheme);
}

/** A dummy verification with the cost of a real one, so an unknown user takes as long as a wrong password. */
export async function burnVerification(presented: Buffer): Promise<void> {
  await burnArgon2(presented);
}

/** A random password for Password Modify without a new password (RFC 3062 §3.3): 20 characters, ~116 bits. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < 20; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
