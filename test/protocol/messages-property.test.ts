import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BerReader as LdaptsBerReader } from 'ldapts';
import { BerWriter } from '../../src/ber/index.js';
import { decodeMessage, encodeMessage } from '../../src/protocol/message.js';
import type { LdapMessage } from '../../src/protocol/message.js';
import { OpTag } from '../../src/protocol/op-types.js';
import type { OpType } from '../../src/protocol/op-types.js';
import { anyMessage, message } from './messages-arbitraries.js';

const RUNS_PER_TYPE = 300;
const OP_TYPES = Object.keys(OpTag) as OpType[];

describe('decodeMessage ∘ encodeMessage is the identity', () => {
  assert.equal(OP_TYPES.length, 21);
  const writer = new BerWriter(64);
  for (const type of OP_TYPES) {
    it(`${type} (${RUNS_PER_TYPE} runs)`, () => {
      fc.assert(
        fc.property(message(type), (m) => {
          const pdu = encodeMessage(m, writer);
          const decoded = decodeMessage(pdu);
          assert.deepStrictEqual(decoded, m);
          // And the encoding is canonical: re-encoding what was decoded gives the same bytes.
          assert.equal(encodeMessage(decoded).toString('hex'), pdu.toString('hex'));
        }),
        { numRuns: RUNS_PER_TYPE },
      );
    });
  }
});

/** Reads our encoding's envelope and controls with ldapts's BER reader, an implementation we did not write. */
function readWithLdapts(pdu: Buffer, m: LdapMessage): void {
  const r = new LdaptsBerReader(pdu);
  assert.equal(r.readSequence(), 0x30);
  assert.equal(r.offset + r.length, pdu.length, 'envelope length covers the whole PDU');
  assert.equal(r.readInt(), m.messageId);
  const op = m.protocolOp;
  assert.equal(r.peek(), OpTag[op.type]);
  switch (op.type) {
    case 'delRequest':
      assert.equal(r.readString(OpTag.delRequest), op.dn);
      break;
    case 'abandonRequest':
      assert.equal(r.readTag(OpTag.abandonRequest), op.messageId);
      break;
    case 'unbindRequest':
      assert.equal(r.readByte(), OpTag.unbindRequest);
      assert.equal(r.readByte(), 0);
      break;
    case 'searchRequest': {
      r.readSequence(OpTag.searchRequest);
      const end = r.offset + r.length;
      assert.equal(r.readString(), op.baseObject);
      assert.equal(r.readEnumeration(), ['base', 'one', 'sub', 'children'].indexOf(op.scope));
      assert.equal(r.readEnumeration(), ['never', 'inSearching', 'findingBaseObj', 'always'].indexOf(op.derefAliases));
      assert.equal(r.readInt(), op.sizeLimit);
      assert.equal(r.readInt(), op.timeLimit);
      assert.equal(r.readBoolean(), op.typesOnly);
      r.offset = end;
      break;
    }
    case 'searchResultEntry': {
      r.readSequence(OpTag.searchResultEntry);
      assert.equal(r.readString(), op.objectName);
      r.readSequence(0x30);
      for (const attribute of op.attributes) {
        r.readSequence(0x30);
        assert.equal(r.readString(), attribute.type);
        r.readSequence(0x31);
        for (const value of attribute.values) assert.deepEqual(r.readString(0x04, true), value);
      }
      break;
    }
    default: {
      r.readSequence(OpTag[op.type]);
      r.offset += r.length;
    }
  }
  if (m.controls.length > 0) {
    r.readSequence(0xa0);
    for (const control of m.controls) {
      r.readSequence(0x30);
      assert.equal(r.readString(), control.oid);
      if (r.peek() === 0x01) assert.equal(r.readBoolean(), true);
      else assert.equal(control.critical, false);
      if (control.value !== undefined) assert.deepEqual(r.readString(0x04, true), control.value);
    }
  }
  assert.equal(r.offset, pdu.length, 'nothing left over');
}

describe('cross-check with ldapts BerReader', () => {
  it('reads the envelope, op tag, key op fields and controls of random messages', () => {
    fc.assert(
      fc.property(anyMessage, (m) => readWithLdapts(encodeMessage(m), m)),
      { numRuns: 1000 },
    );
  });

  it('reads a large entry whose lengths need the long form', () => {
    const m: LdapMessage = {
      messageId: 0x7fffffff,
      protocolOp: { type: 'searchResultEntry', objectName: 'cn=big', attributes: [{ type: 'jpegPhoto', values: [Buffer.alloc(70_000, 0xab)] }] },
      controls: [{ oid: '1.2.3', critical: true }],
    };
    const pdu = encodeMessage(m);
    assert.equal(pdu.subarray(0, 2).toString('hex'), '3083');
    readWithLdapts(pdu, m);
    assert.deepStrictEqual(decodeMessage(pdu), m);
  });
});
