import { isUtf8 } from 'node:buffer';
import { BerTag, formatTag } from './tags.js';
import { BerDecodeError } from './errors.js';

/** Nesting depth past which a PDU is refused: LDAP's deepest legitimate structures are filters. */
export const DEFAULT_MAX_DEPTH = 64;

/** Strings up to this many bytes are decoded in JavaScript when they are ASCII. */
const SHORT_STRING = 32;

/**
 * A bounded view over one BER-encoded region. Every read checks the bounds of *this* region, so a
 * length field can never make a reader look past its parent, and nothing is ever allocated from a
 * length an attacker chose: values are zero-copy `subarray`s of the input.
 *
 * Readers never return a default for missing data: truncation, trailing bytes, indefinite lengths
 * and depth overflow all throw {@link BerDecodeError}.
 */
export class BerReader {
  readonly #buf: Buffer;
  #pos: number;
  readonly #end: number;
  readonly #depth: number;
  readonly #maxDepth: number;

  constructor(buf: Buffer, start = 0, end = buf.length, depth = 0, maxDepth = DEFAULT_MAX_DEPTH) {
    if (start < 0 || end > buf.length || start > end) throw new RangeError('BerReader bounds outside buffer');
    this.#buf = buf;
    this.#pos = start;
    this.#end = end;
    this.#depth = depth;
    this.#maxDepth = maxDepth;
  }

  /** Offset of the next byte in the underlying buffer. */
  get offset(): number {
    return this.#pos;
  }

  get remaining(): number {
    return this.#end - this.#pos;
  }

  get atEnd(): boolean {
    return this.#pos >= this.#end;
  }

  get depth(): number {
    return this.#depth;
  }

  /** The tag of the next element, or throws when the region is exhausted. */
  peekTag(): number {
    if (this.#pos >= this.#end) throw new BerDecodeError('unexpected end of data, expected a tag', this.#pos);
    const tag = this.#buf[this.#pos] as number;
    if ((tag & 0x1f) === 0x1f) throw new BerDecodeError('high-tag-number form is not used by LDAP', this.#pos);
    return tag;
  }

  /** Like {@link peekTag} but returns undefined at the end of the region. */
  peekTagOrEnd(): number | undefined {
    return this.#pos >= this.#end ? undefined : this.peekTag();
  }

  /**
   * Reads an identifier and a length, checks the tag when one is expected, and returns the content
   * bounds. The content is guaranteed to lie inside this region.
   */
  #header(expected: number | undefined, what: string): number {
    // Fast path: the expected tag with a short-form length that fits (nearly every element in LDAP).
    const pos = this.#pos;
    if (expected !== undefined && pos + 2 <= this.#end && this.#buf[pos] === expected) {
      const len = this.#buf[pos + 1] as number;
      if (len < 0x80 && len <= this.#end - pos - 2) {
        this.#pos = pos + 2;
        return len;
      }
    }
    return this.#fullHeader(expected, what);
  }

  #fullHeader(expected: number | undefined, what: string): number {
    const start = this.#pos;
    const tag = this.peekTag();
    if (expected !== undefined && tag !== expected) {
      throw new BerDecodeError(`expected ${what} tag ${formatTag(expected)}, found ${formatTag(tag)}`, start);
    }
    let pos = start + 1;
    if (pos >= this.#end) throw new BerDecodeError(`truncated length of ${what}`, pos);
    let len = this.#buf[pos++] as number;
    if (len & 0x80) {
      const count = len & 0x7f;
      if (count === 0) throw new BerDecodeError('indefinite length is not allowed in LDAP', pos - 1);
      if (count > 4) throw new BerDecodeError(`length of ${count} octets is too large`, pos - 1);
      if (pos + count > this.#end) throw new BerDecodeError(`truncated length of ${what}`, pos);
      len = 0;
      for (let i = 0; i < count; i++) len = len * 256 + (this.#buf[pos++] as number);
    }
    if (len > this.#end - pos) {
      throw new BerDecodeError(`${what} length ${len} exceeds the ${this.#end - pos} bytes available`, pos);
    }
    this.#pos = pos;
    return len;
  }

  /** Reads a constructed element and returns a reader bounded to its content. */
  readSequence(tag: number = BerTag.sequence): BerReader {
    const len = this.#header(tag, 'sequence');
    if (this.#depth + 1 > this.#maxDepth) {
      throw new BerDecodeError(`nesting deeper than ${this.#maxDepth} levels`, this.#pos);
    }
    const child = new BerReader(this.#buf, this.#pos, this.#pos + len, this.#depth + 1, this.#maxDepth);
    this.#pos += len;
    return child;
  }

  /** Reads any element and returns its tag and a zero-copy view of its content. */
  readElement(): { tag: number; content: Buffer } {
    const tag = this.peekTag();
    const len = this.#header(undefined, 'element');
    const content = this.#buf.subarray(this.#pos, this.#pos + len);
    this.#pos += len;
    return { tag, content };
  }

  /** Reads any element and returns its complete encoding (tag, length and content). */
  readRawElement(): Buffer {
    const start = this.#pos;
    this.readElement();
    return this.#buf.subarray(start, this.#pos);
  }

  /** Reads an element of the given tag and returns a zero-copy view of its content. */
  readOctetString(tag: number = BerTag.octetString): Buffer {
    const len = this.#header(tag, 'octet string');
    const value = this.#buf.subarray(this.#pos, this.#pos + len);
    this.#pos += len;
    return value;
  }

  /**
   * An OCTET STRING decoded as UTF-8 (LDAPString / LDAPDN / LDAPOID fields). RFC 4511 §4.1.2 requires UTF-8;
   * invalid bytes are an error rather than U+FFFD, so two different byte strings never decode to one name.
   */
  readString(tag: number = BerTag.octetString): string {
    const start = this.#pos;
    const len = this.#header(tag, 'octet string');
    const from = this.#pos;
    const to = from + len;
    this.#pos = to;
    if (len <= SHORT_STRING) {
      // Short ASCII strings (attribute names, OIDs, most DN parts) decode faster here, four bytes per
      // step, than through the native UTF-8 decoder's call overhead.
      const buf = this.#buf;
      let text = '';
      let i = from;
      for (; i + 4 <= to; i += 4) {
        const a = buf[i] as number;
        const b = buf[i + 1] as number;
        const c = buf[i + 2] as number;
        const d = buf[i + 3] as number;
        if ((a | b | c | d) & 0x80) break;
        text += String.fromCharCode(a, b, c, d);
      }
      for (; i < to; i++) {
        const c = buf[i] as number;
        if (c & 0x80) break;
        text += String.fromCharCode(c);
      }
      if (i === to) return text;
    }
    const value = this.#buf.toString('utf8', from, to);
    // Only a decoded U+FFFD can hide invalid input; checking for it first keeps the common path cheap.
    if (value.includes('\uFFFD') && !isUtf8(this.#buf.subarray(from, to))) {
      throw new BerDecodeError('string is not valid UTF-8', start);
    }
    return value;
  }

  /**
   * A signed INTEGER that must fit in 32 bits (LDAP's `INTEGER (0 .. maxInt)` fields all do).
   * Redundant leading sign octets are tolerated, as OpenLDAP's liblber does; the value is what is checked.
   */
  readInteger(tag: number = BerTag.integer): number {
    const start = this.#pos;
    const len = this.#header(tag, 'integer');
    if (len === 0) throw new BerDecodeError('integer has no content octets', start);
    let pos = this.#pos;
    const end = pos + len;
    const negative = ((this.#buf[pos] as number) & 0x80) !== 0;
    const pad = negative ? 0xff : 0x00;
    // Drop sign-padding octets while the next octet still carries the same sign.
    while (end - pos > 1 && this.#buf[pos] === pad && (((this.#buf[pos + 1] as number) & 0x80) !== 0) === negative) {
      pos++;
    }
    if (end - pos > 4) throw new BerDecodeError('integer does not fit in 32 bits', start);
    const width = end - pos;
    let value = 0;
    for (; pos < end; pos++) value = value * 256 + (this.#buf[pos] as number);
    if (negative) value -= 2 ** (8 * width);
    this.#pos = end;
    return value;
  }

  readEnumerated(tag: number = BerTag.enumerated): number {
    return this.readInteger(tag);
  }

  readBoolean(tag: number = BerTag.boolean): boolean {
    const start = this.#pos;
    const len = this.#header(tag, 'boolean');
    if (len !== 1) throw new BerDecodeError(`boolean must have 1 content octet, has ${len}`, start);
    // X.690 §8.2.2: any non-zero octet is TRUE in BER.
    const value = this.#buf[this.#pos] !== 0;
    this.#pos += 1;
    return value;
  }

  readNull(tag: number = BerTag.null): void {
    const start = this.#pos;
    const len = this.#header(tag, 'null');
    if (len !== 0) throw new BerDecodeError(`null must have no content, has ${len} octets`, start);
  }

  /** Skips one complete element of any type. */
  skip(): void {
    this.readElement();
  }

  /** Throws when anything is left in this region: trailing bytes are an encoding error, not padding. */
  end(): void {
    if (this.#pos !== this.#end) {
      throw new BerDecodeError(`${this.#end - this.#pos} unexpected trailing bytes`, this.#pos);
    }
  }
}
