import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ascii, assertMalformed, hex } from '../helpers/protocol-assert.js';
import type { Filter } from '../../src/filter/index.js';
import {
  ASSERTION_OID,
  MANAGE_DSA_IT_OID,
  PAGED_RESULTS_OID,
  PASSWORD_POLICY_OID,
  POST_READ_OID,
  PRE_READ_OID,
  PROXIED_AUTHZ_OID,
  SORT_REQUEST_OID,
  SORT_RESPONSE_OID,
  SortResultCode,
  assertionControl,
  decodeAssertionValue,
  decodePagedResultsValue,
  decodeSortRequestValue,
  decodeSortResponseValue,
  encodeAssertionValue,
  encodePagedResultsValue,
  encodeSortRequestValue,
  encodeSortResponseValue,
  findResponseControl,
  makeRequestControl,
  makeResponseControl,
  pagedResultsControl,
  sortRequestControl,
  sortResponseControl,
} from '../../src/protocol/controls/index.js';
import type { SortKey, SortResponseValue } from '../../src/protocol/controls/index.js';



describe('OIDs', () => {
  it('match their specifications', () => {
    assert.equal(PAGED_RESULTS_OID, '1.2.840.113556.1.4.319');
    assert.equal(SORT_REQUEST_OID, '1.2.840.113556.1.4.473');
    assert.equal(SORT_RESPONSE_OID, '1.2.840.113556.1.4.474');
    assert.equal(ASSERTION_OID, '1.3.6.1.1.12');
    assert.equal(PRE_READ_OID, '1.3.6.1.1.13.1');
    assert.equal(POST_READ_OID, '1.3.6.1.1.13.2');
    assert.equal(MANAGE_DSA_IT_OID, '2.16.840.1.113730.3.4.2');
    assert.equal(PROXIED_AUTHZ_OID, '2.16.840.1.113730.3.4.18');
    assert.equal(PASSWORD_POLICY_OID, '1.3.6.1.4.1.42.2.27.8.5.1');
  });
});

describe('paged results (RFC 2696)', () => {
  const vectors: [string, { size: number; cookie: Buffer }, string][] = [
    ['size 100, empty cookie', { size: 100, cookie: Buffer.alloc(0) }, '30 05 02 01 64 04 00'],
    ['size 0 with a cookie (abandon the paged search)', { size: 0, cookie: Buffer.from('abc') }, '30 08 02 01 00 04 03 616263'],
    ['size 1000, binary cookie', { size: 1000, cookie: hex('ff00') }, '30 08 02 02 03e8 04 02 ff00'],
    ['size 128 needs a sign octet', { size: 128, cookie: Buffer.alloc(0) }, '30 06 02 02 0080 04 00'],
  ];
  for (const [name, value, encoding] of vectors) {
    it(name, () => {
      assert.deepEqual(encodePagedResultsValue(value), hex(encoding));
      assert.deepEqual(decodePagedResultsValue(hex(encoding)), value);
      assert.deepEqual(pagedResultsControl.decodeResponse?.(hex(encoding)), value);
    });
  }
  const L = 'malformed paged results control value: ';
  it('rejects an absent value', () => assertMalformed(() => decodePagedResultsValue(undefined), `${L}the value is absent`));
  it('rejects a missing cookie', () =>
    assertMalformed(() => decodePagedResultsValue(hex('30 03 02 01 64')), `${L}unexpected end of data, expected a tag at offset 5`));
  it('rejects a negative size', () => assertMalformed(() => decodePagedResultsValue(hex('30 05 02 01 ff 04 00')), `${L}size must be in 0..maxInt, got -1`));
  it('rejects trailing bytes after the sequence', () =>
    assertMalformed(() => decodePagedResultsValue(hex('30 05 02 01 64 04 00 00')), `${L}1 unexpected trailing bytes at offset 7`));
  it('rejects an extra field inside the sequence', () =>
    assertMalformed(() => decodePagedResultsValue(hex('30 07 02 01 64 04 00 05 00')), `${L}2 unexpected trailing bytes at offset 7`));
});

describe('server-side sort (RFC 2891)', () => {
  const keys: [string, SortKey[], string][] = [
    ['cn reverse', [{ attributeType: 'cn', reverseOrder: true }], `30 09 30 07 04 02 ${ascii('cn')} 81 01 ff`],
    ['sn ascending (DEFAULT FALSE omitted)', [{ attributeType: 'sn', reverseOrder: false }], `30 06 30 04 04 02 ${ascii('sn')}`],
    [
      'two keys, one with an ordering rule',
      [
        { attributeType: 'sn', reverseOrder: false },
        { attributeType: 'givenName', orderingRule: 'caseIgnoreOrderingMatch', reverseOrder: true },
      ],
      `30 2f 30 04 04 02 ${ascii('sn')} 30 27 04 09 ${ascii('givenName')} 80 17 ${ascii('caseIgnoreOrderingMatch')} 81 01 ff`,
    ],
    ['empty key list (the ASN.1 has no SIZE constraint)', [], '30 00'],
  ];
  for (const [name, value, encoding] of keys) {
    it(`request: ${name}`, () => {
      assert.deepEqual(encodeSortRequestValue(value), hex(encoding));
      assert.deepEqual(decodeSortRequestValue(hex(encoding)), value);
    });
  }
  it('request: accepts an explicit FALSE reverseOrder (BER, as ldapts sends)', () => {
    assert.deepEqual(decodeSortRequestValue(hex(`30 09 30 07 04 02 ${ascii('cn')} 81 01 00`)), [{ attributeType: 'cn', reverseOrder: false }]);
  });
  const RL = 'malformed server-side sort request control value: ';
  it('request: rejects fields out of order', () =>
    assertMalformed(
      () => decodeSortRequestValue(hex(`30 0c 30 0a 04 02 ${ascii('cn')} 81 01 ff 80 01 ${ascii('x')}`)),
      `${RL}3 unexpected trailing bytes at offset 11`,
    ));
  it('request: rejects a key without attributeType', () =>
    assertMalformed(() => decodeSortRequestValue(hex('30 05 30 03 81 01 ff')), `${RL}expected octet string tag 0x04, found 0x81 at offset 4`));

  const results: [string, SortResponseValue, string][] = [
    ['success', { sortResult: 'success' }, '30 03 0a 01 00'],
    ['noSuchAttribute naming cn', { sortResult: 'noSuchAttribute', attributeType: 'cn' }, `30 07 0a 01 10 80 02 ${ascii('cn')}`],
    ['other', { sortResult: 'other' }, '30 03 0a 01 50'],
    ['unwillingToPerform', { sortResult: 'unwillingToPerform' }, '30 03 0a 01 35'],
  ];
  for (const [name, value, encoding] of results) {
    it(`response: ${name}`, () => {
      assert.deepEqual(encodeSortResponseValue(value), hex(encoding));
      assert.deepEqual(decodeSortResponseValue(hex(encoding)), value);
    });
  }
  it('response: the sortResult table matches RFC 2891 §1.2', () => {
    assert.deepEqual(SortResultCode, {
      success: 0, operationsError: 1, timeLimitExceeded: 3, strongAuthRequired: 8, adminLimitExceeded: 11, noSuchAttribute: 16,
      inappropriateMatching: 18, insufficientAccessRights: 50, busy: 51, unwillingToPerform: 53, other: 80,
    });
  });
  it('response: rejects a sortResult RFC 2891 does not define', () =>
    assertMalformed(() => decodeSortResponseValue(hex('30 03 0a 01 02')), 'malformed server-side sort response control value: sortResult 2 is not defined by RFC 2891'));
  it('the response control only decodes responses and the request control only requests', () => {
    assert.equal(sortRequestControl.decodeResponse, undefined);
    assert.equal(sortResponseControl.decodeRequest, undefined);
    assert.equal(sortResponseControl.appliesTo.size, 0);
  });
});

describe('assertion (RFC 4528)', () => {
  const vectors: [string, Filter, string][] = [
    ['(cn=foo)', { type: 'equality', attribute: 'cn', value: Buffer.from('foo') }, `a3 09 04 02 ${ascii('cn')} 04 03 ${ascii('foo')}`],
    ['(objectClass=*)', { type: 'present', attribute: 'objectClass' }, `87 0b ${ascii('objectClass')}`],
    [
      '(!(uid=a))',
      { type: 'not', filter: { type: 'equality', attribute: 'uid', value: Buffer.from('a') } },
      `a2 0a a3 08 04 03 ${ascii('uid')} 04 01 ${ascii('a')}`,
    ],
  ];
  for (const [name, filter, encoding] of vectors) {
    it(name, () => {
      assert.deepEqual(encodeAssertionValue(filter), hex(encoding));
      assert.deepEqual(decodeAssertionValue(hex(encoding)), filter);
    });
  }
  const L = 'malformed assertion control value: ';
  it('rejects an absent value', () => assertMalformed(() => decodeAssertionValue(undefined), `${L}the value is absent`));
  it('rejects an unknown filter choice', () => assertMalformed(() => decodeAssertionValue(hex('8a 01 00')), `${L}unknown filter choice 0x8a at offset 0`));
  it('rejects two filters', () =>
    assertMalformed(() => decodeAssertionValue(hex(`87 02 ${ascii('cn')} 87 02 ${ascii('sn')}`)), `${L}4 unexpected trailing bytes at offset 4`));
  it('applies to compare, search, modify, add, delete and modifyDN', () => {
    assert.deepEqual(
      [...assertionControl.appliesTo].sort(),
      ['addRequest', 'compareRequest', 'delRequest', 'modifyDNRequest', 'modifyRequest', 'searchRequest'],
    );
  });
});

describe('client helpers', () => {
  it('makeRequestControl builds a wire control from a typed value', () => {
    assert.deepEqual(makeRequestControl(pagedResultsControl, { size: 100, cookie: Buffer.alloc(0) }, true), {
      oid: PAGED_RESULTS_OID,
      critical: true,
      value: hex('30 05 02 01 64 04 00'),
    });
  });
  it('findResponseControl decodes the matching response control, or returns undefined', () => {
    const controls = [
      { oid: '1.2.3', critical: false },
      makeResponseControl(sortResponseControl, { sortResult: 'busy' }),
    ];
    assert.deepEqual(findResponseControl(sortResponseControl, controls), { sortResult: 'busy' });
    assert.equal(findResponseControl(pagedResultsControl, controls), undefined);
  });
  it('refuses to build a response from a request-only definition', () => {
    assert.throws(() => makeResponseControl(assertionControl as never, undefined), {
      name: 'TypeError',
      message: 'assertion control (1.3.6.1.1.12) is not a response control',
    });
  });
});
