import type { FilterSyntaxError } from '../errors/index.js';
import type { Filter } from './ast.js';
import { isValidAttributeDescription, isValidOid } from './attribute-description.js';
import { scanAssertionValue, syntaxError } from './parse-value.js';

/**
 * RFC 4515 §3 string filters:
 *
 *   filter     = LPAREN filtercomp RPAREN          filtercomp = and / or / not / item
 *   and        = AMPERSAND filterlist              or = VERTICALBAR filterlist
 *   not        = EXCLAMATION filter                filterlist = 1*filter   (0* here: RFC 4526)
 *   item       = simple / present / substring / extensible
 *   simple     = attr filtertype assertionvalue    filtertype = "=" / "~=" / ">=" / "<="
 *   present    = attr EQUALS ASTERISK
 *   substring  = attr EQUALS [initial] any [final] any = ASTERISK *(assertionvalue ASTERISK)
 *   extensible = ( attr [dnattrs] [matchingrule] COLON EQUALS assertionvalue )
 *              / ( [dnattrs] matchingrule COLON EQUALS assertionvalue )
 *   dnattrs    = COLON "dn"                        matchingrule = COLON oid
 *   valueencoding = 0*(normal / escaped)          escaped = ESC HEX HEX
 *   normal     = UTF1SUBSET / UTFMB                ; UTF1SUBSET excludes NUL ( ) * \
 *
 * Deliberate choices: no whitespace is tolerated outside values (the grammar has none); a bare item
 * such as `cn=foo` is accepted at the top level only, as OpenLDAP's tools do, but never `&(...)`;
 * an empty `any` between two asterisks (`a**b`) is kept as an empty component, as the grammar says;
 * `(cn:dn:=x)` is read as dnAttributes, not as a rule named "dn"; `:DN:` is accepted.
 * Errors read `<problem> at position <n>`, n a 0-based UTF-16 index into `text`; when the input ends
 * inside a filter, n is the innermost `(` left open.
 */
export interface FilterParseOptions {
  /** Longest accepted filter, in UTF-16 code units. */
  readonly maxLength?: number;
  /** Deepest accepted nesting of parenthesised filters; `(cn=x)` has depth 1. */
  readonly maxDepth?: number;
}

export const DEFAULT_FILTER_MAX_LENGTH = 16384;
export const DEFAULT_FILTER_MAX_DEPTH = 32;

export function parseFilter(text: string, options: FilterParseOptions = {}): Filter {
  const maxLength = options.maxLength ?? DEFAULT_FILTER_MAX_LENGTH;
  const maxDepth = options.maxDepth ?? DEFAULT_FILTER_MAX_DEPTH;
  if (!Number.isSafeInteger(maxLength) || maxLength < 0) throw new RangeError(`invalid maxLength ${maxLength}`);
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) throw new RangeError(`invalid maxDepth ${maxDepth}`);
  if (text.length > maxLength) {
    throw syntaxError(`filter too long (${text.length} characters, limit ${maxLength})`, maxLength);
  }
  return new FilterParser(text, maxDepth).parse();
}

const C = {
  lparen: 0x28,
  rparen: 0x29,
  colon: 0x3a,
  equals: 0x3d,
  amp: 0x26,
  bar: 0x7c,
  bang: 0x21,
  tilde: 0x7e,
  gt: 0x3e,
  lt: 0x3c,
} as const;

/** Characters that end an attribute description or matching rule token. */
function endsName(code: number): boolean {
  return (
    code === C.equals || code === C.tilde || code === C.gt || code === C.lt || code === C.colon ||
    code === C.lparen || code === C.rparen || Number.isNaN(code)
  );
}

class FilterParser {
  readonly #text: string;
  readonly #maxDepth: number;
  #pos = 0;
  /** Positions of the `(` still open, innermost last: running out of input blames the innermost one. */
  readonly #open: number[] = [];

  constructor(text: string, maxDepth: number) {
    this.#text = text;
    this.#maxDepth = maxDepth;
  }

  parse(): Filter {
    const first = this.#code();
    let filter: Filter;
    if (Number.isNaN(first)) throw syntaxError('empty filter', 0);
    if (first === C.lparen) filter = this.#filter(1);
    else if (first === C.rparen) throw syntaxError('unbalanced parentheses', 0);
    else if (first === C.amp || first === C.bar || first === C.bang) throw syntaxError("expected '('", 0);
    else filter = this.#item(0);
    if (this.#pos < this.#text.length) {
      if (this.#code() === C.rparen) throw syntaxError('unbalanced parentheses', this.#pos);
      throw syntaxError('trailing characters after filter', this.#pos);
    }
    return filter;
  }

  #code(offset = 0): number {
    return this.#text.charCodeAt(this.#pos + offset);
  }

  #endOfInput(): FilterSyntaxError {
    const open = this.#open.at(-1);
    return open === undefined
      ? syntaxError('unexpected end of filter', this.#text.length)
      : syntaxError('unbalanced parentheses', open);
  }

  /** filter = LPAREN filtercomp RPAREN, with the cursor on the `(`. */
  #filter(depth: number): Filter {
    const start = this.#pos;
    if (depth > this.#maxDepth) throw syntaxError(`filter nested deeper than ${this.#maxDepth} levels`, start);
    this.#open.push(start);
    this.#pos++;
    let filter: Filter;
    switch (this.#code()) {
      case C.amp:
        this.#pos++;
        filter = { type: 'and', filters: this.#filterList(depth) };
        break;
      case C.bar:
        this.#pos++;
        filter = { type: 'or', filters: this.#filterList(depth) };
        break;
      case C.bang:
        this.#pos++;
        filter = { type: 'not', filter: this.#notOperand(depth) };
        break;
      case C.rparen:
        throw syntaxError('empty filter', start);
      default:
        if (Number.isNaN(this.#code())) throw this.#endOfInput();
        filter = this.#item(start + 1);
    }
    // Every branch above stops on `)` or at the end of the input.
    if (this.#code() !== C.rparen) throw this.#endOfInput();
    this.#pos++;
    this.#open.pop();
    return filter;
  }

  /** RFC 4526: the list may be empty, `(&)` is absolute true and `(|)` absolute false. */
  #filterList(depth: number): Filter[] {
    const filters: Filter[] = [];
    for (;;) {
      const code = this.#code();
      if (code === C.lparen) filters.push(this.#filter(depth + 1));
      else if (code === C.rparen) return filters;
      else if (Number.isNaN(code)) throw this.#endOfInput();
      else throw syntaxError("expected '('", this.#pos);
    }
  }

  #notOperand(depth: number): Filter {
    const code = this.#code();
    if (Number.isNaN(code)) throw this.#endOfInput();
    if (code !== C.lparen) throw syntaxError("'!' must be followed by exactly one filter", this.#pos);
    const filter = this.#filter(depth + 1);
    const next = this.#code();
    if (next !== C.rparen && !Number.isNaN(next)) {
      throw syntaxError("'!' must be followed by exactly one filter", this.#pos);
    }
    return filter;
  }

  #item(start: number): Filter {
    if (this.#code() === C.colon) return this.#extensible(undefined, start);
    const attribute = this.#name();
    if (attribute === '') {
      if (Number.isNaN(this.#code())) throw this.#endOfInput();
      throw syntaxError('missing attribute description', start);
    }
    if (!isValidAttributeDescription(attribute)) {
      throw syntaxError(`invalid attribute description '${attribute}'`, start);
    }
    const code = this.#code();
    switch (code) {
      case C.equals:
        this.#pos++;
        return this.#equalityOrSubstrings(attribute);
      case C.tilde:
      case C.gt:
      case C.lt: {
        const after = this.#code(1);
        if (Number.isNaN(after)) {
          this.#pos++;
          throw this.#endOfInput();
        }
        if (after !== C.equals) {
          throw syntaxError(`expected '=' after '${String.fromCharCode(code)}'`, this.#pos + 1);
        }
        this.#pos += 2;
        const value = this.#value();
        const type = code === C.tilde ? 'approxMatch' : code === C.gt ? 'greaterOrEqual' : 'lessOrEqual';
        return { type, attribute, value };
      }
      case C.colon:
        return this.#extensible(attribute, start);
      default:
        if (Number.isNaN(code)) throw this.#endOfInput();
        throw syntaxError("expected '=', '~=', '>=', '<=' or ':'", this.#pos);
    }
  }

  #name(): string {
    const start = this.#pos;
    while (!endsName(this.#code())) this.#pos++;
    return this.#text.slice(start, this.#pos);
  }

  #equalityOrSubstrings(attribute: string): Filter {
    const pieces = this.#pieces(true);
    if (pieces.length === 1) return { type: 'equality', attribute, value: pieces[0] as Buffer };
    if (pieces.length === 2 && pieces[0]?.length === 0 && pieces[1]?.length === 0) {
      return { type: 'present', attribute };
    }
    const initial = pieces[0] as Buffer;
    const final = pieces[pieces.length - 1] as Buffer;
    return {
      type: 'substrings',
      attribute,
      any: pieces.slice(1, -1),
      ...(initial.length > 0 ? { initial } : {}),
      ...(final.length > 0 ? { final } : {}),
    };
  }

  /** extensible, with the cursor on the first `:` (after the attribute, if any). */
  #extensible(attribute: string | undefined, start: number): Filter {
    let dnAttributes = false;
    // dnattrs = COLON "dn"; ABNF literals are case-insensitive, so `:DN:` counts (RFC 4515 §4 example).
    if (this.#text.slice(this.#pos, this.#pos + 3).toLowerCase() === ':dn' && this.#code(3) === C.colon) {
      dnAttributes = true;
      this.#pos += 3;
    }
    let matchingRule: string | undefined;
    if (this.#code(1) !== C.equals) {
      this.#pos++;
      const ruleStart = this.#pos;
      matchingRule = this.#name();
      if (matchingRule === '') {
        if (Number.isNaN(this.#code())) throw this.#endOfInput();
        throw syntaxError('missing matching rule', ruleStart);
      }
      if (!isValidOid(matchingRule)) throw syntaxError(`invalid matching rule '${matchingRule}'`, ruleStart);
    }
    if (this.#code() !== C.colon || this.#code(1) !== C.equals) {
      if (Number.isNaN(this.#code()) || (this.#code() === C.colon && Number.isNaN(this.#code(1)))) {
        throw this.#endOfInput();
      }
      throw syntaxError("expected ':='", this.#pos);
    }
    if (attribute === undefined && matchingRule === undefined) {
      throw syntaxError('extensible match needs an attribute type or a matching rule', start);
    }
    this.#pos += 2;
    const value = this.#value();
    return {
      type: 'extensibleMatch',
      value,
      dnAttributes,
      ...(matchingRule !== undefined ? { matchingRule } : {}),
      ...(attribute !== undefined ? { attribute } : {}),
    };
  }

  #value(): Buffer {
    return this.#pieces(false)[0] as Buffer;
  }

  #pieces(splitOnStar: boolean): Buffer[] {
    const { pieces, end } = scanAssertionValue(this.#text, this.#pos, splitOnStar);
    this.#pos = end;
    // Only a bare top-level item may run to the end of the input.
    if (end === this.#text.length && this.#open.length > 0) throw this.#endOfInput();
    return pieces;
  }
}
