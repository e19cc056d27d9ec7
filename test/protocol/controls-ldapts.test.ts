import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BerReader as LdaptsReader, BerWriter as LdaptsWriter, ControlParser, PagedResultsControl, ServerSideSortingRequestControl } from 'ldapts';
import type { Control as LdaptsControl } from 'ldapts';
import { BerReader, BerTag, BerWriter } from '../../src/ber/index.js';
import {
  PAGED_RESULTS_OID,
  SORT_REQUEST_OID,
  decodePagedResultsValue,
  decodeSortRequestValue,
  encodePagedResultsValue,
  encodeSortRequestValue,
} from '../../src/protocol/controls/index.js';
import type { SortKey } from '../../src/protocol/controls/index.js';

/**
 * ldapts (an independent implementation) writes a whole Control SEQUENCE; read it back with our
 * reader: controlType, criticality, then the controlValue OCTET STRING we hand to our decoder.
 */
function writtenByLdapts(control: LdaptsControl): { oid: string; critical: boolean; value: Buffer } {
  const w = new LdaptsWriter();
  control.write(w);
  const r = new BerReader(w.buffer);
  const seq = r.readSequence();
  r.end();
  const oid = seq.readString();
  const critical = seq.readBoolean();
  const value = seq.readOctetString();
  seq.end();
  return { oid, critical, value: Buffer.from(value) };
}

/** Our value inside a Control SEQUENCE, parsed by ldapts's own ControlParser. */
function parsedByLdapts(oid: string, value: Buffer): LdaptsControl | null {
  const w = new BerWriter();
  w.startSequence();
  w.writeString(oid);
  w.writeBoolean(true);
  w.writeOctetString(value, BerTag.octetString);
  w.endSequence();
  return ControlParser.parse(new LdaptsReader(w.toBuffer()), []);
}

describe('paged results against ldapts', () => {
  it('ldapts encodes, we decode (and the bytes are identical to ours)', () => {
    const control = new PagedResultsControl({ critical: true, value: { size: 100, cookie: Buffer.from('cookie!') } });
    const { oid, critical, value } = writtenByLdapts(control);
    assert.equal(oid, PAGED_RESULTS_OID);
    assert.equal(critical, true);
    assert.deepEqual(decodePagedResultsValue(value), { size: 100, cookie: Buffer.from('cookie!') });
    assert.deepEqual(value, encodePagedResultsValue({ size: 100, cookie: Buffer.from('cookie!') }));
  });

  it('ldapts encodes the first page (no cookie) as an empty OCTET STRING, which we read', () => {
    const { value } = writtenByLdapts(new PagedResultsControl({ value: { size: 500 } }));
    assert.deepEqual(value, Buffer.from('30 06 02 02 01f4 04 00'.replace(/\s+/g, ''), 'hex'));
    assert.deepEqual(decodePagedResultsValue(value), { size: 500, cookie: Buffer.alloc(0) });
  });

  it('property: both directions agree for any size and cookie', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), fc.uint8Array({ minLength: 1, maxLength: 64 }), (size, u) => {
        const cookie = Buffer.from(u);
        const { value } = writtenByLdapts(new PagedResultsControl({ value: { size, cookie } }));
        assert.deepEqual(decodePagedResultsValue(value), { size, cookie });
        assert.deepEqual(value, encodePagedResultsValue({ size, cookie }));
        const parsed = parsedByLdapts(PAGED_RESULTS_OID, encodePagedResultsValue({ size, cookie }));
        assert.ok(parsed instanceof PagedResultsControl);
        assert.equal(parsed.value?.size, size);
        assert.deepEqual(Buffer.from(parsed.value?.cookie ?? []), cookie);
      }),
      { numRuns: 200 },
    );
  });
});

describe('server-side sort request against ldapts', () => {
  it('ldapts encodes (with an explicit FALSE), we decode', () => {
    const control = new ServerSideSortingRequestControl({
      critical: false,
      value: [
        { attributeType: 'cn', reverseOrder: true },
        { attributeType: 'sn', orderingRule: '2.5.13.3', reverseOrder: false },
        { attributeType: 'uid' },
      ],
    });
    const { oid, critical, value } = writtenByLdapts(control);
    assert.equal(oid, SORT_REQUEST_OID);
    assert.equal(critical, false);
    assert.deepEqual(decodeSortRequestValue(value), [
      { attributeType: 'cn', reverseOrder: true },
      { attributeType: 'sn', orderingRule: '2.5.13.3', reverseOrder: false },
      { attributeType: 'uid', reverseOrder: false },
    ]);
  });

  it('we encode, ldapts decodes', () => {
    const keys: SortKey[] = [
      { attributeType: 'cn', reverseOrder: true },
      { attributeType: 'sn', orderingRule: '2.5.13.3', reverseOrder: false },
    ];
    const parsed = parsedByLdapts(SORT_REQUEST_OID, encodeSortRequestValue(keys));
    assert.ok(parsed instanceof ServerSideSortingRequestControl);
    // ldapts reports an absent ordering rule as ''.
    assert.deepEqual(parsed.values, [
      { attributeType: 'cn', orderingRule: '', reverseOrder: true },
      { attributeType: 'sn', orderingRule: '2.5.13.3', reverseOrder: false },
    ]);
  });

  it('property: keys survive both directions', () => {
    const attribute = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
    const key = fc.record({ attributeType: attribute, orderingRule: fc.option(attribute, { nil: undefined }), reverseOrder: fc.boolean() });
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4 }), (raw) => {
        const keys: SortKey[] = raw.map(({ orderingRule, ...rest }) => (orderingRule === undefined ? { ...rest } : { ...rest, orderingRule }));
        const ours = writtenByLdapts(new ServerSideSortingRequestControl({ value: keys.map((k) => ({ ...k })) }));
        assert.deepEqual(decodeSortRequestValue(ours.value), keys);
        const parsed = parsedByLdapts(SORT_REQUEST_OID, encodeSortRequestValue(keys));
        assert.ok(parsed instanceof ServerSideSortingRequestControl);
        assert.deepEqual(
          parsed.values,
          keys.map((k) => ({ attributeType: k.attributeType, orderingRule: k.orderingRule ?? '', reverseOrder: k.reverseOrder })),
        );
      }),
      { numRuns: 200 },
    );
  });
});
