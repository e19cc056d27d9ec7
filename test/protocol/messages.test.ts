import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BerReader, BerWriter } from '../../src/ber/index.js';
import { decodeMessage, encodeMessage, writeMessage } from '../../src/protocol/message.js';
import type { LdapMessage } from '../../src/protocol/message.js';
import { decodeLdapResult, encodeLdapResult } from '../../src/protocol/result.js';
import { readControls, writeControls } from '../../src/protocol/control-list.js';
import { OpTag } from '../../src/protocol/op-types.js';
import type { OpType } from '../../src/protocol/op-types.js';
import { isRequestOp, isResponseOp, isResultOp } from '../../src/protocol/ops/protocol-op.js';
import { DerefAliases, SearchScope } from '../../src/protocol/ops/search-request.js';
import { hex, VECTORS } from './messages-vectors.js';

describe('LDAPMessage byte-exact vectors', () => {
  for (const vector of VECTORS) {
    it(`${vector.name}: encodes to the exact bytes`, () => {
      assert.equal(encodeMessage(vector.message).toString('hex'), hex(vector.hex).toString('hex'));
    });
    it(`${vector.name}: decodes to the exact object`, () => {
      assert.deepStrictEqual(decodeMessage(hex(vector.hex)), vector.message);
    });
  }

  it('covers all 21 protocolOp choices', () => {
    const covered = new Set(VECTORS.map((v) => v.message.protocolOp.type));
    assert.deepEqual([...covered].sort(), (Object.keys(OpTag) as OpType[]).sort());
    assert.equal(covered.size, 21);
  });
});

describe('BER the decoder accepts but never writes', () => {
  const cases: readonly { name: string; hex: string; message: LdapMessage }[] = [
    {
      name: 'explicit criticality FALSE (BER, not DER)',
      hex: '30 11 02 01 05 42 00 a0 0a 30 08 04 03 31 2e 32 01 01 00',
      message: { messageId: 5, protocolOp: { type: 'unbindRequest' }, controls: [{ oid: '1.2', critical: false }] },
    },
    {
      name: 'any non-zero octet as TRUE',
      hex: '30 11 02 01 05 42 00 a0 0a 30 08 04 03 31 2e 32 01 01 01',
      message: { messageId: 5, protocolOp: { type: 'unbindRequest' }, controls: [{ oid: '1.2', critical: true }] },
    },
    {
      name: 'an empty [0] Controls',
      hex: '30 07 02 01 05 42 00 a0 00',
      message: { messageId: 5, protocolOp: { type: 'unbindRequest' }, controls: [] },
    },
    {
      name: 'non-minimal long-form lengths and a padded INTEGER',
      hex: '30 81 08 02 02 00 05 4a 81 01 78',
      message: { messageId: 5, protocolOp: { type: 'delRequest', dn: 'x' }, controls: [] },
    },
    {
      name: 'an unknown but non-negative resultCode (the enumeration is extensible)',
      hex: '30 0d 02 01 02 65 08 0a 02 10 00 04 00 04 00',
      message: { messageId: 2, protocolOp: { type: 'searchResultDone', resultCode: 4096, matchedDN: '', diagnosticMessage: '' }, controls: [] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepStrictEqual(decodeMessage(hex(c.hex)), c.message));
  }

  it('decodes values as zero-copy views of the PDU', () => {
    const pdu = hex('30 12 02 01 01 60 0d 02 01 03 04 04 63 6e 3d 61 80 02 70 77');
    const op = decodeMessage(pdu).protocolOp;
    assert.equal(op.type, 'bindRequest');
    if (op.type !== 'bindRequest' || op.authentication.method !== 'simple') return;
    assert.equal(op.authentication.password.buffer, pdu.buffer);
  });
});

describe('encodeMessage validates what it writes', () => {
  const bind = { type: 'bindRequest', version: 3, name: '', authentication: { method: 'simple', password: Buffer.alloc(0) } } as const;
  const cases: readonly { name: string; message: LdapMessage; error: string }[] = [
    { name: 'messageID 0 on a request', message: { messageId: 0, protocolOp: bind, controls: [] }, error: 'messageID 0 is reserved for unsolicited notifications, not bindRequest' },
    { name: 'negative messageID', message: { messageId: -1, protocolOp: bind, controls: [] }, error: 'messageID must be an integer in 0..2147483647, got -1' },
    { name: 'messageID above maxInt', message: { messageId: 2 ** 31, protocolOp: bind, controls: [] }, error: 'messageID must be an integer in 0..2147483647, got 2147483648' },
    { name: 'fractional messageID', message: { messageId: 1.5, protocolOp: bind, controls: [] }, error: 'messageID must be an integer in 0..2147483647, got 1.5' },
    { name: 'bind version 0', message: { messageId: 1, protocolOp: { ...bind, version: 0 }, controls: [] }, error: 'bind version must be an integer in 1..127, got 0' },
    {
      name: 'unknown scope',
      message: {
        messageId: 1,
        protocolOp: { type: 'searchRequest', baseObject: '', scope: 'tree' as SearchScope, derefAliases: 'never', sizeLimit: 0, timeLimit: 0, typesOnly: false, filter: { type: 'present', attribute: 'x' }, attributes: [] },
        controls: [],
      },
      error: 'unknown search scope "tree"',
    },
    {
      name: 'negative sizeLimit',
      message: {
        messageId: 1,
        protocolOp: { type: 'searchRequest', baseObject: '', scope: 'base', derefAliases: 'never', sizeLimit: -1, timeLimit: 0, typesOnly: false, filter: { type: 'present', attribute: 'x' }, attributes: [] },
        controls: [],
      },
      error: 'sizeLimit must be an integer in 0..2147483647, got -1',
    },
    {
      name: 'empty referral',
      message: { messageId: 1, protocolOp: { type: 'searchResultDone', resultCode: 10, matchedDN: '', diagnosticMessage: '', referral: [] }, controls: [] },
      error: 'referral must hold at least one URI (RFC 4511 §4.1.10)',
    },
    {
      name: 'reference without URIs',
      message: { messageId: 1, protocolOp: { type: 'searchResultReference', uris: [] }, controls: [] },
      error: 'a search result reference needs at least one URI (RFC 4511 §4.5.3)',
    },
    {
      name: 'add attribute without values',
      message: { messageId: 1, protocolOp: { type: 'addRequest', entry: 'cn=a', attributes: [{ type: 'cn', values: [] }] }, controls: [] },
      error: 'add request attribute "cn" has no values (RFC 4511 §4.1.7)',
    },
    {
      name: 'control type that is not an OID',
      message: { messageId: 1, protocolOp: { type: 'unbindRequest' }, controls: [{ oid: 'paged', critical: false }] },
      error: 'invalid LDAPOID "paged"',
    },
    {
      name: 'negative abandon target',
      message: { messageId: 1, protocolOp: { type: 'abandonRequest', messageId: -2 }, controls: [] },
      error: 'abandoned messageID must be an integer in 0..2147483647, got -2',
    },
    {
      name: 'negative resultCode',
      message: { messageId: 1, protocolOp: { type: 'addResponse', resultCode: -1, matchedDN: '', diagnosticMessage: '' }, controls: [] },
      error: 'resultCode must be an integer in 0..2147483647, got -1',
    },
    {
      name: 'unknown modify operation',
      message: {
        messageId: 1,
        protocolOp: { type: 'modifyRequest', object: '', changes: [{ operation: 'append' as 'add', attribute: { type: 'x', values: [] } }] },
        controls: [],
      },
      error: 'unknown modify operation "append"',
    },
  ];
  for (const c of cases) {
    it(`throws RangeError for ${c.name}`, () => {
      assert.throws(() => encodeMessage(c.message), { name: 'RangeError', message: c.error });
    });
  }

  it('allows messageID 0 on an extended response (unsolicited notification)', () => {
    const message: LdapMessage = { messageId: 0, protocolOp: { type: 'extendedResponse', resultCode: 52, matchedDN: '', diagnosticMessage: 'bye' }, controls: [] };
    assert.deepStrictEqual(decodeMessage(encodeMessage(message)), message);
  });
});

describe('writers and helpers', () => {
  it('encodeMessage resets a reused writer and returns a copy', () => {
    const writer = new BerWriter(8);
    writer.writeNull();
    const first = encodeMessage(VECTORS[0]!.message, writer);
    const second = encodeMessage(VECTORS[1]!.message, writer);
    assert.equal(first.toString('hex'), hex(VECTORS[0]!.hex).toString('hex'));
    assert.equal(second.toString('hex'), hex(VECTORS[1]!.hex).toString('hex'));
  });

  it('writeMessage appends, so a batch is the concatenation of the messages', () => {
    const writer = new BerWriter();
    for (const vector of VECTORS) writeMessage(writer, vector.message);
    assert.equal(writer.toBuffer().toString('hex'), Buffer.concat(VECTORS.map((v) => hex(v.hex))).toString('hex'));
  });

  it('encodeLdapResult / decodeLdapResult round-trip the components', () => {
    const writer = new BerWriter();
    const result = { resultCode: 10, matchedDN: 'dc=x', diagnosticMessage: 'see', referral: ['ldap://a/', 'ldap://b/'] };
    encodeLdapResult(writer, result);
    const reader = new BerReader(writer.toBuffer());
    assert.deepStrictEqual(decodeLdapResult(reader), result);
    reader.end();
  });

  it('writeControls writes nothing for no controls; readControls reads what it wrote', () => {
    const writer = new BerWriter();
    writeControls(writer, []);
    assert.equal(writer.length, 0);
    const controls = [{ oid: '1.2.3', critical: true, value: hex('00') }, { oid: '1.2.4', critical: false }];
    writeControls(writer, controls);
    assert.equal(writer.toBuffer().toString('hex'), hex('a0 18 30 0d 04 05 31 2e 32 2e 33 01 01 ff 04 01 00 30 07 04 05 31 2e 32 2e 34').toString('hex'));
    assert.deepStrictEqual(readControls(new BerReader(writer.toBuffer())), controls);
  });

  it('classifies op types', () => {
    const all = Object.keys(OpTag) as OpType[];
    assert.deepEqual(all.filter((t) => isResponseOp(t)).length, 11);
    assert.deepEqual(all.filter((t) => isRequestOp(t)).length, 10);
    for (const t of all) assert.notEqual(isRequestOp(t), isResponseOp(t), t);
    assert.deepEqual(all.filter((t) => isResultOp(t)).sort(), [
      'addResponse', 'bindResponse', 'compareResponse', 'delResponse', 'extendedResponse', 'modifyDNResponse', 'modifyResponse', 'searchResultDone',
    ]);
  });

  it('enum tables map wire values by index', () => {
    assert.deepEqual([...SearchScope], ['base', 'one', 'sub', 'children']);
    assert.deepEqual([...DerefAliases], ['never', 'inSearching', 'findingBaseObj', 'always']);
  });
});
