import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ascii, assertMalformed, hex } from '../helpers/protocol-assert.js';
import {
  CANCEL_OID,
  ExtendedOperationRegistry,
  NOTICE_OF_DISCONNECTION_MESSAGE_ID,
  NOTICE_OF_DISCONNECTION_OID,
  PASSWORD_MODIFY_OID,
  START_TLS_OID,
  WHO_AM_I_OID,
  cancelOperation,
  createDefaultExtendedOperationRegistry,
  decodeCancelRequestValue,
  decodeCancelResponseValue,
  decodePasswordModifyRequestValue,
  decodePasswordModifyResponseValue,
  decodeStartTlsRequestValue,
  decodeStartTlsResponseValue,
  decodeWhoAmIRequestValue,
  decodeWhoAmIResponseValue,
  encodeCancelRequestValue,
  encodePasswordModifyRequestValue,
  encodePasswordModifyResponseValue,
  encodeWhoAmIResponseValue,
  noticeOfDisconnection,
  passwordModifyOperation,
  startTlsOperation,
  whoAmIOperation,
} from '../../src/protocol/extended/index.js';
import type { PasswordModifyRequestValue } from '../../src/protocol/extended/index.js';



describe('OIDs', () => {
  it('match their specifications', () => {
    assert.equal(START_TLS_OID, '1.3.6.1.4.1.1466.20037');
    assert.equal(WHO_AM_I_OID, '1.3.6.1.4.1.4203.1.11.3');
    assert.equal(PASSWORD_MODIFY_OID, '1.3.6.1.4.1.4203.1.11.1');
    assert.equal(CANCEL_OID, '1.3.6.1.1.8');
    assert.equal(NOTICE_OF_DISCONNECTION_OID, '1.3.6.1.4.1.1466.20036');
  });
});

describe('StartTLS (RFC 4511 §4.14)', () => {
  it('has no request or response value and names itself in responseName', () => {
    assert.equal(decodeStartTlsRequestValue(undefined), undefined);
    assert.equal(startTlsOperation.encodeRequestValue(undefined), undefined);
    assert.equal(decodeStartTlsResponseValue(undefined), undefined);
    assert.equal(startTlsOperation.encodeResponseValue(undefined), undefined);
    assert.equal(startTlsOperation.responseName, START_TLS_OID);
  });
  it('rejects a request value', () =>
    assertMalformed(() => decodeStartTlsRequestValue(hex('00')), 'malformed StartTLS request value: a value of 1 bytes is present, but none is allowed'));
  it('rejects a response value', () =>
    assertMalformed(() => decodeStartTlsResponseValue(Buffer.alloc(0)), 'malformed StartTLS response value: a value of 0 bytes is present, but none is allowed'));
});

describe('WhoAmI (RFC 4532)', () => {
  it('has no request value', () => {
    assert.equal(decodeWhoAmIRequestValue(undefined), undefined);
    assert.equal(whoAmIOperation.encodeRequestValue(undefined), undefined);
    assertMalformed(() => decodeWhoAmIRequestValue(hex('3000')), 'malformed WhoAmI request value: a value of 2 bytes is present, but none is allowed');
  });
  it('answers with the raw UTF-8 authzId', () => {
    const dn = 'dn:cn=admin,dc=example,dc=com';
    assert.deepEqual(encodeWhoAmIResponseValue(dn), hex(ascii(dn)));
    assert.equal(decodeWhoAmIResponseValue(hex(ascii(dn))), dn);
    assert.deepEqual(encodeWhoAmIResponseValue('u:bj\u00f6rn'), hex(`${ascii('u:bj')} c3b6 ${ascii('rn')}`));
    assert.equal(decodeWhoAmIResponseValue(hex(`${ascii('u:bj')} c3b6 ${ascii('rn')}`)), 'u:bj\u00f6rn');
  });
  it('anonymous is an empty value; an absent one reads the same', () => {
    assert.deepEqual(encodeWhoAmIResponseValue(''), Buffer.alloc(0));
    assert.equal(decodeWhoAmIResponseValue(Buffer.alloc(0)), '');
    assert.equal(decodeWhoAmIResponseValue(undefined), '');
  });
  it('rejects a response that is not an authzId', () =>
    assertMalformed(() => decodeWhoAmIResponseValue(hex(ascii('cn=admin'))), 'malformed WhoAmI response value: authzId must be empty or start with "dn:" or "u:"'));
  it('has no responseName', () => assert.equal(whoAmIOperation.responseName, undefined));
});

describe('Password Modify (RFC 3062)', () => {
  const requests: [string, PasswordModifyRequestValue, string][] = [
    [
      'all three fields',
      { userIdentity: 'uid=a', oldPassword: Buffer.from('x'), newPassword: Buffer.from('yz') },
      `30 0e 80 05 ${ascii('uid=a')} 81 01 ${ascii('x')} 82 02 ${ascii('yz')}`,
    ],
    ['new password only', { newPassword: Buffer.from('yz') }, `30 04 82 02 ${ascii('yz')}`],
    ['user and a generated password', { userIdentity: 'u:bob' }, `30 07 80 05 ${ascii('u:bob')}`],
    ['old password and an empty new one', { oldPassword: Buffer.from('x'), newPassword: Buffer.alloc(0) }, `30 05 81 01 ${ascii('x')} 82 00`],
    ['binary passwords', { oldPassword: hex('00ff'), newPassword: hex('80') }, '30 07 81 02 00ff 82 01 80'],
  ];
  for (const [name, value, encoding] of requests) {
    it(`request: ${name}`, () => {
      assert.deepEqual(encodePasswordModifyRequestValue(value), hex(encoding));
      assert.deepEqual(decodePasswordModifyRequestValue(hex(encoding)), value);
    });
  }
  it('request: no fields is sent as an absent value; an empty SEQUENCE reads the same', () => {
    assert.equal(encodePasswordModifyRequestValue({}), undefined);
    assert.deepEqual(decodePasswordModifyRequestValue(undefined), {});
    assert.deepEqual(decodePasswordModifyRequestValue(hex('30 00')), {});
  });
  const RL = 'malformed Password Modify request value: ';
  it('request: rejects fields out of order', () =>
    assertMalformed(() => decodePasswordModifyRequestValue(hex(`30 06 82 01 ${ascii('n')} 81 01 ${ascii('o')}`)), `${RL}unexpected field with tag 0x81`));
  it('request: rejects a repeated field', () =>
    assertMalformed(() => decodePasswordModifyRequestValue(hex(`30 06 81 01 ${ascii('a')} 81 01 ${ascii('b')}`)), `${RL}unexpected field with tag 0x81`));
  it('request: rejects a universal OCTET STRING in place of [0]', () =>
    assertMalformed(() => decodePasswordModifyRequestValue(hex(`30 03 04 01 ${ascii('a')}`)), `${RL}unexpected field with tag 0x04`));
  it('request: rejects a value that is not a SEQUENCE', () =>
    assertMalformed(() => decodePasswordModifyRequestValue(hex('04 00')), `${RL}expected sequence tag 0x30, found 0x04 at offset 0`));

  it('response: a generated password', () => {
    assert.deepEqual(encodePasswordModifyResponseValue({ generatedPassword: Buffer.from('abc') }), hex(`30 05 80 03 ${ascii('abc')}`));
    assert.deepEqual(decodePasswordModifyResponseValue(hex(`30 05 80 03 ${ascii('abc')}`)), { generatedPassword: Buffer.from('abc') });
  });
  it('response: no generated password means no value', () => {
    assert.equal(encodePasswordModifyResponseValue({}), undefined);
    assert.deepEqual(decodePasswordModifyResponseValue(undefined), {});
    assert.deepEqual(decodePasswordModifyResponseValue(hex('30 00')), {});
  });
  it('response: rejects an unknown field', () =>
    assertMalformed(
      () => decodePasswordModifyResponseValue(hex(`30 03 81 01 ${ascii('a')}`)),
      'malformed Password Modify response value: 3 unexpected trailing bytes at offset 2',
    ));
  it('has no responseName', () => assert.equal(passwordModifyOperation.responseName, undefined));
});

describe('Cancel (RFC 3909)', () => {
  const vectors: [number, string][] = [
    [5, '30 03 02 01 05'],
    [0, '30 03 02 01 00'],
    [300, '30 04 02 02 012c'],
    [0x7fffffff, '30 06 02 04 7fffffff'],
  ];
  for (const [cancelId, encoding] of vectors) {
    it(`cancelID ${cancelId}`, () => {
      assert.deepEqual(encodeCancelRequestValue({ cancelId }), hex(encoding));
      assert.deepEqual(decodeCancelRequestValue(hex(encoding)), { cancelId });
    });
  }
  const L = 'malformed Cancel request value: ';
  it('rejects an absent value', () => assertMalformed(() => decodeCancelRequestValue(undefined), `${L}the value is absent`));
  it('rejects a negative cancelID', () => assertMalformed(() => decodeCancelRequestValue(hex('30 03 02 01 fb')), `${L}cancelID must be in 0..maxInt, got -5`));
  it('rejects a bare INTEGER', () => assertMalformed(() => decodeCancelRequestValue(hex('02 01 05')), `${L}expected sequence tag 0x30, found 0x02 at offset 0`));
  it('has no response value', () => {
    assert.equal(decodeCancelResponseValue(undefined), undefined);
    assert.equal(cancelOperation.encodeResponseValue(undefined), undefined);
    assertMalformed(() => decodeCancelResponseValue(hex('3000')), 'malformed Cancel response value: a value of 2 bytes is present, but none is allowed');
  });
});

describe('Notice of Disconnection (RFC 4511 §4.4.1)', () => {
  it('is an unsolicited extendedResponse', () => {
    assert.deepEqual(noticeOfDisconnection(2, 'malformed PDU'), {
      type: 'extendedResponse',
      resultCode: 2,
      matchedDN: '',
      diagnosticMessage: 'malformed PDU',
      responseName: '1.3.6.1.4.1.1466.20036',
    });
    assert.equal(NOTICE_OF_DISCONNECTION_MESSAGE_ID, 0);
  });
});

describe('ExtendedOperationRegistry', () => {
  it('the default registry holds and advertises StartTLS, WhoAmI, Password Modify and Cancel', () => {
    const registry = createDefaultExtendedOperationRegistry();
    assert.deepEqual(registry.advertised(), [START_TLS_OID, WHO_AM_I_OID, PASSWORD_MODIFY_OID, CANCEL_OID]);
    assert.equal(registry.get(PASSWORD_MODIFY_OID), passwordModifyOperation);
    assert.equal(registry.get(NOTICE_OF_DISCONNECTION_OID), undefined);
    assert.equal(registry.get('1.2.3'), undefined);
  });
  it('refuses a duplicate OID', () => {
    const registry = new ExtendedOperationRegistry();
    registry.register(cancelOperation);
    assert.throws(() => registry.register({ ...cancelOperation, name: 'again' }), { message: `extended operation ${CANCEL_OID} (again) is already registered` });
  });
  it('does not advertise a hidden operation', () => {
    const registry = new ExtendedOperationRegistry();
    registry.register({ ...whoAmIOperation, advertise: false });
    registry.register(cancelOperation);
    assert.deepEqual(registry.advertised(), [CANCEL_OID]);
  });
});
