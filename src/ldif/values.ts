import { isUtf8 } from 'node:buffer';
import { LdifSyntaxError } from '../errors/index.js';
import { isBase64, PRINTABLE_ASCII, UNSAFE_IN_PLAIN_VALUE } from './syntax.js';

/**
 * Decoding of RFC 2849 value-spec: `:` FILL SAFE-STRING, `::` FILL BASE64-STRING, `:<` FILL url.
 * Lines arrive as latin1 strings (one char per byte), so a plain value's bytes are recovered exactly.
 */

/** Supplies the bytes of a `:<` value; the streaming reader returns a placeholder and fills it in later. */
export type UrlValueSource = (url: string, line: number) => Buffer;

function skipFill(text: string, i: number): number {
  while (text.charCodeAt(i) === 0x20) i++;
  return i;
}

function trimEnd(text: string, from: number): string {
  let end = text.length;
  while (end > from && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(from, end);
}

/** The value after the ':' at `colon`. `what` names it in messages ("attribute cn", "control 1.2.3"). */
export function decodeValue(text: string, colon: number, line: number, what: string, url: UrlValueSource | undefined): Buffer {
  const next = text.charCodeAt(colon + 1);
  if (next === 0x3a) {
    // Folding may leave trailing spaces after base64; they are FILL, not data.
    const b64 = trimEnd(text, skipFill(text, colon + 2));
    if (!isBase64(b64)) throw new LdifSyntaxError(`invalid base64 value for ${what}`, line);
    return Buffer.from(b64, 'base64');
  }
  if (next === 0x3c) {
    if (url === undefined) throw new LdifSyntaxError(`URL values are not allowed for ${what}`, line);
    return url(trimEnd(text, skipFill(text, colon + 2)), line);
  }
  const start = skipFill(text, colon + 1);
  const plain = start === text.length ? '' : text.slice(start);
  if (UNSAFE_IN_PLAIN_VALUE.test(plain)) throw new LdifSyntaxError(`value of ${what} contains NUL or CR (use base64)`, line);
  return Buffer.from(plain, 'latin1');
}

/** A text value (dn, newrdn, newsuperior, keywords): decoded as UTF-8, which must be valid. */
export function decodeText(text: string, colon: number, line: number, what: string): string {
  const next = text.charCodeAt(colon + 1);
  if (next !== 0x3a && next !== 0x3c) {
    const plain = text.slice(skipFill(text, colon + 1));
    if (PRINTABLE_ASCII.test(plain)) return plain;
  }
  const bytes = decodeValue(text, colon, line, what, undefined);
  if (!isUtf8(bytes)) throw new LdifSyntaxError(`${what} is not valid UTF-8`, line);
  return bytes.toString('utf8');
}

/** A bare keyword argument (`add: cn`, `changetype: modify`): plain form only, surrounding FILL dropped. */
export function plainArgument(text: string, colon: number): string {
  return trimEnd(text, skipFill(text, colon + 1));
}
