import type { InvalidDnSyntaxError } from '../errors/index.js';
import { scanAttributeType } from './attribute-type.js';
import type { Ava } from './ava.js';
import { berElementProblem } from './ber-check.js';
import { Ch, describeChar, hexValue, syntaxError } from './chars.js';
import { Rdn, duplicateAvaIndex } from './rdn.js';
import { VALIDATED } from './trust.js';
import { decodeEscapedValue, plainValueBytes, scanStringValue } from './value-scanner.js';

export interface DnParseOptions {
  /** Longest DN string accepted, in UTF-16 code units. Default {@link DEFAULT_MAX_DN_LENGTH}. */
  readonly maxLength?: number;
  /** Most RDNs accepted. Default {@link DEFAULT_MAX_RDNS}. */
  readonly maxRdns?: number;
}

export const DEFAULT_MAX_DN_LENGTH = 8192;
export const DEFAULT_MAX_RDNS = 256;

/**
 * RFC 4514 §3:
 *
 *   distinguishedName = [ relativeDistinguishedName *( COMMA relativeDistinguishedName ) ]
 *   relativeDistinguishedName = attributeTypeAndValue *( PLUS attributeTypeAndValue )
 *   attributeTypeAndValue = attributeType EQUALS attributeValue
 *   attributeValue = string / hexstring
 *   hexstring = SHARP 1*hexpair
 *
 * One left-to-right pass with explicit states: TYPE (skip spaces, read a type), EQUALS, VALUE
 * (hex or string), SEPARATOR. Unescaped spaces around `,` `+` `=` are tolerated and dropped, as
 * RFC 2253 implementations and OpenLDAP do; spaces inside a value and escaped spaces are kept.
 * Every error names the problem and the 0-based position where scanning stopped.
 */
class DnScanner {
  readonly #text: string;
  readonly #maxRdns: number;
  /** Parsing one RDN (parseRdn): a `,` is an error rather than the next RDN. */
  readonly #single: boolean;
  #pos = 0;

  constructor(text: string, options: DnParseOptions, single: boolean) {
    const maxLength = options.maxLength ?? DEFAULT_MAX_DN_LENGTH;
    this.#maxRdns = options.maxRdns ?? DEFAULT_MAX_RDNS;
    if (!(maxLength >= 0) || !(this.#maxRdns >= 1)) throw new RangeError('DN limits must be maxLength >= 0 and maxRdns >= 1');
    if (text.length > maxLength) throw syntaxError(`DN is longer than the maximum of ${maxLength} characters`, maxLength);
    this.#text = text;
    this.#single = single;
  }

  parse(): Rdn[] {
    const text = this.#text;
    const rdns: Rdn[] = [];
    let avas: Ava[] = [];
    /** Where each AVA of the current RDN starts, to report a duplicate there. */
    let starts: number[] = [];
    // The separator before the AVA being read: decides what an empty AVA is called.
    let previous = 0;
    for (;;) {
      starts.push(this.#skipSpaces());
      avas.push(this.#readAva(previous));
      // State SEPARATOR: the value scanners stop only at the end, `,` or `+`.
      if (this.#pos >= text.length) break;
      previous = text.charCodeAt(this.#pos);
      if (previous === Ch.COMMA) {
        if (this.#single) throw syntaxError("unescaped ',' in RDN", this.#pos);
        rdns.push(this.#rdn(avas, starts));
        avas = [];
        starts = [];
        if (rdns.length >= this.#maxRdns) throw syntaxError(`DN has more than ${this.#maxRdns} RDNs`, this.#pos);
      }
      this.#pos++;
    }
    rdns.push(this.#rdn(avas, starts));
    return rdns;
  }

  #rdn(avas: Ava[], starts: readonly number[]): Rdn {
    if (avas.length > 1) {
      const duplicate = duplicateAvaIndex(avas);
      if (duplicate >= 0) {
        const ava = avas[duplicate] as Ava;
        throw syntaxError(`duplicate attribute type and value '${ava.type}=${ava.rawValue}' in RDN`, starts[duplicate] as number);
      }
    }
    return new Rdn(avas, VALIDATED);
  }

  /** Moves past unescaped spaces and returns the new position. */
  #skipSpaces(): number {
    while (this.#text.charCodeAt(this.#pos) === Ch.SPACE) this.#pos++;
    return this.#pos;
  }

  #readAva(previous: number): Ava {
    const text = this.#text;
    // State TYPE.
    const start = this.#skipSpaces();
    const end = scanAttributeType(text, start);
    if (end === start) throw this.#missingType(previous);
    const type = text.slice(start, end);
    this.#pos = end;
    // State EQUALS.
    this.#skipSpaces();
    if (text.charCodeAt(this.#pos) !== Ch.EQUALS) throw syntaxError(`missing '=' after attribute type '${type}'`, this.#pos);
    this.#pos++;
    // State VALUE.
    this.#skipSpaces();
    if (text.charCodeAt(this.#pos) === Ch.SHARP) return this.#readHexValue(type);
    const valueStart = this.#pos;
    const scanned = scanStringValue(text, valueStart, true);
    const rawValue = text.slice(valueStart, scanned.significantEnd);
    this.#pos = scanned.end;
    const value = scanned.escaped ? decodeEscapedValue(rawValue) : plainValueBytes(rawValue, scanned.ascii);
    return Object.freeze({ type, value, rawValue, hexEncoded: false });
  }

  /** Why no attribute type starts at the current position. */
  #missingType(previous: number): InvalidDnSyntaxError {
    const text = this.#text;
    const pos = this.#pos;
    const c = text.charCodeAt(pos);
    const afterComma = previous === Ch.COMMA;
    const afterPlus = previous === Ch.PLUS;
    if (pos >= text.length) {
      if (afterComma) return syntaxError("empty RDN: the DN ends with ','", pos);
      if (afterPlus) return syntaxError("empty attribute type and value: the RDN ends with '+'", pos);
      return syntaxError('missing attribute type', pos);
    }
    if (c === Ch.COMMA) return syntaxError(afterPlus ? 'empty attribute type and value' : 'empty RDN', pos);
    if (c === Ch.PLUS) return syntaxError('empty attribute type and value', pos);
    if (c === Ch.EQUALS) return syntaxError('missing attribute type', pos);
    return syntaxError(`invalid character ${describeChar(text, pos)} where an attribute type should start`, pos);
  }

  /** State VALUE, `#` seen: `hexstring = SHARP 1*hexpair`, then only spaces before a separator. */
  #readHexValue(type: string): Ava {
    const text = this.#text;
    const sharp = this.#pos;
    let i = sharp + 1;
    while (hexValue(text.charCodeAt(i)) >= 0) i++;
    const hexEnd = i;
    while (text.charCodeAt(i) === Ch.SPACE) i++;
    const c = text.charCodeAt(i);
    if (i < text.length && c !== Ch.COMMA && c !== Ch.PLUS) {
      throw syntaxError(`invalid character ${describeChar(text, i)} in hex value`, i);
    }
    const digits = hexEnd - sharp - 1;
    if (digits === 0) throw syntaxError('empty hex value', sharp);
    if (digits % 2 !== 0) throw syntaxError('odd number of hex digits in hex value', sharp);
    const value = Buffer.from(text.slice(sharp + 1, hexEnd), 'hex');
    const problem = berElementProblem(value);
    if (problem !== undefined) throw syntaxError(`hex value is not a single BER element (${problem})`, sharp);
    this.#pos = i;
    return Object.freeze({ type, value, rawValue: text.slice(sharp, hexEnd), hexEncoded: true });
  }
}

/** The RDNs of a DN string, leftmost (most specific) first; [] for the empty string (the root DN). */
export function parseRdns(text: string, options: DnParseOptions = {}): Rdn[] {
  if (text.length === 0) return [];
  return new DnScanner(text, options, false).parse();
}

/** Parses exactly one RDN (`cn=a` or `cn=a+sn=b`), as in a ModifyDN newrdn (RFC 4511 §4.9). */
export function parseRdn(text: string, options: DnParseOptions = {}): Rdn {
  const rdns = new DnScanner(text, options, true).parse();
  return rdns[0] as Rdn;
}
