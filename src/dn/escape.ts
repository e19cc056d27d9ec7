import { isUtf8 } from 'node:buffer';
import { InvalidDnSyntaxError } from '../errors/index.js';
import { Ch, HEX_PAIR, syntaxError, utf8SequenceLength } from './chars.js';
import { decodeEscapedValue, plainValueBytes, scanStringValue } from './value-scanner.js';

/** ASCII that RFC 4514 §2.4 requires to be escaped wherever it appears, as `\` + the character. */
const escapeAsIs = new Uint8Array(128);
for (const c of '"+,;<>\\') escapeAsIs[c.charCodeAt(0)] = 1;

/** Printable ASCII that needs no escape in the middle of a value. */
function isSafeAscii(c: number): boolean {
  return c >= 0x20 && c <= 0x7e && escapeAsIs[c] === 0;
}

/**
 * The RFC 4514 §2.4 string form of one attribute value, escaped canonically:
 * - `"` `+` `,` `;` `<` `>` `\` become `\` + the character;
 * - a leading SPACE or `#` and a trailing SPACE become `\ ` / `\#`;
 * - NUL, the other C0 controls, DEL and the C1 controls become `\XX` (§2.4 requires it for NUL;
 *   the others are legal but unreadable, and RFC 4514 §4's `Before\0dAfter` writes CR this way);
 * - octets that are not part of well-formed UTF-8 become `\XX`, so any byte string round-trips.
 * Everything else, including non-ASCII characters, is written as it is. A string is taken as
 * UTF-8; a lone surrogate in it becomes U+FFFD, as Buffer.from does.
 */
export function escapeDnValue(value: string | Buffer): string {
  if (typeof value === 'string') {
    if (isPlainAsciiValue(value)) return value;
    return escapeBytes(Buffer.from(value, 'utf8'));
  }
  return escapeBytes(value);
}

/** Fast path: printable ASCII with no character that needs an escape anywhere. */
function isPlainAsciiValue(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  if (first === Ch.SPACE || first === Ch.SHARP || value.charCodeAt(n - 1) === Ch.SPACE) return false;
  for (let i = 0; i < n; i++) if (!isSafeAscii(value.charCodeAt(i))) return false;
  return true;
}

function escapeBytes(bytes: Uint8Array): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const n = buf.length;
  let out = '';
  let runStart = 0;
  let i = 0;
  while (i < n) {
    const c = buf[i] as number;
    let escape: string | undefined;
    let width = 1;
    if (c < 0x80) {
      if (c < 0x20 || c === 0x7f) escape = `\\${HEX_PAIR[c]}`;
      else if (escapeAsIs[c] === 1) escape = `\\${String.fromCharCode(c)}`;
      else if (i === 0 && (c === Ch.SPACE || c === Ch.SHARP)) escape = `\\${String.fromCharCode(c)}`;
      else if (i === n - 1 && c === Ch.SPACE) escape = '\\ ';
    } else {
      width = utf8SequenceLength(buf, i);
      if (width === 0) {
        width = 1;
        escape = `\\${HEX_PAIR[c]}`;
      } else if (c === 0xc2 && (buf[i + 1] as number) < 0xa0) {
        escape = `\\C2\\${HEX_PAIR[buf[i + 1] as number]}`; // C1 control U+0080..U+009F
      }
    }
    if (escape !== undefined) {
      if (i > runStart) out += buf.toString('utf8', runStart, i);
      out += escape;
      runStart = i + width;
    }
    i += width;
  }
  if (runStart === 0) return buf.toString('utf8');
  if (runStart < n) out += buf.toString('utf8', runStart, n);
  return out;
}

/**
 * The octets of a string-form value written as in a DN (RFC 4514 §3 `string`): escapes decoded,
 * unescaped leading and trailing spaces dropped as the DN parser drops them. Everything the DN
 * parser rejects in a value is rejected here too, and so are an unescaped `,` or `+` (they would end
 * the value in a DN) and a leading `#` (in a DN it introduces a hex value, which is not an escape).
 * Throws InvalidDnSyntaxError naming the 0-based position in `text`.
 */
export function unescapeDnValue(text: string): Buffer {
  let start = 0;
  while (text.charCodeAt(start) === Ch.SPACE) start++;
  if (text.charCodeAt(start) === Ch.SHARP) throw syntaxError("unescaped '#' at the start of a value", start);
  const scanned = scanStringValue(text, start, false);
  const raw = text.slice(start, scanned.significantEnd);
  return scanned.escaped ? decodeEscapedValue(raw) : plainValueBytes(raw, scanned.ascii);
}

/**
 * Like {@link unescapeDnValue} but as a string: the octets must be well-formed UTF-8 (RFC 4514 §2.4
 * values are UTF-8 strings; the byte form is kept only so nothing is lost on the way).
 */
export function unescapeDnValueToString(text: string): string {
  return dnValueToString(unescapeDnValue(text));
}

/** A value's octets as a string, refusing octets that are not well-formed UTF-8. */
export function dnValueToString(value: Buffer): string {
  if (!isUtf8(value)) {
    let i = 0;
    for (let len = utf8SequenceLength(value, i); len !== 0; len = utf8SequenceLength(value, i)) i += len;
    throw new InvalidDnSyntaxError(`attribute value is not valid UTF-8: octet 0x${HEX_PAIR[value[i] as number]} at offset ${i}`);
  }
  return value.toString('utf8');
}
