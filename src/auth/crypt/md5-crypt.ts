import { createHash } from 'node:crypto';
import { cryptBase64 } from './crypt-base64.js';

const MAGIC = '$1$';

/** Output byte order of PHK's md5crypt (FreeBSD crypt-md5.c): five 4-character groups, then byte 11 as 2. */
const MD5_ORDER = [
  [0, 6, 12, 4],
  [1, 7, 13, 4],
  [2, 8, 14, 4],
  [3, 9, 15, 4],
  [4, 10, 5, 4],
  [-1, -1, 11, 2],
] as const;

/**
 * Poul-Henning Kamp's MD5-crypt (`$1$salt$hash`, FreeBSD 1994, as in glibc and OpenSSL `passwd -1`).
 * `setting` is `$1$salt` or a whole stored hash; the salt is the text up to the next `$`, at most 8 characters.
 * Returns the full crypt string, or undefined when `setting` is not an MD5-crypt setting.
 */
export function md5Crypt(password: Buffer, setting: string): string | undefined {
  if (!setting.startsWith(MAGIC)) return undefined;
  const rest = setting.slice(MAGIC.length);
  const end = rest.indexOf('$');
  const salt = Buffer.from((end < 0 ? rest : rest.slice(0, end)).slice(0, 8), 'latin1');
  const alternate = createHash('md5').update(password).update(salt).update(password).digest();
  const ctx = createHash('md5').update(password).update(MAGIC).update(salt);
  for (let left = password.length; left > 0; left -= 16) ctx.update(alternate.subarray(0, Math.min(left, 16)));
  // The original reads a byte of a zeroed buffer for set bits and the password's first byte for clear ones.
  const zero = Buffer.alloc(1);
  const first = password.subarray(0, 1);
  for (let i = password.length; i > 0; i >>>= 1) ctx.update((i & 1) !== 0 ? zero : first);
  let digest = ctx.digest();
  // 1000 rounds "to slow down brute force" (PHK's comment): the sequence depends on the round number.
  for (let i = 0; i < 1000; i++) {
    const round = createHash('md5');
    round.update((i & 1) !== 0 ? password : digest);
    if (i % 3 !== 0) round.update(salt);
    if (i % 7 !== 0) round.update(password);
    round.update((i & 1) !== 0 ? digest : password);
    digest = round.digest();
  }
  return `${MAGIC}${salt.toString('latin1')}$${cryptBase64(digest, MD5_ORDER)}`;
}
