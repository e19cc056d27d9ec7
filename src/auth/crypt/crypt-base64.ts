/**
 * The crypt(3) base-64 alphabet ("./0-9A-Za-z") and the little-endian 24-bit group encoding shared by PHK's
 * md5crypt and Drepper's SHA-crypt (`b64_from_24bit` in the SHA-crypt specification).
 */
export const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Encodes the 24-bit value `b2 b1 b0` as `n` characters, least significant 6 bits first. */
export function cryptBase64Group(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += CRYPT_ALPHABET[w & 0x3f];
    w >>>= 6;
  }
  return out;
}

/**
 * Encodes a digest by a permutation table: each row names three byte positions (b2, b1, b0) and how many output
 * characters they give. The tables are the byte orders printed in the md5crypt and SHA-crypt specifications.
 */
export function cryptBase64(digest: Buffer, table: readonly (readonly [number, number, number, number])[]): string {
  let out = '';
  for (const [i2, i1, i0, n] of table) {
    out += cryptBase64Group(i2 < 0 ? 0 : (digest[i2] ?? 0), i1 < 0 ? 0 : (digest[i1] ?? 0), digest[i0] ?? 0, n);
  }
  return out;
}
