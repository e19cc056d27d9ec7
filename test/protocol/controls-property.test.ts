import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Filter } from '../../src/filter/index.js';
import {
  PasswordPolicyErrorCode,
  SortResultCode,
  assertionControl,
  manageDsaItControl,
  pagedResultsControl,
  passwordPolicyControl,
  postReadControl,
  preReadControl,
  proxiedAuthzControl,
  sortRequestControl,
  sortResponseControl,
} from '../../src/protocol/controls/index.js';
import type {
  ControlDefinition,
  PasswordPolicyErrorName,
  PasswordPolicyResponseValue,
  ReadEntryValue,
  SortKey,
  SortResponseValue,
} from '../../src/protocol/controls/index.js';

const RUNS = { numRuns: 300 };

/** fast-check records have a null prototype; the codecs build ordinary objects. Same data, normal prototype. */
function plain<T>(value: T): T {
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) as T;
}

const text = fc.string({ unit: 'binary', maxLength: 24 });
const bytes = fc.uint8Array({ maxLength: 48 }).map((u) => Buffer.from(u));
const maxInt = fc.integer({ min: 0, max: 0x7fffffff });
const attributeType = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}(;[a-z-]{1,8})?$/);

const sortKey: fc.Arbitrary<SortKey> = fc
  .record({ attributeType, orderingRule: fc.option(attributeType, { nil: undefined }), reverseOrder: fc.boolean() })
  .map(({ orderingRule, ...rest }) => (orderingRule === undefined ? rest : { ...rest, orderingRule }));

const sortResponse: fc.Arbitrary<SortResponseValue> = fc
  .record({
    sortResult: fc.constantFrom(...(Object.keys(SortResultCode) as (keyof typeof SortResultCode)[])),
    attributeType: fc.option(attributeType, { nil: undefined }),
  })
  .map(({ sortResult, attributeType: a }) => (a === undefined ? { sortResult } : { sortResult, attributeType: a }));

/** Filters in the exact shape the decoder produces (substrings always has `any`, extensible always `dnAttributes`). */
const filter: fc.Arbitrary<Filter> = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constantFrom('equality' as const, 'greaterOrEqual' as const, 'lessOrEqual' as const, 'approxMatch' as const), attribute: attributeType, value: bytes }),
    fc.record({ type: fc.constant('present' as const), attribute: attributeType }),
    fc
      .record({ attribute: attributeType, initial: fc.option(bytes, { nil: undefined }), any: fc.array(bytes, { maxLength: 3 }), final: fc.option(bytes, { nil: undefined }) })
      .filter((s) => s.initial !== undefined || s.any.length > 0 || s.final !== undefined)
      .map(({ attribute, initial, any, final }): Filter => ({
        type: 'substrings',
        attribute,
        any,
        ...(initial !== undefined ? { initial } : {}),
        ...(final !== undefined ? { final } : {}),
      })),
    fc
      .record({ matchingRule: fc.option(attributeType, { nil: undefined }), attribute: fc.option(attributeType, { nil: undefined }), value: bytes, dnAttributes: fc.boolean() })
      .filter((m) => m.matchingRule !== undefined || m.attribute !== undefined)
      .map(({ matchingRule, attribute, value, dnAttributes }): Filter => ({
        type: 'extensibleMatch',
        value,
        dnAttributes,
        ...(matchingRule !== undefined ? { matchingRule } : {}),
        ...(attribute !== undefined ? { attribute } : {}),
      })),
    fc.record({ type: fc.constant('not' as const), filter: tie('filter') }),
    fc.record({ type: fc.constantFrom('and' as const, 'or' as const), filters: fc.array(tie('filter'), { maxLength: 3 }) }),
  ),
})).filter;

const entry: fc.Arbitrary<ReadEntryValue> = fc.record({
  objectName: text,
  attributes: fc.array(fc.record({ type: attributeType, values: fc.array(bytes, { maxLength: 3 }) }), { maxLength: 4 }),
});

const passwordPolicyResponse: fc.Arbitrary<PasswordPolicyResponseValue> = fc
  .record({
    warning: fc.option(fc.record({ type: fc.constantFrom('timeBeforeExpiration' as const, 'graceAuthNsRemaining' as const), value: maxInt }), { nil: undefined }),
    error: fc.option(fc.constantFrom(...(Object.keys(PasswordPolicyErrorCode) as PasswordPolicyErrorName[])), { nil: undefined }),
  })
  .map(({ warning, error }) => ({ ...(warning !== undefined ? { warning } : {}), ...(error !== undefined ? { error } : {}) }));

const authzId = fc.oneof(fc.constant(''), text.map((s) => `dn:${s}`), text.map((s) => `u:${s}`));

function requestRoundTrip<Req>(def: ControlDefinition<Req, unknown>, arb: fc.Arbitrary<Req>): void {
  const encode = def.encodeRequest;
  const decode = def.decodeRequest;
  assert.ok(encode !== undefined && decode !== undefined);
  fc.assert(
    fc.property(arb, (value) => {
      assert.deepEqual(decode(encode(value)), plain(value));
    }),
    RUNS,
  );
}

function responseRoundTrip<Res>(def: ControlDefinition<unknown, Res>, arb: fc.Arbitrary<Res>): void {
  const encode = def.encodeResponse;
  const decode = def.decodeResponse;
  assert.ok(encode !== undefined && decode !== undefined);
  fc.assert(
    fc.property(arb, (value) => {
      assert.deepEqual(decode(encode(value)), plain(value));
    }),
    RUNS,
  );
}

describe('control values: decode(encode(v)) = v', () => {
  const paged = fc.record({ size: maxInt, cookie: bytes });
  it('paged results request', () => requestRoundTrip(pagedResultsControl, paged));
  it('paged results response', () => responseRoundTrip(pagedResultsControl, paged));
  it('server-side sort request', () => requestRoundTrip(sortRequestControl, fc.array(sortKey, { maxLength: 5 })));
  it('server-side sort response', () => responseRoundTrip(sortResponseControl, sortResponse));
  it('assertion request', () => requestRoundTrip(assertionControl, filter));
  it('pre-read request', () => requestRoundTrip(preReadControl, fc.array(text, { maxLength: 5 })));
  it('pre-read response', () => responseRoundTrip(preReadControl, entry));
  it('post-read request', () => requestRoundTrip(postReadControl, fc.array(text, { maxLength: 5 })));
  it('post-read response', () => responseRoundTrip(postReadControl, entry));
  it('ManageDsaIT request', () => requestRoundTrip(manageDsaItControl, fc.constant(undefined)));
  it('proxied authorization request', () => requestRoundTrip(proxiedAuthzControl, authzId));
  it('password policy request', () => requestRoundTrip(passwordPolicyControl, fc.constant(undefined)));
  it('password policy response', () => responseRoundTrip(passwordPolicyControl, passwordPolicyResponse));
});

describe('control values: arbitrary bytes never escape as anything but a ProtocolError', () => {
  const defs: ControlDefinition[] = [pagedResultsControl, sortRequestControl, sortResponseControl, assertionControl, preReadControl, postReadControl, proxiedAuthzControl, passwordPolicyControl];
  for (const def of defs) {
    it(def.name, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 40 }), (u) => {
          const value = Buffer.from(u);
          for (const decode of [def.decodeRequest, def.decodeResponse]) {
            if (decode === undefined) continue;
            try {
              decode(value);
            } catch (err) {
              assert.equal((err as { name?: string }).name, 'ProtocolError', String(err));
              assert.equal((err as { resultCode?: number }).resultCode, 2);
              assert.match((err as Error).message, /^malformed /);
            }
          }
        }),
        RUNS,
      );
    });
  }
});
