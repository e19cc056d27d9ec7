import { Ch, describeChar, hexValue, syntaxError } from './chars.js';

/**
 * Classes of the ASCII characters inside a string-form attribute value (RFC 4514 §3):
 *
 *   string     = [ ( leadchar / pair ) [ *( stringchar / pair ) ( trailchar / pair ) ] ]
 *   pair       = ESC ( ESC / special / hexpair )
 *   special    = escaped / SPACE / SHARP / EQUALS
 *   escaped    = DQUOTE / PLUS / COMMA / SEMI / LANGLE / RANGLE
 *
 * `=` and a non-leading `#` are stringchars and need no escape (OpenLDAP accepts both too).
 */
const PLAIN = 0;
const SPACE = 1;
const ESCAPE = 2;
const SEPARATOR = 3;
/** DQUOTE, SEMI, LANGLE, RANGLE and NULL are outside every *UTF1 production: they must be escaped. */
const FORBIDDEN = 4;

const charClass = new Uint8Array(128);
charClass[Ch.SPACE] = SPACE;
charClass[Ch.ESC] = ESCAPE;
charClass[Ch.COMMA] = SEPARATOR;
charClass[Ch.PLUS] = SEPARATOR;
for (const c of [Ch.NUL, Ch.DQUOTE, Ch.SEMI, Ch.LANGLE, Ch.RANGLE]) charClass[c] = FORBIDDEN;

/** Characters allowed after ESC on their own (`special` and ESC itself). */
const escapable = new Uint8Array(128);
for (const c of '"+,;<>\\ #=') escapable[c.charCodeAt(0)] = 1;

/** Where a string value ends, as found by {@link scanStringValue}. */
export interface ScannedValue {
  /** Index of the unescaped `,`/`+` that ended the value, or the end of the text. */
  readonly end: number;
  /** End of the value proper: unescaped trailing spaces are not part of it. */
  readonly significantEnd: number;
  /** Whether the value holds an escape, i.e. needs {@link decodeEscapedValue}. */
  readonly escaped: boolean;
  /** Whether every character is ASCII (then its UTF-8 is one octet per character). */
  readonly ascii: boolean;
}

/**
 * Scans a string-form value starting at `start` (leading spaces already skipped) and validates it
 * completely: escapes, forbidden characters, and UTF-16 well-formedness (so the value's UTF-8 is
 * exactly what was written). In a DN an unescaped `,` or `+` ends the value; on its own
 * (`inDn` false) it is an error.
 */
export function scanStringValue(text: string, start: number, inDn: boolean): ScannedValue {
  const n = text.length;
  let i = start;
  let significantEnd = start;
  let escaped = false;
  let ascii = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const cls = charClass[c];
      if (cls === PLAIN) {
        i++;
        significantEnd = i;
      } else if (cls === SPACE) {
        i++;
      } else if (cls === ESCAPE) {
        i = scanEscape(text, i);
        significantEnd = i;
        escaped = true;
      } else if (cls === SEPARATOR && inDn) {
        break;
      } else {
        throw syntaxError(`unescaped ${describeChar(text, i)} in attribute value`, i);
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
        throw syntaxError(`lone surrogate ${describeChar(text, i)} in attribute value`, i);
      }
      i += 2;
      significantEnd = i;
      ascii = false;
    } else {
      i++;
      significantEnd = i;
      ascii = false;
    }
  }
  return { end: i, significantEnd, escaped, ascii };
}

/** Validates the escape at `i` (an ESC) and returns the index after it. */
function scanEscape(text: string, i: number): number {
  if (i + 1 >= text.length) throw syntaxError("dangling '\\'", i);
  const d = text.charCodeAt(i + 1);
  if (d < 0x80 && escapable[d] === 1) return i + 2;
  if (hexValue(d) < 0) throw syntaxError(`invalid escape '\\' followed by ${describeChar(text, i + 1)}`, i);
  if (i + 2 >= text.length) throw syntaxError('incomplete hex escape', i);
  if (hexValue(text.charCodeAt(i + 2)) < 0) {
    throw syntaxError(`invalid hex escape: ${describeChar(text, i + 2)} is not a hex digit`, i);
  }
  return i + 3;
}

/**
 * The octets of a value {@link scanStringValue} accepted and found escapes in. `\XX` pairs are
 * octets, not characters: a run of them may spell a multi-byte UTF-8 character (RFC 4514 §4
 * `Lu\C4\8Di\C4\87`) or bytes that are not UTF-8 at all, which are kept as they are.
 */
export function decodeEscapedValue(raw: string): Buffer {
  // Every escape is at least as long as the octet it stands for, so this bounds the output.
  const out = Buffer.allocUnsafe(Buffer.byteLength(raw, 'utf8'));
  let o = 0;
  let runStart = 0;
  let i = 0;
  while (i < raw.length) {
    if (raw.charCodeAt(i) !== Ch.ESC) {
      i++;
      continue;
    }
    if (i > runStart) o += out.write(raw.slice(runStart, i), o, 'utf8');
    const d = raw.charCodeAt(i + 1);
    const high = hexValue(d);
    if (high >= 0) {
      out[o++] = high * 16 + hexValue(raw.charCodeAt(i + 2));
      i += 3;
    } else {
      out[o++] = d;
      i += 2;
    }
    runStart = i;
  }
  if (i > runStart) o += out.write(raw.slice(runStart, i), o, 'utf8');
  return Buffer.from(out.subarray(0, o));
}

/** The UTF-8 of an unescaped value; ASCII is copied directly, skipping the encoder's setup cost. */
export function plainValueBytes(raw: string, ascii: boolean): Buffer {
  if (!ascii) return Buffer.from(raw, 'utf8');
  const out = Buffer.allocUnsafe(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}
