import { createHash } from 'node:crypto';
import { cryptBase64 } from './crypt-base64.js';

/**
 * SHA-256-crypt (`$5$`) and SHA-512-crypt (`$6$`) from Ulrich Drepper's specification "Unix crypt using SHA-256 and
 * SHA-512" (2007/2008), the algorithm glibc, libxcrypt and OpenSSL `passwd -5/-6` implement. Step numbers in the
 * comments are the specification's.
 */
export const SHA_CRYPT = {
  sha256: { prefix: '$5$', algorithm: 'sha256', size: 32 },
  sha512: { prefix: '$6$', algorithm: 'sha512', size: 64 },
} as const;

export type ShaCryptVariant = keyof typeof SHA_CRYPT;

export const SHA_CRYPT_DEFAULT_ROUNDS = 5000;
export const SHA_CRYPT_MIN_ROUNDS = 1000;
export const SHA_CRYPT_MAX_ROUNDS = 999_999_999;

/** Rounds between two yields of the asynchronous form, so a long computation never holds the event loop long. */
const ROUNDS_PER_SLICE = 2000;

/** Output byte orders from the specification's final step (b64_from_24bit calls). */
const ORDER_256: readonly (readonly [number, number, number, number])[] = [
  [0, 10, 20, 4], [21, 1, 11, 4], [12, 22, 2, 4], [3, 13, 23, 4], [24, 4, 14, 4],
  [15, 25, 5, 4], [6, 16, 26, 4], [27, 7, 17, 4], [18, 28, 8, 4], [9, 19, 29, 4],
  [-1, 31, 30, 3],
];
const ORDER_512: readonly (readonly [number, number, number, number])[] = [
  [0, 21, 42, 4], [22, 43, 1, 4], [44, 2, 23, 4], [3, 24, 45, 4], [25, 46, 4, 4],
  [47, 5, 26, 4], [6, 27, 48, 4], [28, 49, 7, 4], [50, 8, 29, 4], [9, 30, 51, 4],
  [31, 52, 10, 4], [53, 11, 32, 4], [12, 33, 54, 4], [34, 55, 13, 4], [56, 14, 35, 4],
  [15, 36, 57, 4], [37, 58, 16, 4], [59, 17, 38, 4], [18, 39, 60, 4], [40, 61, 19, 4],
  [62, 20, 41, 4], [-1, -1, 63, 2],
];

/** A parsed `$5$`/`$6$` setting: the salt (≤ 16 bytes) and the rounds, and whether `rounds=` was written. */
export interface ShaCryptSetting {
  readonly variant: ShaCryptVariant;
  readonly salt: Buffer;
  readonly rounds: number;
  readonly customRounds: boolean;
}

/**
 * Parses `$6$[rounds=N$]salt[$...]` as the specification does: a `rounds=` prefix counts only when a decimal number
 * ends in `$` (otherwise it is part of the salt); N is clamped to [1000, 999999999]; the salt stops at `$` and is
 * cut to 16 characters. Returns undefined for another prefix.
 */
export function parseShaCryptSetting(setting: string): ShaCryptSetting | undefined {
  const variant = setting.startsWith(SHA_CRYPT.sha256.prefix) ? 'sha256' : setting.startsWith(SHA_CRYPT.sha512.prefix) ? 'sha512' : undefined;
  if (variant === undefined) return undefined;
  let rest = setting.slice(3);
  let rounds = SHA_CRYPT_DEFAULT_ROUNDS;
  let customRounds = false;
  const match = /^rounds=(\d+)\$/.exec(rest);
  if (match !== undefined && match !== null) {
    const n = Number(match[1]);
    rounds = Math.min(SHA_CRYPT_MAX_ROUNDS, Math.max(SHA_CRYPT_MIN_ROUNDS, n));
    customRounds = true;
    rest = rest.slice(match[0].length);
  }
  const end = rest.indexOf('$');
  const salt = Buffer.from((end < 0 ? rest : rest.slice(0, end)).slice(0, 16), 'latin1');
  return { variant, salt, rounds, customRounds };
}

/** `length` bytes of `block` repeated (steps 16 and 20: the P and S byte sequences). */
function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0; offset < length; offset += block.length) block.copy(out, offset, 0, Math.min(block.length, length - offset));
  return out;
}

/** The computation, as a generator that pauses every ROUNDS_PER_SLICE rounds; it returns the full crypt string. */
function* compute(password: Buffer, s: ShaCryptSetting): Generator<void, string, void> {
  const { algorithm, size, prefix } = SHA_CRYPT[s.variant];
  const hash = () => createHash(algorithm);
  // Steps 4-8: digest B = H(P S P).
  const b = hash().update(password).update(s.salt).update(password).digest();
  // Steps 1-3, 9-12: digest A.
  const a = hash().update(password).update(s.salt);
  let left = password.length;
  for (; left > size; left -= size) a.update(b);
  a.update(b.subarray(0, left));
  for (let bits = password.length; bits > 0; bits >>>= 1) a.update((bits & 1) !== 0 ? b : password);
  let c = a.digest();
  // Steps 13-16: DP = H(P repeated |P| times); P-sequence = DP repeated to |P| bytes.
  const dp = hash();
  for (let i = 0; i < password.length; i++) dp.update(password);
  const p = repeatTo(dp.digest(), password.length);
  // Steps 17-20: DS = H(S repeated 16 + A[0] times); S-sequence = DS repeated to |S| bytes.
  const ds = hash();
  for (let i = 0; i < 16 + (c[0] ?? 0); i++) ds.update(s.salt);
  const salt = repeatTo(ds.digest(), s.salt.length);
  // Step 21: the rounds.
  for (let i = 0; i < s.rounds; i++) {
    const round = hash();
    round.update((i & 1) !== 0 ? p : c);
    if (i % 3 !== 0) round.update(salt);
    if (i % 7 !== 0) round.update(p);
    round.update((i & 1) !== 0 ? c : p);
    c = round.digest();
    if ((i + 1) % ROUNDS_PER_SLICE === 0) yield;
  }
  // Step 22: the output string.
  const roundsPart = s.customRounds ? `rounds=${s.rounds}$` : '';
  return `${prefix}${roundsPart}${s.salt.toString('latin1')}$${cryptBase64(c, s.variant === 'sha256' ? ORDER_256 : ORDER_512)}`;
}

/** SHA-crypt, synchronously; undefined when `setting` is not a `$5$`/`$6$` setting. */
export function shaCrypt(password: Buffer, setting: string | ShaCryptSetting): string | undefined {
  const parsed = typeof setting === 'string' ? parseShaCryptSetting(setting) : setting;
  if (parsed === undefined) return undefined;
  const run = compute(password, parsed);
  for (;;) {
    const step = run.next();
    if (step.done === true) return step.value;
  }
}

/** SHA-crypt, yielding to the event loop between slices of rounds (a stored value may ask for many rounds). */
export async function shaCryptAsync(password: Buffer, setting: string | ShaCryptSetting): Promise<string | undefined> {
  const parsed = typeof setting === 'string' ? parseShaCryptSetting(setting) : setting;
  if (parsed === undefined) return undefined;
  const run = compute(password, parsed);
  for (;;) {
    const step = run.next();
    if (step.done === true) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
