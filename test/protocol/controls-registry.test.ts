import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError, UnavailableCriticalExtensionError } from '../../src/errors/index.js';
import type { Control } from '../../src/protocol/model.js';
import type { RequestOpType } from '../../src/protocol/op-types.js';
import {
  ControlRegistry,
  createDefaultControlRegistry,
  manageDsaItControl,
  pagedResultsControl,
  passwordPolicyControl,
  proxiedAuthzControl,
  sortRequestControl,
  sortResponseControl,
} from '../../src/protocol/controls/index.js';
import { PASSWORD_MODIFY_EXTENDED_OID, WHO_AM_I_EXTENDED_OID } from '../../src/protocol/controls/extended-oids.js';
import { PASSWORD_MODIFY_OID, START_TLS_OID, WHO_AM_I_OID } from '../../src/protocol/extended/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const PAGED = '1.2.840.113556.1.4.319';
const PAGE_100 = hex('30 05 02 01 64 04 00');
const PROXY = '2.16.840.1.113730.3.4.18';
const PPOLICY = '1.3.6.1.4.1.42.2.27.8.5.1';
const MANAGE = '2.16.840.1.113730.3.4.2';

type Outcome = { ok: string[] } | { code: number; name: string; message: string };

interface Case {
  readonly name: string;
  readonly controls: Control[];
  readonly op: RequestOpType;
  readonly extendedOid?: string;
  readonly expect: Outcome;
}

const unavailable = (message: string): Outcome => ({ code: 12, name: 'UnavailableCriticalExtensionError', message });
const protocol = (message: string): Outcome => ({ code: 2, name: 'ProtocolError', message });

const cases: Case[] = [
  { name: 'no controls', controls: [], op: 'searchRequest', expect: { ok: [] } },
  { name: 'unknown critical', controls: [{ oid: '1.2.3.4', critical: true }], op: 'searchRequest', expect: unavailable('critical control 1.2.3.4 is not supported') },
  { name: 'unknown non-critical is ignored', controls: [{ oid: '1.2.3.4', critical: false, value: hex('ff') }], op: 'searchRequest', expect: { ok: [] } },
  { name: 'paged results on a search', controls: [{ oid: PAGED, critical: true, value: PAGE_100 }], op: 'searchRequest', expect: { ok: [PAGED] } },
  {
    name: 'paged results on a delRequest, critical',
    controls: [{ oid: PAGED, critical: true, value: PAGE_100 }],
    op: 'delRequest',
    expect: unavailable(`critical control ${PAGED} (paged results) is not supported with delRequest`),
  },
  { name: 'paged results on a delRequest, non-critical, is ignored', controls: [{ oid: PAGED, critical: false, value: PAGE_100 }], op: 'delRequest', expect: { ok: [] } },
  {
    name: 'inapplicable controls are ignored before their value is looked at',
    controls: [{ oid: PAGED, critical: false, value: hex('ff') }],
    op: 'delRequest',
    expect: { ok: [] },
  },
  {
    name: 'malformed value, critical',
    controls: [{ oid: PAGED, critical: true, value: hex('30 03 02 01 64') }],
    op: 'searchRequest',
    expect: protocol('malformed paged results control value: unexpected end of data, expected a tag at offset 5'),
  },
  {
    name: 'malformed value, non-critical (still a protocolError)',
    controls: [{ oid: PAGED, critical: false }],
    op: 'searchRequest',
    expect: protocol('malformed paged results control value: the value is absent'),
  },
  {
    name: 'duplicate control',
    controls: [
      { oid: PAGED, critical: false, value: PAGE_100 },
      { oid: PAGED, critical: false, value: PAGE_100 },
    ],
    op: 'searchRequest',
    expect: protocol(`control ${PAGED} appears more than once`),
  },
  {
    name: 'duplicate unknown control',
    controls: [
      { oid: '1.2.3.4', critical: false },
      { oid: '1.2.3.4', critical: false },
    ],
    op: 'searchRequest',
    expect: protocol('control 1.2.3.4 appears more than once'),
  },
  {
    name: 'proxied authz non-critical',
    controls: [{ oid: PROXY, critical: false, value: Buffer.from('u:alice') }],
    op: 'searchRequest',
    expect: protocol(`proxied authorization control ${PROXY} must be critical`),
  },
  { name: 'proxied authz critical', controls: [{ oid: PROXY, critical: true, value: Buffer.from('u:alice') }], op: 'modifyRequest', expect: { ok: [PROXY] } },
  {
    name: 'proxied authz on a bind',
    controls: [{ oid: PROXY, critical: true, value: Buffer.from('u:alice') }],
    op: 'bindRequest',
    expect: unavailable(`critical control ${PROXY} (proxied authorization) is not supported with bindRequest`),
  },
  {
    name: 'proxied authz with WhoAmI',
    controls: [{ oid: PROXY, critical: true, value: Buffer.from('') }],
    op: 'extendedRequest',
    extendedOid: WHO_AM_I_OID,
    expect: { ok: [PROXY] },
  },
  {
    name: 'proxied authz with StartTLS (RFC 4370 §3 excludes it)',
    controls: [{ oid: PROXY, critical: true, value: Buffer.from('') }],
    op: 'extendedRequest',
    extendedOid: START_TLS_OID,
    expect: unavailable(`critical control ${PROXY} (proxied authorization) is not supported with extendedRequest ${START_TLS_OID}`),
  },
  {
    name: 'password policy with Password Modify',
    controls: [{ oid: PPOLICY, critical: false }],
    op: 'extendedRequest',
    extendedOid: PASSWORD_MODIFY_OID,
    expect: { ok: [PPOLICY] },
  },
  {
    name: 'password policy on an extended request without an OID',
    controls: [{ oid: PPOLICY, critical: true }],
    op: 'extendedRequest',
    expect: unavailable(`critical control ${PPOLICY} (password policy) is not supported with extendedRequest`),
  },
  {
    name: 'sort response control sent by a client, critical',
    controls: [{ oid: '1.2.840.113556.1.4.474', critical: true, value: hex('30 03 0a 01 00') }],
    op: 'searchRequest',
    expect: unavailable('critical control 1.2.840.113556.1.4.474 (server-side sort response) is not supported with searchRequest'),
  },
  {
    name: 'ManageDsaIT with a value',
    controls: [{ oid: MANAGE, critical: false, value: Buffer.alloc(0) }],
    op: 'addRequest',
    expect: protocol('malformed ManageDsaIT control value: a value of 0 bytes is present, but none is allowed'),
  },
  {
    name: 'several controls at once',
    controls: [
      { oid: MANAGE, critical: true },
      { oid: '1.2.3.4', critical: false },
      { oid: PAGED, critical: false, value: PAGE_100 },
      { oid: '1.2.840.113556.1.4.473', critical: true, value: hex('30 06 30 04 04 02 636e') },
    ],
    op: 'searchRequest',
    expect: { ok: [MANAGE, PAGED, '1.2.840.113556.1.4.473'] },
  },
  {
    name: 'the first failing control decides',
    controls: [
      { oid: '1.2.3.4', critical: true },
      { oid: PAGED, critical: false },
    ],
    op: 'searchRequest',
    expect: unavailable('critical control 1.2.3.4 is not supported'),
  },
];

describe('ControlRegistry.resolve (RFC 4511 §4.1.11)', () => {
  const registry = createDefaultControlRegistry();
  for (const c of cases) {
    it(c.name, () => {
      const run = (): unknown => registry.resolve(c.controls, c.op, c.extendedOid);
      const expect = c.expect;
      if ('ok' in expect) {
        const resolved = registry.resolve(c.controls, c.op, c.extendedOid);
        assert.equal(resolved.size, expect.ok.length);
        for (const oid of expect.ok) assert.ok(resolved.has(oid), oid);
        return;
      }
      assert.throws(run, (err: unknown) => {
        assert.ok(expect.code === 12 ? err instanceof UnavailableCriticalExtensionError : err instanceof ProtocolError, String(err));
        const e = err as ProtocolError;
        assert.equal(e.resultCode, expect.code);
        assert.equal(e.name, expect.name);
        assert.equal(e.message, expect.message);
        return true;
      });
    });
  }

  it('get() returns the typed value and the criticality', () => {
    const resolved = registry.resolve(
      [
        { oid: PAGED, critical: true, value: PAGE_100 },
        { oid: '1.2.840.113556.1.4.473', critical: false, value: hex('30 09 30 07 04 02 636e 81 01 ff') },
        { oid: MANAGE, critical: false },
      ],
      'searchRequest',
    );
    assert.deepEqual(resolved.get(pagedResultsControl), { critical: true, value: { size: 100, cookie: Buffer.alloc(0) } });
    assert.deepEqual(resolved.get(sortRequestControl), { critical: false, value: [{ attributeType: 'cn', reverseOrder: true }] });
    assert.deepEqual(resolved.get(manageDsaItControl), { critical: false, value: undefined });
    assert.equal(resolved.get(proxiedAuthzControl), undefined);
    assert.equal(resolved.has(MANAGE), true);
    assert.equal(resolved.has(PROXY), false);
  });

  it('get() with a look-alike definition for a resolved OID is a programming error', () => {
    const resolved = registry.resolve([{ oid: PAGED, critical: false, value: PAGE_100 }], 'searchRequest');
    assert.throws(() => resolved.get({ ...pagedResultsControl }), { name: 'TypeError', message: `control ${PAGED} was resolved by a different definition` });
  });

  it('advertised() lists every request control, in registration order, and hides the sort response', () => {
    assert.deepEqual(registry.advertised(), [
      '1.2.840.113556.1.4.319',
      '1.2.840.113556.1.4.473',
      '1.3.6.1.1.12',
      '1.3.6.1.1.13.1',
      '1.3.6.1.1.13.2',
      '2.16.840.1.113730.3.4.2',
      '2.16.840.1.113730.3.4.18',
      '1.3.6.1.4.1.42.2.27.8.5.1',
    ]);
    assert.equal(registry.get('1.2.840.113556.1.4.474'), sortResponseControl);
  });

  it('register() refuses a duplicate OID', () => {
    const own = new ControlRegistry();
    own.register(passwordPolicyControl);
    assert.throws(() => own.register({ ...passwordPolicyControl, name: 'again' }), {
      message: `control ${PPOLICY} (again) is already registered`,
    });
    assert.deepEqual(own.advertised(), [PPOLICY]);
    assert.equal(own.get(PAGED), undefined);
  });

  it('a registry without a control treats it as unknown', () => {
    const own = new ControlRegistry();
    assert.equal(own.resolve([{ oid: PAGED, critical: false, value: PAGE_100 }], 'searchRequest').size, 0);
  });

  it('the extended-operation OIDs controls refer to match the extended-operation modules', () => {
    assert.equal(PASSWORD_MODIFY_EXTENDED_OID, PASSWORD_MODIFY_OID);
    assert.equal(WHO_AM_I_EXTENDED_OID, WHO_AM_I_OID);
  });
});
