/**
 * Tokens of an RFC 4512 §4.1 description: `(`, `)`, `$`, quoted strings (qdstring, with the `\27` and
 * `\5C` escapes of §4.1 decoded) and bare words (numericoid, descr, keywords, `oid{len}`).
 */
export interface Token {
  readonly kind: 'lparen' | 'rparen' | 'dollar' | 'quoted' | 'word';
  readonly text: string;
  readonly position: number;
}

/** A tokenizer failure; the parser adds the definition's name to the message. */
export class TokenError extends Error {
  override readonly name: string = 'TokenError';
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDelimiter(c: number): boolean {
  return isSpace(c) || c === 0x28 || c === 0x29 || c === 0x24 || c === 0x27 || Number.isNaN(c);
}

/**
 * RFC 4512 §4.1: `qdstring = SQUOTE dstring SQUOTE`, where a quote is written `\27` and a backslash
 * `\5C` (either hex case). Any other backslash is an error.
 */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c)) throw new TokenError(`unterminated quoted string at position ${start}`);
    if (c === 0x27) return { value: out, end: i + 1 };
    if (c === 0x5c) {
      const hex = text.slice(i + 1, i + 3).toLowerCase();
      if (hex === '27') out += "'";
      else if (hex === '5c') out += '\\';
      else throw new TokenError(`invalid escape '\\${text.slice(i + 1, i + 3)}' at position ${i} (only \\27 and \\5C)`);
      i += 3;
      continue;
    }
    out += text[i];
    i++;
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 0x28) {
      tokens.push({ kind: 'lparen', text: '(', position: i++ });
    } else if (c === 0x29) {
      tokens.push({ kind: 'rparen', text: ')', position: i++ });
    } else if (c === 0x24) {
      tokens.push({ kind: 'dollar', text: '$', position: i++ });
    } else if (c === 0x27) {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: 'quoted', text: value, position: i });
      i = end;
    } else {
      const start = i;
      while (!isDelimiter(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), position: start });
    }
  }
  return tokens;
}

/** The quoted form of a string (RFC 4512 §4.1 qdstring). */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\5C').replace(/'/g, '\\27')}'`;
}
