import { LdapError, ResultCode } from '../errors/index.js';
import type { Attribute } from '../protocol/index.js';
import { ID_BYTES, readId, writeId } from './keyspace.js';
import type { StoredEntry } from './types.js';

/**
 * The id2entry record. A hand-rolled layout rather than msgpack: it is smaller (no field names), the
 * parent id sits at a fixed offset so ancestor walks read 8 bytes without decoding the rest, and values
 * are length-prefixed raw bytes, so binary values (certificates, JPEG photos, passwords) round-trip exactly.
 *
 *   version(1) = 1 ‖ parentId(8) ‖ str(dn) ‖ str(ndn) ‖ varint(attrCount)
 *     ‖ { str(type) ‖ varint(valueCount) ‖ { varint(len) ‖ bytes }* }*
 *   str(s) = varint(utf8 length) ‖ utf8;  varint = unsigned LEB128 (lengths are < 2^32).
 */
const RECORD_VERSION = 1;
const PARENT_OFFSET = 1;

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

function writeVarint(buf: Buffer, offset: number, n: number): number {
  while (n >= 0x80) {
    buf[offset++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 0x80);
  }
  buf[offset++] = n;
  return offset;
}

export function encodeEntry(parentId: number, dn: string, ndn: string, attributes: readonly Attribute[]): Buffer {
  const strings: Buffer[] = [Buffer.from(dn, 'utf8'), Buffer.from(ndn, 'utf8')];
  let size = 1 + ID_BYTES + varintSize(attributes.length);
  for (const attribute of attributes) {
    strings.push(Buffer.from(attribute.type, 'utf8'));
    size += varintSize(attribute.values.length);
    for (const value of attribute.values) size += varintSize(value.length) + value.length;
  }
  for (const s of strings) size += varintSize(s.length) + s.length;
  const buf = Buffer.allocUnsafe(size);
  buf[0] = RECORD_VERSION;
  writeId(buf, PARENT_OFFSET, parentId);
  let o = PARENT_OFFSET + ID_BYTES;
  const putBytes = (bytes: Uint8Array): void => {
    o = writeVarint(buf, o, bytes.length);
    buf.set(bytes, o);
    o += bytes.length;
  };
  putBytes(strings[0] as Buffer);
  putBytes(strings[1] as Buffer);
  o = writeVarint(buf, o, attributes.length);
  attributes.forEach((attribute, i) => {
    putBytes(strings[i + 2] as Buffer);
    o = writeVarint(buf, o, attribute.values.length);
    for (const value of attribute.values) putBytes(value);
  });
  return buf;
}

function corrupt(id: number): LdapError {
  return new LdapError(ResultCode.other, `backend: entry record ${id} is corrupt`);
}

/** Parent id straight from the record header. */
export function recordParentId(record: Uint8Array): number {
  return readId(record, PARENT_OFFSET);
}

/**
 * Decodes a record. `record` may be LMDB's volatile read buffer: it is copied once here, and the
 * attribute values are views into that private copy.
 */
export function decodeEntry(id: number, record: Uint8Array): StoredEntry {
  if (record[0] !== RECORD_VERSION || record.length < 1 + ID_BYTES) throw corrupt(id);
  // lmdb's shared read buffer reports the value's size through an overridden `length`, so copy exactly
  // that many bytes (Buffer.from(record) would copy the whole shared buffer).
  const buf = Buffer.allocUnsafe(record.length);
  buf.set(record.subarray(0, record.length));
  let o = PARENT_OFFSET + ID_BYTES;
  const varint = (): number => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = buf[o++];
      if (b === undefined) throw corrupt(id);
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  };
  const bytes = (): Buffer => {
    const len = varint();
    if (o + len > buf.length) throw corrupt(id);
    const out = buf.subarray(o, o + len);
    o += len;
    return out;
  };
  const parentId = readId(buf, PARENT_OFFSET);
  const dn = bytes().toString('utf8');
  const ndn = bytes().toString('utf8');
  const count = varint();
  const attributes: Attribute[] = [];
  for (let i = 0; i < count; i++) {
    const type = bytes().toString('utf8');
    const valueCount = varint();
    const values: Buffer[] = [];
    for (let j = 0; j < valueCount; j++) values.push(bytes());
    attributes.push({ type, values });
  }
  if (o !== buf.length) throw corrupt(id);
  return { id, parentId, dn, ndn, attributes };
}
