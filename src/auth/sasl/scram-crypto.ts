import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { LdapError, ResultCode } from '../../errors/index.js';
import { saslPrep } from './saslprep.js';
import type { ScramVerifier } from './types.js';
import { decodeUtf8 } from './step-helpers.js';

/** RFC 7677 §4: the iteration count SHOULD be at least 4096; Warden makes that a floor. */
export const SCRAM_MIN_ITERATIONS = 4096;
export const SCRAM_SALT_BYTES = 16;
const PREFIX = '{SCRAM-SHA-256}';

export const hmac = (key: Buffer, data: Buffer | string): Buffer => createHmac('sha256', key).update(data).digest();
export const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

/**
 * Normalize(password) of RFC 5802 §2.2: SASLprep with the stored-strings rules. A password that is not
 * UTF-8 or that SASLprep refuses is used as raw bytes, as PostgreSQL and libpq do, so such a password still
 * works as long as the client falls back the same way.
 */
export function normalizePassword(password: Buffer): Buffer {
  const text = decodeUtf8(password);
  const prepared = text === undefined ? undefined : saslPrep(text, true);
  return prepared === undefined || prepared === '' ? password : Buffer.from(prepared, 'utf8');
}

/** Strict base64: canonical padding and alphabet only, so a value has exactly one spelling. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Derives StoredKey/ServerKey (RFC 5802 §3) for a new password. */
export function makeScramVerifier(password: Buffer, iterations = SCRAM_MIN_ITERATIONS, salt?: Buffer): ScramVerifier {
  if (!Number.isSafeInteger(iterations) || iterations < SCRAM_MIN_ITERATIONS) {
    throw new LdapError(ResultCode.unwillingToPerform, `SCRAM iteration count must be at least ${SCRAM_MIN_ITERATIONS} (RFC 7677)`);
  }
  const saltBytes = salt ?? randomBytes(SCRAM_SALT_BYTES);
  if (saltBytes.length === 0) throw new LdapError(ResultCode.unwillingToPerform, 'SCRAM salt must not be empty');
  // Hi() of RFC 5802 §2.2 is PBKDF2 with HMAC-SHA-256 and dkLen = 32.
  const salted = pbkdf2Sync(normalizePassword(password), saltBytes, iterations, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return { iterations, salt: Buffer.from(saltBytes), storedKey: sha256(clientKey), serverKey: hmac(salted, 'Server Key') };
}

/** RFC 5803 §3: `{SCRAM-SHA-256}<iter>:<b64 salt>$<b64 StoredKey>:<b64 ServerKey>`. */
export function formatScramVerifier(v: ScramVerifier): string {
  return `${PREFIX}${v.iterations}:${v.salt.toString('base64')}$${v.storedKey.toString('base64')}:${v.serverKey.toString('base64')}`;
}

/** Parses an RFC 5803 value; undefined for anything malformed, another scheme, or fewer than 4096 iterations. */
export function parseScramVerifier(stored: string): ScramVerifier | undefined {
  // The scheme name is case-insensitive like every RFC 2307 style `{SCHEME}` prefix.
  if (stored.slice(0, PREFIX.length).toUpperCase() !== PREFIX) return undefined;
  const match = /^([1-9][0-9]{0,9}):([^$:]+)\$([^$:]+):([^$:]+)$/.exec(stored.slice(PREFIX.length));
  if (match === null) return undefined;
  const iterations = Number(match[1]);
  const salt = decodeBase64Strict(match[2] as string);
  const storedKey = decodeBase64Strict(match[3] as string);
  const serverKey = decodeBase64Strict(match[4] as string);
  if (iterations < SCRAM_MIN_ITERATIONS || salt === undefined || salt.length === 0) return undefined;
  if (storedKey?.length !== 32 || serverKey?.length !== 32) return undefined;
  return { iterations, salt, storedKey, serverKey };
}
