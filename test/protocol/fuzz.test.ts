/**
 * Feeds random and mutated PDUs through the framer and the message decoder. Whatever the bytes, the only
 * acceptable failure is BerDecodeError (a protocolError): no TypeError, RangeError, hang or huge allocation.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BerDecodeError, PduFramer } from '../../src/ber/index.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/index.js';
import type { LdapMessage } from '../../src/protocol/index.js';
import { parseFilter } from '../../src/filter/index.js';

const samples: LdapMessage[] = [
  {
    messageId: 1,
    controls: [],
    protocolOp: { type: 'bindRequest', version: 3, name: 'cn=admin,dc=example,dc=com', authentication: { method: 'simple', password: Buffer.from('secret') } },
  },
  {
    messageId: 2,
    controls: [{ oid: '1.2.840.113556.1.4.319', critical: true, value: Buffer.from('30050201640400', 'hex') }],
    protocolOp: {
      type: 'searchRequest',
      baseObject: 'dc=example,dc=com',
      scope: 'sub',
      derefAliases: 'never',
      sizeLimit: 0,
      timeLimit: 0,
      typesOnly: false,
      filter: parseFilter('(&(objectClass=person)(|(cn=a*b*c)(uid>=x)(mail~=y))(!(sn:dn:2.5.13.2:=z))(description=*))'),
      attributes: ['cn', '*', '+'],
    },
  },
  {
    messageId: 3,
    controls: [],
    protocolOp: {
      type: 'searchResultEntry',
      objectName: 'uid=u,dc=example,dc=com',
      attributes: [{ type: 'cn', values: [Buffer.from('x'), Buffer.from('y')] }],
    },
  },
  {
    messageId: 4,
    controls: [],
    protocolOp: {
      type: 'modifyRequest',
      object: 'uid=u,dc=example,dc=com',
      changes: [
        { operation: 'replace', attribute: { type: 'sn', values: [Buffer.from('v')] } },
        { operation: 'delete', attribute: { type: 'mail', values: [] } },
      ],
    },
  },
  { messageId: 5, controls: [], protocolOp: { type: 'modifyDNRequest', entry: 'cn=a,dc=b', newRDN: 'cn=c', deleteOldRDN: true, newSuperior: 'dc=d' } },
  { messageId: 6, controls: [], protocolOp: { type: 'extendedResponse', resultCode: 0, matchedDN: '', diagnosticMessage: 'ok', referral: ['ldap://x/'], responseName: '1.2.3', responseValue: Buffer.from('v') } },
  { messageId: 7, controls: [], protocolOp: { type: 'abandonRequest', messageId: 2 } },
  { messageId: 8, controls: [], protocolOp: { type: 'compareRequest', entry: 'cn=a', attribute: 'cn', value: Buffer.from('a') } },
];
const encoded = samples.map((m) => encodeMessage(m));

/** Runs bytes through framer + decoder; returns normally or throws BerDecodeError, and nothing else. */
function feed(bytes: Uint8Array, chunk: number): void {
  const framer = new PduFramer(1 << 16);
  const data = Buffer.from(bytes);
  try {
    for (let off = 0; off < data.length; off += chunk) {
      framer.push(data.subarray(off, off + chunk));
      for (const pdu of framer.drain()) decodeMessage(pdu);
    }
  } catch (err) {
    if (!(err instanceof BerDecodeError)) {
      assert.fail(`non-BER error ${String(err)} for input ${data.toString('hex')}`);
    }
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(input: Buffer, mutations: readonly Mutation[]): Buffer {
  let out = Buffer.from(input);
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    switch (m.kind) {
      case 'flip':
        out[at] = (out[at] as number) ^ m.bits;
        break;
      case 'set':
        out[at] = m.byte;
        break;
      case 'truncate':
        out = out.subarray(0, at);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.count)]);
        break;
    }
  }
  return out;
}

describe('fuzzing the framer and decoder', () => {
  it('the samples themselves decode', () => {
    for (const bytes of encoded) decodeMessage(bytes);
  });

  it('random bytes only ever produce BerDecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => feed(bytes, chunk)),
      { numRuns: 3000 },
    );
  });

  it('random bytes behind a valid SEQUENCE header only ever produce BerDecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (body) => {
        const header = body.length < 128 ? Buffer.from([0x30, body.length]) : Buffer.from([0x30, 0x82, body.length >> 8, body.length & 0xff]);
        feed(Buffer.concat([header, body]), 1 + (body.length % 17));
      }),
      { numRuns: 3000 },
    );
  });

  it('mutated valid PDUs only ever produce BerDecodeError', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: encoded.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 200 }),
        (index, mutations, chunk) => feed(mutate(encoded[index] as Buffer, mutations), chunk),
      ),
      { numRuns: 5000 },
    );
  });
});
