import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cancelOperation, passwordModifyOperation, startTlsOperation, whoAmIOperation } from '../../src/protocol/extended/index.js';
import type { ExtendedOperationDefinition, PasswordModifyRequestValue, PasswordModifyResponseValue } from '../../src/protocol/extended/index.js';

const RUNS = { numRuns: 300 };

/** fast-check records have a null prototype; the codecs build ordinary objects. Same data, normal prototype. */
function plain<T>(value: T): T {
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) as T;
}

const text = fc.string({ unit: 'binary', maxLength: 24 });
const bytes = fc.uint8Array({ maxLength: 48 }).map((u) => Buffer.from(u));

function roundTrips<Req, Res>(def: ExtendedOperationDefinition<Req, Res>, req: fc.Arbitrary<Req>, res: fc.Arbitrary<Res>): void {
  fc.assert(fc.property(req, (value) => assert.deepEqual(def.decodeRequestValue(def.encodeRequestValue(value)), plain(value))), RUNS);
  fc.assert(fc.property(res, (value) => assert.deepEqual(def.decodeResponseValue(def.encodeResponseValue(value)), plain(value))), RUNS);
}

const passwordModifyRequest: fc.Arbitrary<PasswordModifyRequestValue> = fc
  .record({
    userIdentity: fc.option(text, { nil: undefined }),
    oldPassword: fc.option(bytes, { nil: undefined }),
    newPassword: fc.option(bytes, { nil: undefined }),
  })
  .map(({ userIdentity, oldPassword, newPassword }) => ({
    ...(userIdentity !== undefined ? { userIdentity } : {}),
    ...(oldPassword !== undefined ? { oldPassword } : {}),
    ...(newPassword !== undefined ? { newPassword } : {}),
  }));

const passwordModifyResponse: fc.Arbitrary<PasswordModifyResponseValue> = fc
  .option(bytes, { nil: undefined })
  .map((generatedPassword) => (generatedPassword === undefined ? {} : { generatedPassword }));

const authzId = fc.oneof(fc.constant(''), text.map((s) => `dn:${s}`), text.map((s) => `u:${s}`));

describe('extended operation values: decode(encode(v)) = v', () => {
  it('StartTLS', () => roundTrips(startTlsOperation, fc.constant(undefined), fc.constant(undefined)));
  it('WhoAmI', () => roundTrips(whoAmIOperation, fc.constant(undefined), authzId));
  it('Password Modify', () => roundTrips(passwordModifyOperation, passwordModifyRequest, passwordModifyResponse));
  it('Cancel', () => roundTrips(cancelOperation, fc.record({ cancelId: fc.integer({ min: 0, max: 0x7fffffff }) }), fc.constant(undefined)));
});

describe('extended operation values: arbitrary bytes never escape as anything but a ProtocolError', () => {
  for (const def of [startTlsOperation, whoAmIOperation, passwordModifyOperation, cancelOperation] as ExtendedOperationDefinition[]) {
    it(def.name, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 40 }), (u) => {
          for (const decode of [def.decodeRequestValue, def.decodeResponseValue]) {
            try {
              decode(Buffer.from(u));
            } catch (err) {
              assert.equal((err as { name?: string }).name, 'ProtocolError', String(err));
              assert.match((err as Error).message, /^malformed /);
            }
          }
        }),
        RUNS,
      );
    });
  }
});
