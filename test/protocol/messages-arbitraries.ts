/** fast-check arbitraries for every LDAPMessage shape the codec round-trips exactly. */
import fc from 'fast-check';
import type { Filter } from '../../src/filter/index.js';
import type { LdapMessage } from '../../src/protocol/message.js';
import { ModifyOperation } from '../../src/protocol/model.js';
import type { Attribute, Control } from '../../src/protocol/model.js';
import { MAX_MESSAGE_ID } from '../../src/protocol/op-types.js';
import type { OpType } from '../../src/protocol/op-types.js';
import type { ProtocolOpOf } from '../../src/protocol/ops/protocol-op.js';
import { DerefAliases, SearchScope } from '../../src/protocol/ops/search-request.js';
import type { LdapResult } from '../../src/protocol/result.js';

/** Plain-prototype records: decoded objects are plain, and deepStrictEqual compares prototypes. */
const record = ((model: never, constraints: object = {}) => fc.record(model, { ...constraints, noNullPrototype: true })) as typeof fc.record;

/** Any Unicode text without lone surrogates, so it survives UTF-8 (LDAPString). */
export const text = fc.string({ unit: 'binary', maxLength: 12 });
export const bytes = fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a));
export const oid = fc
  .tuple(fc.integer({ min: 0, max: 2 }), fc.array(fc.nat({ max: 2_000_000 }), { minLength: 1, maxLength: 8 }))
  .map(([first, rest]) => [first, ...rest].join('.'));
const uint31 = fc.integer({ min: 0, max: MAX_MESSAGE_ID });
const resultCode = fc.oneof(fc.constantFrom(0, 2, 10, 14, 32, 49, 53, 80), uint31);

export const attribute: fc.Arbitrary<Attribute> = record({ type: text, values: fc.array(bytes, { maxLength: 4 }) });
const valuedAttribute: fc.Arbitrary<Attribute> = record({ type: text, values: fc.array(bytes, { minLength: 1, maxLength: 4 }) });

export const control: fc.Arbitrary<Control> = record({ oid, critical: fc.boolean(), value: bytes }, { requiredKeys: ['oid', 'critical'] });

const leafFilter: fc.Arbitrary<Filter> = fc.oneof(
  record({ type: fc.constantFrom('equality', 'greaterOrEqual', 'lessOrEqual', 'approxMatch'), attribute: text, value: bytes }),
  record({ type: fc.constant('present'), attribute: text }),
  record(
      { type: fc.constant('substrings'), attribute: text, initial: bytes, any: fc.array(bytes, { maxLength: 3 }), final: bytes },
      { requiredKeys: ['type', 'attribute', 'any'] },
    )
    .filter((f) => f.initial !== undefined || f.any.length > 0 || f.final !== undefined),
  record(
      { type: fc.constant('extensibleMatch'), matchingRule: text, attribute: text, value: bytes, dnAttributes: fc.boolean() },
      { requiredKeys: ['type', 'value', 'dnAttributes'] },
    )
    .filter((f) => f.matchingRule !== undefined || f.attribute !== undefined),
);

export const filter: fc.Arbitrary<Filter> = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    leafFilter,
    record({ type: fc.constantFrom('and', 'or'), filters: fc.array(tie('filter'), { maxLength: 3 }) }),
    record({ type: fc.constant('not'), filter: tie('filter') }),
  ),
})).filter;

function result<T extends OpType>(type: T): fc.Arbitrary<{ type: T } & LdapResult> {
  return record(
    { type: fc.constant(type), resultCode, matchedDN: text, diagnosticMessage: text, referral: fc.array(text, { minLength: 1, maxLength: 3 }) },
    { requiredKeys: ['type', 'resultCode', 'matchedDN', 'diagnosticMessage'] },
  );
}

function withOptional<T extends OpType, O extends object>(type: T, optional: { [K in keyof O]: fc.Arbitrary<O[K]> }) {
  return record({ type: fc.constant(type), ...optional }, { requiredKeys: ['type'] as const });
}

export const ops: { readonly [T in OpType]: fc.Arbitrary<ProtocolOpOf<T>> } = {
  bindRequest: record({
    type: fc.constant('bindRequest'),
    version: fc.integer({ min: 1, max: 127 }),
    name: text,
    authentication: fc.oneof(
      record({ method: fc.constant('simple'), password: bytes }),
      record({ method: fc.constant('sasl'), mechanism: text, credentials: bytes }, { requiredKeys: ['method', 'mechanism'] }),
    ),
  }),
  bindResponse: fc
    .tuple(result('bindResponse'), fc.option(bytes, { nil: undefined }))
    .map(([r, serverSaslCreds]) => (serverSaslCreds === undefined ? r : { ...r, serverSaslCreds })),
  unbindRequest: fc.constant({ type: 'unbindRequest' }),
  searchRequest: record({
    type: fc.constant('searchRequest'),
    baseObject: text,
    scope: fc.constantFrom(...SearchScope),
    derefAliases: fc.constantFrom(...DerefAliases),
    sizeLimit: uint31,
    timeLimit: uint31,
    typesOnly: fc.boolean(),
    filter,
    attributes: fc.array(text, { maxLength: 4 }),
  }),
  searchResultEntry: record({ type: fc.constant('searchResultEntry'), objectName: text, attributes: fc.array(attribute, { maxLength: 4 }) }),
  searchResultReference: record({ type: fc.constant('searchResultReference'), uris: fc.array(text, { minLength: 1, maxLength: 3 }) }),
  searchResultDone: result('searchResultDone'),
  modifyRequest: record({
    type: fc.constant('modifyRequest'),
    object: text,
    changes: fc.array(record({ operation: fc.constantFrom(...ModifyOperation), attribute }), { maxLength: 4 }),
  }),
  modifyResponse: result('modifyResponse'),
  addRequest: record({ type: fc.constant('addRequest'), entry: text, attributes: fc.array(valuedAttribute, { maxLength: 4 }) }),
  addResponse: result('addResponse'),
  delRequest: record({ type: fc.constant('delRequest'), dn: text }),
  delResponse: result('delResponse'),
  modifyDNRequest: record(
    { type: fc.constant('modifyDNRequest'), entry: text, newRDN: text, deleteOldRDN: fc.boolean(), newSuperior: text },
    { requiredKeys: ['type', 'entry', 'newRDN', 'deleteOldRDN'] },
  ),
  modifyDNResponse: result('modifyDNResponse'),
  compareRequest: record({ type: fc.constant('compareRequest'), entry: text, attribute: text, value: bytes }),
  compareResponse: result('compareResponse'),
  abandonRequest: record({ type: fc.constant('abandonRequest'), messageId: uint31 }),
  extendedRequest: record({ type: fc.constant('extendedRequest'), requestName: oid, requestValue: bytes }, { requiredKeys: ['type', 'requestName'] }),
  extendedResponse: fc
    .tuple(result('extendedResponse'), withOptional<'extendedResponse', { responseName: string; responseValue: Buffer }>('extendedResponse', { responseName: oid, responseValue: bytes }))
    .map(([r, extra]) => ({ ...r, ...extra })),
  intermediateResponse: withOptional<'intermediateResponse', { responseName: string; responseValue: Buffer }>('intermediateResponse', {
    responseName: oid,
    responseValue: bytes,
  }),
};

/** A whole message carrying an op of `type`; only an extended response may use messageID 0. */
export function message<T extends OpType>(type: T): fc.Arbitrary<LdapMessage> {
  return record({
    messageId: type === 'extendedResponse' ? uint31 : fc.integer({ min: 1, max: MAX_MESSAGE_ID }),
    protocolOp: ops[type] as fc.Arbitrary<ProtocolOpOf<T>>,
    controls: fc.array(control, { maxLength: 3 }),
  });
}

export const anyMessage: fc.Arbitrary<LdapMessage> = fc.constantFrom(...(Object.keys(ops) as OpType[])).chain((type) => message(type));
