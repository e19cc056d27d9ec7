import { FilterSyntaxError } from '../errors/index.js';

/** Every parse error reads `<problem> at position <n>`, with `n` also in `FilterSyntaxError.position`. */
export function syntaxError(problem: string, position: number): FilterSyntaxError {
  return new FilterSyntaxError(`${problem} at position ${position}`, position);
}

const LPAREN = 0x28;
const RPAREN = 0x29;
const STAR = 0x2a;
const BACKSLASH = 0x5c;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Scans an RFC 4515 `valueencoding` from `start` up to the first unescaped `)` or the end of `text`
 * (the caller decides whether the end is acceptable) and decodes it to bytes: literal characters as
 * UTF-8, `\XX` as one octet. With `splitOnStar`, unescaped `*` separates pieces (substrings);
 * otherwise it is an error. Returns the pieces and the position where scanning stopped.
 */
export function scanAssertionValue(
  text: string,
  start: number,
  splitOnStar: boolean,
): { pieces: Buffer[]; end: number } {
  const pieces: Buffer[] = [];
  let chunks: Buffer[] = [];
  let escaped: number[] = [];
  let pos = start;
  let runStart = pos;
  const flushRun = (): void => {
    if (pos > runStart) chunks.push(Buffer.from(text.slice(runStart, pos), 'utf8'));
  };
  const flushEscaped = (): void => {
    if (escaped.length > 0) chunks.push(Buffer.from(escaped));
    escaped = [];
  };
  const endPiece = (): void => {
    flushRun();
    flushEscaped();
    pieces.push(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    chunks = [];
  };
  for (;;) {
    const code = text.charCodeAt(pos);
    if (code === RPAREN || Number.isNaN(code)) {
      endPiece();
      return { pieces, end: pos };
    }
    if (code === LPAREN) throw syntaxError("unescaped '(' in value", pos);
    if (code === 0) throw syntaxError('unescaped NUL in value', pos);
    if (code === STAR) {
      if (!splitOnStar) throw syntaxError("unescaped '*' in value", pos);
      endPiece();
      pos++;
      runStart = pos;
      continue;
    }
    if (code === BACKSLASH) {
      // RFC 4515 §3: escaped = ESC HEX HEX, nothing else.
      const hi = hexValue(text.charCodeAt(pos + 1));
      const lo = hexValue(text.charCodeAt(pos + 2));
      if (hi < 0 || lo < 0) throw syntaxError(`invalid escape sequence '${text.slice(pos, pos + 3)}'`, pos);
      flushRun();
      escaped.push((hi << 4) | lo);
      pos += 3;
      runStart = pos;
      continue;
    }
    if (escaped.length > 0) flushEscaped();
    if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate has no UTF-8 form; Buffer.from would silently turn it into U+FFFD.
      const low = text.charCodeAt(pos + 1);
      if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) {
        throw syntaxError('unpaired UTF-16 surrogate in value', pos);
      }
      pos += 2;
      continue;
    }
    pos++;
  }
}
