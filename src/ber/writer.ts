import { BerTag } from './tags.js';

const INITIAL_CAPACITY = 1024;

/**
 * Encodes BER into one growable buffer. Constructed elements reserve a single length octet and,
 * when the content turns out to need the long form, shift it once with `copyWithin`: every length
 * is minimal (the DER form), which keeps encodings byte-exact and comparable with other encoders.
 */
export class BerWriter {
  #buf: Buffer;
  #pos = 0;
  readonly #open: number[] = [];

  constructor(capacity = INITIAL_CAPACITY) {
    this.#buf = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.#pos;
  }

  #ensure(extra: number): void {
    const need = this.#pos + extra;
    if (need <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  #writeLength(len: number): void {
    const buf = this.#buf;
    if (len < 0x80) {
      buf[this.#pos++] = len;
    } else if (len < 0x100) {
      buf[this.#pos++] = 0x81;
      buf[this.#pos++] = len;
    } else if (len < 0x10000) {
      buf[this.#pos++] = 0x82;
      buf[this.#pos++] = len >>> 8;
      buf[this.#pos++] = len & 0xff;
    } else if (len < 0x1000000) {
      buf[this.#pos++] = 0x83;
      buf[this.#pos++] = len >>> 16;
      buf[this.#pos++] = (len >>> 8) & 0xff;
      buf[this.#pos++] = len & 0xff;
    } else {
      buf[this.#pos++] = 0x84;
      buf.writeUInt32BE(len, this.#pos);
      this.#pos += 4;
    }
  }

  /** Opens a constructed element; close it with {@link endSequence}. */
  startSequence(tag: number = BerTag.sequence): void {
    this.#ensure(2);
    this.#buf[this.#pos++] = tag;
    this.#open.push(this.#pos);
    this.#pos += 1; // one length octet reserved
  }

  endSequence(): void {
    const lenPos = this.#open.pop();
    if (lenPos === undefined) throw new Error('BerWriter.endSequence without startSequence');
    this.#patchLength(lenPos);
  }

  /** Writes a constructed element whose content `body` writes. */
  sequence(tag: number, body: (writer: this) => void): void {
    this.startSequence(tag);
    body(this);
    this.endSequence();
  }

  /** Fills in a length whose single reserved octet sits at `lenPos`, moving the content if needed. */
  #patchLength(lenPos: number): void {
    const contentStart = lenPos + 1;
    const len = this.#pos - contentStart;
    if (len < 0x80) {
      this.#buf[lenPos] = len;
      return;
    }
    const extra = len < 0x100 ? 1 : len < 0x10000 ? 2 : len < 0x1000000 ? 3 : 4;
    this.#ensure(extra);
    this.#buf.copyWithin(contentStart + extra, contentStart, this.#pos);
    const end = this.#pos + extra;
    this.#pos = lenPos;
    this.#writeLength(len);
    this.#pos = end;
  }

  writeInteger(value: number, tag: number = BerTag.integer): void {
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
      throw new RangeError(`BER integer out of 32-bit range: ${value}`);
    }
    this.#ensure(6);
    const buf = this.#buf;
    buf[this.#pos++] = tag;
    // Minimal two's-complement width (X.690 §8.3.2).
    let width = 4;
    while (width > 1) {
      const top = (value >> (8 * (width - 1))) & 0xff;
      const nextBit = (value >> (8 * (width - 1) - 1)) & 1;
      if ((top === 0x00 && nextBit === 0) || (top === 0xff && nextBit === 1)) width--;
      else break;
    }
    buf[this.#pos++] = width;
    for (let i = width - 1; i >= 0; i--) buf[this.#pos++] = (value >> (8 * i)) & 0xff;
  }

  writeEnumerated(value: number, tag: number = BerTag.enumerated): void {
    this.writeInteger(value, tag);
  }

  writeBoolean(value: boolean, tag: number = BerTag.boolean): void {
    this.#ensure(3);
    this.#buf[this.#pos++] = tag;
    this.#buf[this.#pos++] = 1;
    // DER's TRUE (0xFF) is what OpenLDAP and every other LDAP encoder send.
    this.#buf[this.#pos++] = value ? 0xff : 0x00;
  }

  writeNull(tag: number = BerTag.null): void {
    this.#ensure(2);
    this.#buf[this.#pos++] = tag;
    this.#buf[this.#pos++] = 0;
  }

  /** An OCTET STRING (or any primitive with the given tag) holding bytes, or a string as UTF-8. */
  writeOctetString(value: Uint8Array | string, tag: number = BerTag.octetString): void {
    if (typeof value === 'string') {
      this.#writeUtf8(value, tag);
      return;
    }
    const len = value.length;
    this.#ensure(len + 6);
    this.#buf[this.#pos++] = tag;
    this.#writeLength(len);
    this.#buf.set(value, this.#pos);
    this.#pos += len;
  }

  writeString(value: string, tag: number = BerTag.octetString): void {
    this.#writeUtf8(value, tag);
  }

  #writeUtf8(value: string, tag: number): void {
    const n = value.length;
    this.#ensure(n * 3 + 6);
    const buf = this.#buf;
    buf[this.#pos++] = tag;
    if (n < 0x80) {
      // Short ASCII strings (attribute names, DNs, OIDs: nearly every string in LDAP) are copied
      // here byte by byte, which beats the native UTF-8 encoder's call overhead at these sizes.
      const start = this.#pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        buf[start + i] = c;
      }
      if (i === n) {
        buf[this.#pos] = n;
        this.#pos = start + n;
        return;
      }
    }
    // Encode in place after a one-octet length guess; patch if the UTF-8 turned out longer.
    const lenPos = this.#pos;
    this.#pos += 1;
    this.#pos += n === 0 ? 0 : buf.write(value, this.#pos, 'utf8');
    this.#patchLength(lenPos);
  }

  /** Appends bytes that are already a complete BER encoding. */
  writeRaw(bytes: Uint8Array): void {
    this.#ensure(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  /** A copy of what has been written; the writer can be reused after {@link reset}. */
  toBuffer(): Buffer {
    if (this.#open.length !== 0) throw new Error(`BerWriter has ${this.#open.length} unclosed sequence(s)`);
    return Buffer.from(this.#buf.subarray(0, this.#pos));
  }

  reset(): void {
    this.#pos = 0;
    this.#open.length = 0;
  }
}
