import { timingSafeEqual } from 'node:crypto';
import { hash, hashRaw, hashSync } from '@node-rs/argon2';
import type { Options } from '@node-rs/argon2';
import { LdapError, ResultCode } from '../errors/index.js';

/** Argon2 cost parameters (RFC 9106 §3.1): memory in KiB, passes, lanes. */
export interface PasswordHasherOptions {
  /** argon2id m: memory in KiB. Default 19456 (19 MiB), OWASP's Password Storage Cheat Sheet minimum. */
  readonly memoryKiB?: number;
  /** argon2id t: passes over memory. Default 2. */
  readonly iterations?: number;
  /** argon2id p: lanes. Default 1. */
  readonly parallelism?: number;
}

export const DEFAULT_ARGON2 = { memoryKiB: 19456, iterations: 2, parallelism: 1 } as const;

/** @node-rs/argon2's Algorithm and Version values (declared as const enums, which isolated modules cannot read). */
const ARGON2ID = 2;
const VERSION_13 = 1;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/**
 * The largest costs Warden verifies for a stored value; above them the value is refused unverified, so a
 * pre-hashed password written by a user cannot make each bind allocate gigabytes or run for seconds.
 */
export const MAX_ARGON2 = { memoryKiB: 262_144, iterations: 16, parallelism: 16 } as const;

export const ARGON2_PREFIX = '{ARGON2}';

function resolve(options: PasswordHasherOptions | undefined): Required<PasswordHasherOptions> {
  const memoryKiB = options?.memoryKiB ?? DEFAULT_ARGON2.memoryKiB;
  const iterations = options?.iterations ?? DEFAULT_ARGON2.iterations;
  const parallelism = options?.parallelism ?? DEFAULT_ARGON2.parallelism;
  const integer = (n: number, lo: number, hi: number): boolean => Number.isInteger(n) && n >= lo && n <= hi;
  if (!integer(parallelism, 1, MAX_ARGON2.parallelism)) {
    throw new LdapError(ResultCode.other, `argon2 parallelism must be an integer from 1 to ${MAX_ARGON2.parallelism}, not ${parallelism}`);
  }
  // RFC 9106 §3.1: m is at least 8p KiB.
  if (!integer(memoryKiB, 8 * parallelism, MAX_ARGON2.memoryKiB)) {
    throw new LdapError(ResultCode.other, `argon2 memoryKiB must be an integer from ${8 * parallelism} to ${MAX_ARGON2.memoryKiB}, not ${memoryKiB}`);
  }
  if (!integer(iterations, 1, MAX_ARGON2.iterations)) {
    throw new LdapError(ResultCode.other, `argon2 iterations must be an integer from 1 to ${MAX_ARGON2.iterations}, not ${iterations}`);
  }
  return { memoryKiB, iterations, parallelism };
}

function nativeOptions(options: PasswordHasherOptions | undefined): Options {
  const o = resolve(options);
  return {
    memoryCost: o.memoryKiB,
    timeCost: o.iterations,
    parallelism: o.parallelism,
    outputLen: HASH_BYTES,
    algorithm: ARGON2ID as NonNullable<Options['algorithm']>,
    version: VERSION_13 as NonNullable<Options['version']>,
  };
}

/** Argon2id of the password with a fresh 16-byte salt, as `{ARGON2}` + PHC string (OpenLDAP's argon2 module). */
export async function hashArgon2(cleartext: Buffer, options?: PasswordHasherOptions): Promise<string> {
  return `${ARGON2_PREFIX}${await hash(cleartext, nativeOptions(options))}`;
}

export function hashArgon2Sync(cleartext: Buffer, options?: PasswordHasherOptions): string {
  return `${ARGON2_PREFIX}${hashSync(cleartext, nativeOptions(options))}`;
}

/** The parts of an Argon2 PHC string (the reference implementation's encoding, RFC 9106 §4 parameters). */
interface Argon2Phc {
  readonly algorithm: number;
  readonly version: number;
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const ALGORITHMS: Record<string, number> = { argon2d: 0, argon2i: 1, argon2id: ARGON2ID };
const PHC = /^\$(argon2id|argon2i|argon2d)\$(?:v=(16|19)\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function unpaddedBase64(text: string): Buffer | undefined {
  return text.length % 4 === 1 ? undefined : Buffer.from(text, 'base64');
}

/** Parses `$argon2id$v=19$m=…,t=…,p=…$salt$hash` (no `v=` means version 0x10); undefined when malformed. */
function parsePhc(phc: string): Argon2Phc | undefined {
  const m = PHC.exec(phc);
  if (m === null) return undefined;
  const salt = unpaddedBase64(m[6] as string);
  const digest = unpaddedBase64(m[7] as string);
  // RFC 9106 §3.1: salt of at least 8 bytes, tag of at least 4.
  if (salt === undefined || digest === undefined || salt.length < 8 || digest.length < 4) return undefined;
  return {
    algorithm: ALGORITHMS[m[1] as string] as number,
    version: m[2] === '16' ? 0 : VERSION_13,
    memoryKiB: Number(m[3]),
    iterations: Number(m[4]),
    parallelism: Number(m[5]),
    salt,
    hash: digest,
  };
}

/** Recomputes the tag for `presented` with the stored salt and parameters, and compares in constant time. */
async function matches(phc: Argon2Phc, presented: Buffer): Promise<boolean> {
  // @node-rs/argon2's verify() reads the password as UTF-8 text and throws on other bytes, but an LDAP password is
  // any octet string (RFC 4513 §5.1.1); hashRaw() takes bytes, so verification recomputes the tag itself.
  const tag = await hashRaw(presented, {
    salt: phc.salt,
    memoryCost: phc.memoryKiB,
    timeCost: phc.iterations,
    parallelism: phc.parallelism,
    outputLen: phc.hash.length,
    algorithm: phc.algorithm as NonNullable<Options['algorithm']>,
    version: phc.version as NonNullable<Options['version']>,
  });
  return tag.length === phc.hash.length && timingSafeEqual(tag, phc.hash);
}

/**
 * Verifies a PHC string (argon2id, argon2i or argon2d, version 0x10 or 0x13). Malformed strings and strings whose
 * costs exceed MAX_ARGON2 give ok: false. needsRehash is false only for argon2id v0x13 with exactly the current
 * parameters (and full-size salt and output), so a change of policy upgrades hashes as users bind.
 */
export async function verifyArgon2(text: string, presented: Buffer, current?: PasswordHasherOptions): Promise<{ ok: boolean; needsRehash: boolean }> {
  const phc = parsePhc(text);
  if (phc === undefined) return { ok: false, needsRehash: true };
  if (
    phc.memoryKiB > MAX_ARGON2.memoryKiB ||
    phc.iterations > MAX_ARGON2.iterations ||
    phc.parallelism > MAX_ARGON2.parallelism ||
    phc.parallelism < 1 ||
    phc.iterations < 1 ||
    phc.memoryKiB < 8 * phc.parallelism ||
    phc.hash.length > 1024
  ) {
    return { ok: false, needsRehash: true };
  }
  let ok: boolean;
  try {
    ok = await matches(phc, presented);
  } catch {
    return { ok: false, needsRehash: true };
  }
  const want = resolve(current);
  const needsRehash =
    phc.algorithm !== ARGON2ID ||
    phc.version !== VERSION_13 ||
    phc.memoryKiB !== want.memoryKiB ||
    phc.iterations !== want.iterations ||
    phc.parallelism !== want.parallelism ||
    phc.salt.length < SALT_BYTES ||
    phc.hash.length < HASH_BYTES;
  return { ok, needsRehash };
}

let dummy: Promise<Argon2Phc> | undefined;

/**
 * Verifies `presented` against a fixed hash made with the current parameters (computed once, on first use) and
 * ignores the answer: the same code path, memory and passes as checking a real account's password.
 */
export async function burnArgon2(presented: Buffer): Promise<void> {
  dummy ??= hash(Buffer.from('warden-dummy-password'), nativeOptions(undefined)).then((phc) => parsePhc(phc) as Argon2Phc);
  try {
    await matches(await dummy, presented);
  } catch {
    // The outcome is thrown away either way.
  }
}
