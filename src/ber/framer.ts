import { BerDecodeError } from './errors.js';
import { BerTag } from './tags.js';

/** RFC 4511 §5.1 / OpenLDAP sockbuf_max_incoming defaults: 256 KiB - 1 before bind, 16 MiB - 1 after. */
export const DEFAULT_MAX_PDU_SIZE = (1 << 18) - 1;
export const AUTHENTICATED_MAX_PDU_SIZE = (1 << 24) - 1;

/**
 * Reassembles LDAPMessage PDUs from arbitrary TCP chunk boundaries.
 *
 * Chunks are kept in a list and concatenated once, when a whole PDU is present, so reassembly is
 * linear in the bytes received. The PDU's declared size is checked against the limit as soon as
 * its header is complete, before any of the body is buffered past the current chunk.
 */
export class PduFramer {
  #chunks: Buffer[] = [];
  /** Index of the first live chunk: consumed chunks are dropped lazily so removal is O(1). */
  #head = 0;
  #buffered = 0;
  /** Total size (header + content) of the PDU at the head of the queue, once known. */
  #needed = -1;
  #maxPduSize: number;
  /** Bytes consumed from the stream so far: error offsets refer to the stream, not the chunk. */
  #streamOffset = 0;

  constructor(maxPduSize: number = DEFAULT_MAX_PDU_SIZE) {
    this.#maxPduSize = maxPduSize;
  }

  get maxPduSize(): number {
    return this.#maxPduSize;
  }

  /** Bytes received that do not yet form a complete PDU. */
  get bufferedBytes(): number {
    return this.#buffered;
  }

  setMaxPduSize(bytes: number): void {
    this.#maxPduSize = bytes;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /** The next complete PDU (tag, length and content), or undefined when more bytes are needed. */
  next(): Buffer | undefined {
    if (this.#needed < 0) {
      const needed = this.#parseHeader();
      if (needed < 0) return undefined;
      this.#needed = needed;
    }
    if (this.#buffered < this.#needed) return undefined;
    const pdu = this.#take(this.#needed);
    this.#streamOffset += pdu.length;
    this.#needed = -1;
    return pdu;
  }

  /** Iterates over every complete PDU currently buffered. */
  *drain(): Generator<Buffer> {
    for (let pdu = this.next(); pdu !== undefined; pdu = this.next()) yield pdu;
  }

  #byteAt(index: number): number {
    for (let i = this.#head; i < this.#chunks.length; i++) {
      const chunk = this.#chunks[i] as Buffer;
      if (index < chunk.length) return chunk[index] as number;
      index -= chunk.length;
    }
    return -1;
  }

  /** Returns the total PDU size once its header is complete, -1 while more bytes are needed. */
  #parseHeader(): number {
    if (this.#buffered < 2) return -1;
    const tag = this.#byteAt(0);
    if (tag !== BerTag.sequence) {
      throw new BerDecodeError(`LDAPMessage must start with a SEQUENCE (0x30), found 0x${tag.toString(16).padStart(2, '0')}`, this.#streamOffset);
    }
    const first = this.#byteAt(1);
    let headerLen = 2;
    let len = first;
    if (first & 0x80) {
      const count = first & 0x7f;
      if (count === 0) throw new BerDecodeError('indefinite length is not allowed in LDAP', this.#streamOffset + 1);
      if (count > 4) throw new BerDecodeError(`length of ${count} octets is too large`, this.#streamOffset + 1);
      if (this.#buffered < 2 + count) return -1;
      len = 0;
      for (let i = 0; i < count; i++) len = len * 256 + this.#byteAt(2 + i);
      headerLen = 2 + count;
    }
    const total = headerLen + len;
    if (total > this.#maxPduSize) {
      throw new BerDecodeError(`PDU of ${total} bytes exceeds the maximum of ${this.#maxPduSize}`, this.#streamOffset);
    }
    return total;
  }

  #take(size: number): Buffer {
    const head = this.#chunks[this.#head] as Buffer;
    if (head.length >= size) {
      // Common case: the whole PDU is inside one chunk; hand out a view, no copy.
      const pdu = head.subarray(0, size);
      if (head.length === size) this.#dropHead();
      else this.#chunks[this.#head] = head.subarray(size);
      this.#buffered -= size;
      return pdu;
    }
    const pdu = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const chunk = this.#chunks[this.#head] as Buffer;
      const want = size - filled;
      if (chunk.length <= want) {
        chunk.copy(pdu, filled);
        filled += chunk.length;
        this.#dropHead();
      } else {
        chunk.copy(pdu, filled, 0, want);
        filled += want;
        this.#chunks[this.#head] = chunk.subarray(want);
      }
    }
    this.#buffered -= size;
    return pdu;
  }

  #dropHead(): void {
    this.#head++;
    if (this.#head === this.#chunks.length) {
      this.#chunks = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
  }
}
