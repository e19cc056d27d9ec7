/**
 * Codec benchmark: decode + encode of a typical SearchRequest and of a 20-attribute SearchResultEntry, in messages
 * per second, for Warden's codec, ldapts's codec and a codec built on @ldapjs/asn1, measured in the same run.
 */
import { BerReader as LdaptsReader, BerWriter as LdaptsWriter, SearchEntry as LdaptsSearchEntry, SearchRequest as LdaptsSearchRequest, FilterParser } from 'ldapts';
import type { Attribute as LdaptsAttribute } from 'ldapts';
import { BerReader as AsnReader, BerWriter as AsnWriter } from '@ldapjs/asn1';
import { BerWriter } from '../src/ber/index.js';
import { decodeMessage, writeMessage } from '../src/protocol/index.js';
import type { LdapMessage } from '../src/protocol/index.js';
import { parseFilter } from '../src/filter/index.js';
import type { Filter } from '../src/filter/index.js';

const FILTER = '(&(objectClass=inetOrgPerson)(|(uid=user4711)(mail=user4711@example.com)))';
const ATTRS = ['cn', 'sn', 'mail', 'uid', 'memberOf'];
const BASE = 'ou=people,dc=example,dc=com';

const searchRequest: LdapMessage = {
  messageId: 4711,
  controls: [],
  protocolOp: {
    type: 'searchRequest',
    baseObject: BASE,
    scope: 'sub',
    derefAliases: 'never',
    sizeLimit: 500,
    timeLimit: 30,
    typesOnly: false,
    filter: parseFilter(FILTER),
    attributes: ATTRS,
  },
};

const entryAttributes = Array.from({ length: 20 }, (_, i) => ({
  type: `attribute${i}`,
  values: i % 4 === 0 ? [Buffer.from(`value ${i} first`), Buffer.from(`value ${i} second`)] : [Buffer.from(`user4711 value number ${i}`)],
}));
const searchEntry: LdapMessage = {
  messageId: 4711,
  controls: [],
  protocolOp: { type: 'searchResultEntry', objectName: `uid=user4711,${BASE}`, attributes: entryAttributes },
};

// ---- Warden ----
const wardenWriter = new BerWriter(4096);
function wardenRoundTrip(bytes: Buffer): number {
  const message = decodeMessage(bytes);
  wardenWriter.reset();
  writeMessage(wardenWriter, message);
  return wardenWriter.length;
}

// ---- ldapts (its message classes for the request; its Attribute codec for the entry, which it only parses) ----
function ldaptsSearchRequestRoundTrip(bytes: Buffer): number {
  const reader = new LdaptsReader(bytes);
  reader.readSequence();
  const messageId = reader.readInt() ?? 0;
  reader.readSequence();
  const request = new LdaptsSearchRequest({ messageId, filter: FilterParser.parseString('(x=y)') });
  request.parse(reader, []);
  return request.write().length;
}
function ldaptsSearchEntryRoundTrip(bytes: Buffer): number {
  const reader = new LdaptsReader(bytes);
  reader.readSequence();
  const messageId = reader.readInt() ?? 0;
  reader.readSequence();
  const entry = new LdaptsSearchEntry({ messageId });
  entry.parse(reader, []);
  const writer = new LdaptsWriter();
  writer.startSequence();
  writer.writeInt(entry.messageId);
  writer.startSequence(0x64);
  writer.writeString(entry.name);
  writer.startSequence();
  for (const attribute of entry.attributes as LdaptsAttribute[]) attribute.write(writer);
  writer.endSequence();
  writer.endSequence();
  writer.endSequence();
  return writer.buffer.length;
}

// ---- @ldapjs/asn1 (the BER library under ldapjs; the LDAP layer written here in the way ldapjs's messages do) ----
type AsnFilter = Filter;
function asnWriteFilter(w: AsnWriter, f: AsnFilter): void {
  switch (f.type) {
    case 'and':
    case 'or':
      w.startSequence(f.type === 'and' ? 0xa0 : 0xa1);
      for (const sub of f.filters) asnWriteFilter(w, sub);
      w.endSequence();
      return;
    case 'not':
      w.startSequence(0xa2);
      asnWriteFilter(w, f.filter);
      w.endSequence();
      return;
    case 'equality':
      w.startSequence(0xa3);
      w.writeString(f.attribute);
      w.writeBuffer(f.value, 0x04);
      w.endSequence();
      return;
    case 'present':
      w.writeString(f.attribute, 0x87);
      return;
    default:
      throw new Error(`benchmark filter uses only and/or/not/equality/present, not ${f.type}`);
  }
}
function asnReadFilter(r: AsnReader): AsnFilter {
  const tag = r.peek();
  if (tag === 0xa0 || tag === 0xa1) {
    r.readSequence(tag);
    const end = r.offset + r.length;
    const filters: AsnFilter[] = [];
    while (r.offset < end) filters.push(asnReadFilter(r));
    return { type: tag === 0xa0 ? 'and' : 'or', filters };
  }
  if (tag === 0xa2) {
    r.readSequence(tag);
    return { type: 'not', filter: asnReadFilter(r) };
  }
  if (tag === 0xa3) {
    r.readSequence(tag);
    const attribute = r.readString() ?? '';
    const value = r.readString(0x04, true) ?? Buffer.alloc(0);
    return { type: 'equality', attribute, value };
  }
  if (tag === 0x87) return { type: 'present', attribute: r.readString(0x87) ?? '' };
  throw new Error(`unexpected filter tag ${tag}`);
}
function asnSearchRequestRoundTrip(bytes: Buffer): number {
  const r = new AsnReader(bytes);
  r.readSequence();
  const messageId = r.readInt() ?? 0;
  r.readSequence(0x63);
  const base = r.readString() ?? '';
  const scope = r.readEnumeration() ?? 0;
  const deref = r.readEnumeration() ?? 0;
  const sizeLimit = r.readInt() ?? 0;
  const timeLimit = r.readInt() ?? 0;
  const typesOnly = r.readBoolean() ?? false;
  const filter = asnReadFilter(r);
  r.readSequence();
  const end = r.offset + r.length;
  const attributes: string[] = [];
  while (r.offset < end) attributes.push(r.readString() ?? '');
  const w = new AsnWriter();
  w.startSequence();
  w.writeInt(messageId);
  w.startSequence(0x63);
  w.writeString(base);
  w.writeEnumeration(scope);
  w.writeEnumeration(deref);
  w.writeInt(sizeLimit);
  w.writeInt(timeLimit);
  w.writeBoolean(typesOnly);
  asnWriteFilter(w, filter);
  w.startSequence();
  for (const a of attributes) w.writeString(a);
  w.endSequence();
  w.endSequence();
  w.endSequence();
  return w.buffer.length;
}
function asnSearchEntryRoundTrip(bytes: Buffer): number {
  const r = new AsnReader(bytes);
  r.readSequence();
  const messageId = r.readInt() ?? 0;
  r.readSequence(0x64);
  const name = r.readString() ?? '';
  r.readSequence();
  const end = r.offset + r.length;
  const attributes: { type: string; values: Buffer[] }[] = [];
  while (r.offset < end) {
    r.readSequence();
    const type = r.readString() ?? '';
    r.readSequence(0x31);
    const setEnd = r.offset + r.length;
    const values: Buffer[] = [];
    while (r.offset < setEnd) values.push(r.readString(0x04, true) ?? Buffer.alloc(0));
    attributes.push({ type, values });
  }
  const w = new AsnWriter();
  w.startSequence();
  w.writeInt(messageId);
  w.startSequence(0x64);
  w.writeString(name);
  w.startSequence();
  for (const a of attributes) {
    w.startSequence();
    w.writeString(a.type);
    w.startSequence(0x31);
    for (const v of a.values) w.writeBuffer(v, 0x04);
    w.endSequence();
    w.endSequence();
  }
  w.endSequence();
  w.endSequence();
  w.endSequence();
  return w.buffer.length;
}

function measure(fn: (bytes: Buffer) => number, bytes: Buffer, seconds: number): number {
  let sink = 0;
  for (let i = 0; i < 20000; i++) sink += fn(bytes); // warm-up: let the JIT settle
  let iterations = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 2000; i++) sink += fn(bytes);
    iterations += 2000;
    elapsed = process.hrtime.bigint() - start;
  }
  if (sink === 0) throw new Error('benchmark produced nothing');
  return iterations / (Number(elapsed) / 1e9);
}

export interface CodecRow {
  readonly message: string;
  readonly codec: string;
  readonly opsPerSecond: number;
}

export function runCodecBenchmark(seconds = 1.5): CodecRow[] {
  wardenWriter.reset();
  writeMessage(wardenWriter, searchRequest);
  const requestBytes = Buffer.from(wardenWriter.toBuffer());
  wardenWriter.reset();
  writeMessage(wardenWriter, searchEntry);
  const entryBytes = Buffer.from(wardenWriter.toBuffer());

  // Each codec must reproduce the same bytes before it is timed, or the comparison means nothing.
  const check = (name: string, fn: (b: Buffer) => number, bytes: Buffer): void => {
    const length = fn(bytes);
    if (length !== bytes.length) throw new Error(`${name} produced ${length} bytes, expected ${bytes.length}`);
  };
  check('warden request', wardenRoundTrip, requestBytes);
  check('warden entry', wardenRoundTrip, entryBytes);
  check('ldapts request', ldaptsSearchRequestRoundTrip, requestBytes);
  check('ldapts entry', ldaptsSearchEntryRoundTrip, entryBytes);
  check('@ldapjs/asn1 request', asnSearchRequestRoundTrip, requestBytes);
  check('@ldapjs/asn1 entry', asnSearchEntryRoundTrip, entryBytes);

  const rows: CodecRow[] = [];
  const cases: [string, Buffer, [string, (b: Buffer) => number][]][] = [
    ['SearchRequest', requestBytes, [['warden', wardenRoundTrip], ['ldapts', ldaptsSearchRequestRoundTrip], ['@ldapjs/asn1', asnSearchRequestRoundTrip]]],
    ['SearchResultEntry (20 attrs)', entryBytes, [['warden', wardenRoundTrip], ['ldapts', ldaptsSearchEntryRoundTrip], ['@ldapjs/asn1', asnSearchEntryRoundTrip]]],
  ];
  for (const [message, bytes, codecs] of cases) {
    for (const [codec, fn] of codecs) rows.push({ message, codec, opsPerSecond: measure(fn, bytes, seconds) });
  }
  return rows;
}

export function formatCodecRows(rows: readonly CodecRow[]): string {
  const lines = ['| message (decode+encode) | codec | msgs/s | warden ÷ this |', '|---|---|---:|---:|'];
  for (const row of rows) {
    const warden = rows.find((r) => r.message === row.message && r.codec === 'warden');
    const ratio = warden ? warden.opsPerSecond / row.opsPerSecond : NaN;
    lines.push(`| ${row.message} | ${row.codec} | ${Math.round(row.opsPerSecond).toLocaleString('en-US')} | ${ratio.toFixed(2)}× |`);
  }
  return lines.join('\n');
}
