import { InvalidDnSyntaxError } from '../errors/index.js';

/** Character codes the DN scanner branches on (RFC 4514 §3 / RFC 4512 §1.4 names). */
export const Ch = {
  NUL: 0x00,
  SPACE: 0x20,
  DQUOTE: 0x22,
  SHARP: 0x23,
  PLUS: 0x2b,
  COMMA: 0x2c,
  HYPHEN: 0x2d,
  DOT: 0x2e,
  ZERO: 0x30,
  NINE: 0x39,
  SEMI: 0x3b,
  LANGLE: 0x3c,
  EQUALS: 0x3d,
  RANGLE: 0x3e,
  ESC: 0x5c,
} as const;

export function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function isDigit(c: number): boolean {
  return c >= Ch.ZERO && c <= Ch.NINE;
}

/** Value of a HEX digit (RFC 4512: DIGIT / "A"-"F" / "a"-"f"), or -1. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** `\XX` for every octet; upper case, as OpenLDAP's ldap_dn2str writes it. */
export const HEX_PAIR: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

/**
 * How a character written in a DN string is shown in an error: printable ASCII quoted, anything
 * else (controls, NUL, non-ASCII) as its code point so the message itself stays printable.
 */
export function describeChar(text: string, pos: number): string {
  const cp = text.codePointAt(pos);
  if (cp === undefined) return 'end of input';
  if (cp >= 0x20 && cp <= 0x7e) return `'${String.fromCharCode(cp)}'`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Every DN syntax error names the problem and the 0-based UTF-16 position where scanning stopped. */
export function syntaxError(problem: string, pos: number): InvalidDnSyntaxError {
  return new InvalidDnSyntaxError(`${problem} at position ${pos}`);
}

/**
 * Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629 §4 table, which excludes
 * overlongs, surrogates and code points past U+10FFFF), or 0 when the octets there are not one.
 */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}
