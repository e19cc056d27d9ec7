import { createHash } from 'node:crypto';

/**
 * The on-disk keyspace (one LMDB environment in `BackendOptions.path`, like OpenLDAP back-mdb's
 * dn2id.c/id2entry.c/idl.c layout but with composite keys instead of IDL blocks):
 *
 *   meta       'format' → 1 (number), 'nextId' → next EntryId to allocate, 'count' → number of entries,
 *              'indexes' → sorted list of "<attr>:<kind>" index specs whose rows are complete.
 *              Keys are strings, values msgpack numbers/arrays. The id counter and count are read and
 *              written inside the write transaction, so several OS processes can share the environment.
 *   id2entry   id(8) → entry record (see entry-codec.ts: parentId, dn, ndn, attributes; values exact bytes).
 *   dn2id      dnKey(ndn) → id(8). dnKey is the UTF-8 ndn, or 0x00 ‖ SHA-256(ndn) when the ndn is longer
 *              than DN_KEY_MAX bytes (a UTF-8 ndn never starts with 0x00: it starts with an attribute type);
 *              lookups through a hashed key are confirmed against the ndn stored in the entry.
 *   children   parentId(8) ‖ id(8) → empty. One-level scope is the range [parentId‖0, parentId+1‖0),
 *              which LMDB returns in ascending child-id order; counting children is a range count.
 *   ancestors  ancestorId(8) ‖ id(8) → empty: one row per (strict ancestor, entry) pair, so the subtree
 *              under X is the range [X‖0, X+1‖0), ascending by id, without walking the tree.
 *   index      kind(1) ‖ esc(attr) 0x00 [‖ esc(key) 0x00] ‖ id(8) → empty, where kind is 'e' (equality:
 *              key = equalityKey), 'p' (presence: no key part) or 's' (substrings: key = one space-free
 *              trigram of the substringKey). All ids of one (kind, attr, key) are one contiguous range in ascending order.
 *
 * Ids are written big-endian so that memcmp order (LMDB's default comparator) is numeric order. Strings
 * inside composite keys are escaped (0x00 → 0x01 0x01, 0x01 → 0x01 0x02) and 0x00-terminated: this keeps
 * the byte order of the strings and makes every component prefix-free, so no key of one component can
 * run into the next one. Over-long equality keys are cut to a prefix plus a hash of the whole key (still
 * one exact key per value; the server re-tests candidates anyway).
 */

export const FORMAT_VERSION = 1;
export const ID_BYTES = 8;
/** Largest id we hand out: JS numbers are exact up to 2^53. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;
export const DN_KEY_MAX = 1024;
const INDEX_KEY_MAX = 400;

export const KIND_BYTE = { eq: 0x65, pres: 0x70, sub: 0x73 } as const;
export type IndexKind = keyof typeof KIND_BYTE;

export function writeId(target: Buffer, offset: number, id: number): void {
  target.writeUInt32BE(Math.floor(id / 0x1_0000_0000), offset);
  target.writeUInt32BE(id >>> 0, offset + 4);
}

export function readId(source: Uint8Array, offset: number): number {
  const view = Buffer.isBuffer(source) ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  return view.readUInt32BE(offset) * 0x1_0000_0000 + view.readUInt32BE(offset + 4);
}

export function idKey(id: number): Buffer {
  const key = Buffer.allocUnsafe(ID_BYTES);
  writeId(key, 0, id);
  return key;
}

/** prefix ‖ id(8): a row key in children/ancestors/index. */
export function pairKey(prefix: Buffer, id: number): Buffer {
  const key = Buffer.allocUnsafe(prefix.length + ID_BYTES);
  prefix.copy(key, 0);
  writeId(key, prefix.length, id);
  return key;
}

/** The id in the last 8 bytes of a composite key. */
export function trailingId(key: Uint8Array): number {
  return readId(key, key.length - ID_BYTES);
}

/** Range bounds for all rows under `prefix` with id > afterId, ascending. */
export function rangeAfter(prefix: Buffer, afterId: number): { start: Buffer; end: Buffer } {
  return { start: pairKey(prefix, afterId + 1), end: pairKey(prefix, MAX_ID + 1) };
}

export function dnKey(ndn: string): Buffer {
  const utf8 = Buffer.from(ndn, 'utf8');
  if (utf8.length <= DN_KEY_MAX) return utf8;
  return Buffer.concat([Buffer.of(0), createHash('sha256').update(utf8).digest()]);
}

export function isHashedDnKey(key: Buffer): boolean {
  return key.length > 0 && key[0] === 0;
}

/** Escapes 0x00/0x01 and appends the 0x00 terminator (order-preserving, prefix-free). */
function escapeComponent(bytes: Buffer): Buffer {
  let extra = 0;
  for (const b of bytes) if (b <= 1) extra++;
  const out = Buffer.allocUnsafe(bytes.length + extra + 1);
  let o = 0;
  for (const b of bytes) {
    if (b <= 1) {
      out[o++] = 1;
      out[o++] = b + 1;
    } else out[o++] = b;
  }
  out[o] = 0;
  return out;
}

function boundedKey(key: string): Buffer {
  const utf8 = Buffer.from(key, 'utf8');
  if (utf8.length <= INDEX_KEY_MAX) return utf8;
  const digest = createHash('sha256').update(utf8).digest();
  return Buffer.concat([utf8.subarray(0, INDEX_KEY_MAX - 32), digest]);
}

/** kind ‖ esc(attr), memoised: a handful of indexed attributes are used for millions of rows. */
const attributePrefixes = new Map<string, Buffer>();

function attributePrefix(kind: IndexKind, attribute: string): Buffer {
  const name = `${kind}:${attribute}`;
  let prefix = attributePrefixes.get(name);
  if (prefix === undefined) {
    prefix = Buffer.concat([Buffer.of(KIND_BYTE[kind]), escapeComponent(Buffer.from(attribute, 'utf8'))]);
    if (attributePrefixes.size < 4096) attributePrefixes.set(name, prefix);
  }
  return prefix;
}

/** kind ‖ esc(attr) [‖ esc(key)]: the prefix of every index row of one (kind, attribute, key). */
export function indexPrefix(kind: IndexKind, attribute: string, key?: string): Buffer {
  const head = attributePrefix(kind, attribute);
  return key === undefined ? head : Buffer.concat([head, escapeComponent(boundedKey(key))]);
}

/**
 * The distinct trigrams (by code point) of a substring key that contain no space. Grams across word
 * boundaries would roughly double the rows (RFC 4518 §2.6.1 pads and doubles spaces) while narrowing
 * little; leaving them out on both the value and the assertion side keeps the index a superset.
 */
export function trigrams(text: string): Set<string> {
  const chars = Array.from(text);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) {
    const a = chars[i] as string;
    const b = chars[i + 1] as string;
    const c = chars[i + 2] as string;
    if (a !== ' ' && b !== ' ' && c !== ' ') grams.add(a + b + c);
  }
  return grams;
}
