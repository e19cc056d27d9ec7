const HEX_DIGITS = '0123456789abcdef';

/**
 * Which ASCII bytes must be written as `\XX`. RFC 4515 §3 requires it for NUL, `(`, `)`, `*` and `\`
 * (they are outside UTF1SUBSET). We also escape the other C0 controls and DEL: the RFC allows them raw,
 * but the canonical form ends up in logs and diagnostics, where a raw CR/LF could forge a line.
 */
const MUST_ESCAPE = new Uint8Array(128);
for (let b = 0; b < 0x20; b++) MUST_ESCAPE[b] = 1;
for (const b of [0x28, 0x29, 0x2a, 0x5c, 0x7f]) MUST_ESCAPE[b] = 1;

function hexEscape(byte: number): string {
  return `\\${HEX_DIGITS[byte >> 4]}${HEX_DIGITS[byte & 0x0f]}`;
}

function isContinuation(buf: Uint8Array, i: number): boolean {
  const b = buf[i];
  return b !== undefined && (b & 0xc0) === 0x80;
}

/**
 * Length of the well-formed UTF-8 sequence starting at `i`, or 0 when the byte there does not start
 * one (RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
export function utf8SequenceLength(buf: Uint8Array, i: number): number {
  const b0 = buf[i];
  if (b0 === undefined) return 0;
  if (b0 < 0x80) return 1;
  if (b0 < 0xc2 || b0 > 0xf4) return 0;
  if (b0 < 0xe0) return isContinuation(buf, i + 1) ? 2 : 0;
  const b1 = buf[i + 1];
  if (b1 === undefined) return 0;
  if (b0 < 0xf0) {
    if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f)) return 0;
    return isContinuation(buf, i + 1) && isContinuation(buf, i + 2) ? 3 : 0;
  }
  if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return 0;
  return isContinuation(buf, i + 1) && isContinuation(buf, i + 2) && isContinuation(buf, i + 3) ? 4 : 0;
}

/**
 * Escapes an assertion value for a string filter (RFC 4515 §3 `valueencoding`), with lowercase hex:
 * `*` `(` `)` `\` NUL → `\2a` `\28` `\29` `\5c` `\00`, other C0 controls and DEL → `\XX`, and every byte
 * that is not part of well-formed UTF-8 → `\XX`. Well-formed non-ASCII UTF-8 stays literal (UTFMB).
 * A string argument is encoded as UTF-8 first.
 */
export function escapeFilterValue(value: Buffer | string): string {
  const buf = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  let out = '';
  let runStart = 0;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    if (b < 0x80 && MUST_ESCAPE[b] === 0) {
      i++;
      continue;
    }
    const len = b < 0x80 ? 0 : utf8SequenceLength(buf, i);
    if (len > 0) {
      i += len;
      continue;
    }
    out += buf.toString('utf8', runStart, i) + hexEscape(b);
    i++;
    runStart = i;
  }
  return runStart === 0 ? buf.toString('utf8') : out + buf.toString('utf8', runStart, i);
}
