import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BerDecodeError, BerReader } from '../../src/ber/index.js';
import { decodeMessage } from '../../src/protocol/message.js';
import { MessageDecodeError } from '../../src/protocol/message-error.js';
import type { OpType } from '../../src/protocol/op-types.js';
import { hex, VECTORS } from './messages-vectors.js';

interface Rejection {
  readonly name: string;
  readonly hex: string;
  readonly error: string;
  /** Present when the envelope decoded, so the error must be a MessageDecodeError for this message. */
  readonly messageId?: number;
  readonly opType?: OpType;
}

const SEARCH_HEAD = '04 00';
/** A search request body with the given scope, deref, size and time limit encodings. */
function search(scope: string, deref: string, size: string, time: string): string {
  const body = hex(`${SEARCH_HEAD} ${scope} ${deref} ${size} ${time} 01 01 00 87 01 78 30 00`);
  const op = Buffer.concat([Buffer.from([0x63, body.length]), body]);
  return Buffer.concat([Buffer.from([0x30, op.length + 3, 0x02, 0x01, 0x02]), op]).toString('hex');
}

const REJECTIONS: readonly Rejection[] = [
  { name: 'wrong envelope tag', hex: '31 05 02 01 03 42 00', error: 'expected sequence tag 0x30, found 0x31 at offset 0' },
  { name: 'indefinite length', hex: '30 80 02 01 03 42 00 00 00', error: 'indefinite length is not allowed in LDAP at offset 1' },
  { name: 'envelope longer than the PDU', hex: '30 06 02 01 03 42 00', error: 'sequence length 6 exceeds the 5 bytes available at offset 2' },
  { name: 'trailing bytes after the envelope', hex: '30 05 02 01 03 42 00 00', error: '1 unexpected trailing bytes at offset 7' },
  { name: 'messageID is not an INTEGER', hex: '30 05 04 01 03 42 00', error: 'expected integer tag 0x02, found 0x04 at offset 2' },
  { name: 'negative messageID', hex: '30 05 02 01 ff 42 00', error: 'messageID -1 is negative at offset 2' },
  { name: 'messageID above maxInt', hex: '30 09 02 05 00 80 00 00 00 42 00', error: 'integer does not fit in 32 bits at offset 2' },
  {
    name: 'messageID 0 on a request',
    hex: '30 0c 02 01 00 60 07 02 01 03 04 00 80 00',
    error: 'messageID 0 is reserved for unsolicited notifications, not bindRequest at offset 2',
  },
  {
    name: 'messageID 0 on an intermediate response',
    hex: '30 05 02 01 00 79 00',
    error: 'messageID 0 is reserved for unsolicited notifications, not intermediateResponse at offset 2',
  },
  { name: 'messageID 0 without a protocolOp', hex: '30 03 02 01 00', error: 'unexpected end of data, expected a tag at offset 5' },
  { name: 'messageID 0 with an unknown protocolOp', hex: '30 05 02 01 00 51 00', error: 'unknown protocolOp 0x51 at offset 5' },
  {
    name: 'malformed notification (messageID 0 extended response)',
    hex: '30 05 02 01 00 78 00',
    error: 'unexpected end of data, expected a tag at offset 7',
    messageId: 0,
    opType: 'extendedResponse',
  },
  { name: 'no protocolOp', hex: '30 03 02 01 0a', error: 'unexpected end of data, expected a tag at offset 5', messageId: 10 },
  { name: 'unknown protocolOp [APPLICATION 17]', hex: '30 05 02 01 03 51 00', error: 'unknown protocolOp 0x51 at offset 5', messageId: 3 },
  { name: 'constructed delRequest tag', hex: '30 05 02 01 03 6a 00', error: 'unknown protocolOp 0x6a at offset 5', messageId: 3 },
  { name: 'primitive bindRequest tag', hex: '30 05 02 01 03 40 00', error: 'unknown protocolOp 0x40 at offset 5', messageId: 3 },
  { name: 'high-tag-number protocolOp', hex: '30 06 02 01 03 5f 20 00', error: 'high-tag-number form is not used by LDAP at offset 5', messageId: 3 },
  { name: 'unbind with content', hex: '30 06 02 01 03 42 01 00', error: 'null must have no content, has 1 octets at offset 5', messageId: 3, opType: 'unbindRequest' },
  {
    name: 'trailing bytes inside the bind request',
    hex: '30 0e 02 01 01 60 09 02 01 03 04 00 80 00 04 00',
    error: '2 unexpected trailing bytes at offset 14',
    messageId: 1,
    opType: 'bindRequest',
  },
  {
    name: 'an element after the op that is not [0] Controls',
    hex: '30 0e 02 01 01 60 07 02 01 03 04 00 80 00 04 00',
    error: 'expected sequence tag 0xa0, found 0x04 at offset 14',
    messageId: 1,
    opType: 'bindRequest',
  },
  { name: 'bind version 0', hex: '30 0c 02 01 01 60 07 02 01 00 04 00 80 00', error: 'bind version 0 is outside 1..127 at offset 7', messageId: 1, opType: 'bindRequest' },
  {
    name: 'bind version 128',
    hex: '30 0d 02 01 01 60 08 02 02 00 80 04 00 80 00',
    error: 'bind version 128 is outside 1..127 at offset 7',
    messageId: 1,
    opType: 'bindRequest',
  },
  {
    name: 'bind authentication choice [1]',
    hex: '30 0c 02 01 01 60 07 02 01 03 04 00 81 00',
    error: 'unsupported bind authentication choice 0x81 at offset 12',
    messageId: 1,
    opType: 'bindRequest',
  },
  {
    name: 'SASL credentials followed by trailing bytes',
    hex: '30 13 02 01 01 60 0e 02 01 03 04 00 a3 07 04 01 58 04 00 05 00',
    error: '2 unexpected trailing bytes at offset 19',
    messageId: 1,
    opType: 'bindRequest',
  },
  { name: 'search scope 7', hex: search('0a 01 07', '0a 01 00', '02 01 00', '02 01 00'), error: 'unknown search scope 7 at offset 9', messageId: 2, opType: 'searchRequest' },
  { name: 'search scope -1', hex: search('0a 01 ff', '0a 01 00', '02 01 00', '02 01 00'), error: 'unknown search scope -1 at offset 9', messageId: 2, opType: 'searchRequest' },
  { name: 'derefAliases 9', hex: search('0a 01 02', '0a 01 09', '02 01 00', '02 01 00'), error: 'unknown derefAliases 9 at offset 12', messageId: 2, opType: 'searchRequest' },
  { name: 'negative sizeLimit', hex: search('0a 01 02', '0a 01 00', '02 01 ff', '02 01 00'), error: 'sizeLimit -1 is negative at offset 15', messageId: 2, opType: 'searchRequest' },
  { name: 'negative timeLimit', hex: search('0a 01 02', '0a 01 00', '02 01 00', '02 04 80 00 00 00'), error: 'timeLimit -2147483648 is negative at offset 18', messageId: 2, opType: 'searchRequest' },
  { name: 'scope sent as INTEGER', hex: search('02 01 02', '0a 01 00', '02 01 00', '02 01 00'), error: 'expected integer tag 0x0a, found 0x02 at offset 9', messageId: 2, opType: 'searchRequest' },
  {
    name: 'unknown filter choice',
    hex: '30 1a 02 01 02 63 15 04 00 0a 01 02 0a 01 00 02 01 00 02 01 00 01 01 00 8a 00 30 00',
    error: 'unknown filter choice 0x8a at offset 24',
    messageId: 2,
    opType: 'searchRequest',
  },
  {
    name: 'modify operation 5',
    hex: '30 17 02 01 03 66 12 04 00 30 0e 30 0c 0a 01 05 30 07 04 02 73 6e 31 01 00',
    error: 'unknown modify operation 5 at offset 13',
    messageId: 3,
    opType: 'modifyRequest',
  },
  {
    name: 'add attribute without values',
    hex: '30 10 02 01 04 68 0b 04 00 30 07 30 05 04 01 78 31 00',
    error: 'attribute "x" has no values at offset 11',
    messageId: 4,
    opType: 'addRequest',
  },
  { name: 'negative abandon messageID', hex: '30 06 02 01 08 50 01 ff', error: 'abandoned messageID -1 is negative at offset 5', messageId: 8, opType: 'abandonRequest' },
  { name: 'search reference without URIs', hex: '30 05 02 01 02 73 00', error: 'search result reference holds no URI at offset 7', messageId: 2, opType: 'searchResultReference' },
  {
    name: 'empty referral in an LDAPResult',
    hex: '30 0e 02 01 02 65 09 0a 01 0a 04 00 04 00 a3 00',
    error: 'referral holds no URI at offset 16',
    messageId: 2,
    opType: 'searchResultDone',
  },
  { name: 'negative resultCode', hex: '30 0c 02 01 02 65 07 0a 01 ff 04 00 04 00', error: 'resultCode -1 is negative at offset 7', messageId: 2, opType: 'searchResultDone' },
  { name: 'extended request without a name', hex: '30 05 02 01 01 77 00', error: 'unexpected end of data, expected a tag at offset 7', messageId: 1, opType: 'extendedRequest' },
  {
    name: 'extended request name that is not a numericoid',
    hex: '30 0a 02 01 01 77 05 80 03 61 62 63',
    error: 'invalid LDAPOID "abc" at offset 7',
    messageId: 1,
    opType: 'extendedRequest',
  },
  {
    name: 'extended response value before name',
    hex: '30 13 02 01 01 78 0e 0a 01 00 04 00 04 00 8b 00 8a 03 31 2e 32',
    error: '5 unexpected trailing bytes at offset 16',
    messageId: 1,
    opType: 'extendedResponse',
  },
  {
    name: 'intermediate response with an unknown [2] element',
    hex: '30 07 02 01 03 79 02 82 00',
    error: 'expected octet string tag 0x81, found 0x82 at offset 7',
    messageId: 3,
    opType: 'intermediateResponse',
  },
  {
    name: 'control type that is not a numericoid',
    hex: '30 0e 02 01 03 42 00 a0 07 30 05 04 03 31 2e 78',
    error: 'invalid LDAPOID "1.x" at offset 11',
    messageId: 3,
    opType: 'unbindRequest',
  },
  {
    name: 'control criticality with two octets',
    hex: '30 12 02 01 03 42 00 a0 0b 30 09 04 03 31 2e 32 01 02 ff ff',
    error: 'boolean must have 1 content octet, has 2 at offset 16',
    messageId: 3,
    opType: 'unbindRequest',
  },
  {
    name: 'trailing bytes inside a control',
    hex: '30 12 02 01 03 42 00 a0 0b 30 09 04 03 31 2e 32 04 00 05 00',
    error: '2 unexpected trailing bytes at offset 18',
    messageId: 3,
    opType: 'unbindRequest',
  },
  {
    name: 'bytes after the controls',
    hex: '30 09 02 01 03 42 00 a0 00 04 00',
    error: '2 unexpected trailing bytes at offset 9',
    messageId: 3,
    opType: 'unbindRequest',
  },
];

describe('decodeMessage rejects malformed PDUs', () => {
  for (const r of REJECTIONS) {
    it(r.name, () => {
      assert.throws(
        () => decodeMessage(hex(r.hex)),
        (err: unknown) => {
          assert.ok(err instanceof BerDecodeError, `not a BerDecodeError: ${String(err)}`);
          assert.equal(err.message, r.error);
          assert.equal(err.resultCode, 2);
          if (r.messageId === undefined) {
            assert.ok(!(err instanceof MessageDecodeError), 'envelope failures must not claim a messageID');
          } else {
            assert.ok(err instanceof MessageDecodeError, 'expected a MessageDecodeError');
            assert.equal(err.name, 'MessageDecodeError');
            assert.equal(err.messageId, r.messageId);
            assert.equal(err.opType, r.opType);
          }
          return true;
        },
      );
    });
  }

  it('rejects every proper prefix of every vector', () => {
    let prefixes = 0;
    for (const vector of VECTORS) {
      const pdu = hex(vector.hex);
      for (let len = 0; len < pdu.length; len++) {
        assert.throws(() => decodeMessage(pdu.subarray(0, len)), BerDecodeError, `${vector.name}: prefix of ${len} bytes`);
        prefixes++;
      }
    }
    assert.ok(prefixes > 500);
  });

  it('rejects every vector whose protocolOp is cut short inside an intact envelope', () => {
    // The envelope length is patched to match, so the messageID decodes and the op is what breaks.
    let cases = 0;
    for (const vector of VECTORS) {
      const pdu = hex(vector.hex);
      if (pdu[1]! >= 0x80) continue;
      const envelope = new BerReader(pdu).readSequence();
      envelope.readInteger();
      envelope.readRawElement();
      const opEnd = envelope.offset;
      for (let keep = 5; keep < opEnd; keep++) {
        const content = pdu.subarray(2, keep);
        const truncated = Buffer.concat([Buffer.from([0x30, content.length]), content]);
        assert.throws(
          () => decodeMessage(truncated),
          // Without an op, a messageID 0 PDU cannot be answered: it must stay a plain BerDecodeError.
          (err: unknown) =>
            vector.message.messageId === 0 && keep === 5
              ? err instanceof BerDecodeError && !(err instanceof MessageDecodeError)
              : err instanceof MessageDecodeError && err.messageId === vector.message.messageId,
          `${vector.name}: kept ${keep} bytes`,
        );
        cases++;
      }
    }
    assert.ok(cases > 400);
  });

  it('rejects a trailing byte after every vector', () => {
    for (const vector of VECTORS) {
      const pdu = Buffer.concat([hex(vector.hex), Buffer.from([0])]);
      assert.throws(() => decodeMessage(pdu), { name: 'BerDecodeError', message: `1 unexpected trailing bytes at offset ${pdu.length - 1}` });
    }
  });
});
