import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ascii, assertMalformed, hex } from '../helpers/protocol-assert.js';
import {
  MANAGE_DSA_IT_OID,
  PASSWORD_POLICY_OID,
  PROXIED_AUTHZ_OID,
  PasswordPolicyErrorCode,
  decodeManageDsaItValue,
  decodePasswordPolicyRequestValue,
  decodePasswordPolicyResponseValue,
  decodePostReadRequestValue,
  decodePostReadResponseValue,
  decodePreReadRequestValue,
  decodePreReadResponseValue,
  decodeProxiedAuthzValue,
  encodePasswordPolicyResponseValue,
  encodeProxiedAuthzValue,
  encodeReadEntryRequestValue,
  encodeReadEntryResponseValue,
  makeRequestControl,
  makeResponseControl,
  manageDsaItControl,
  passwordPolicyControl,
  postReadControl,
  preReadControl,
  proxiedAuthzControl,
} from '../../src/protocol/controls/index.js';
import type { PasswordPolicyResponseValue, ReadEntryValue } from '../../src/protocol/controls/index.js';



describe('pre-read and post-read (RFC 4527)', () => {
  const selection = `30 08 04 02 ${ascii('cn')} 04 02 ${ascii('sn')}`;
  const entry: ReadEntryValue = { objectName: 'cn=a', attributes: [{ type: 'cn', values: [Buffer.from('a')] }] };
  const entryHex = `64 13 04 04 ${ascii('cn=a')} 30 0b 30 09 04 02 ${ascii('cn')} 31 03 04 01 ${ascii('a')}`;
  it('request: AttributeSelection', () => {
    assert.deepEqual(encodeReadEntryRequestValue(['cn', 'sn']), hex(selection));
    assert.deepEqual(decodePreReadRequestValue(hex(selection)), ['cn', 'sn']);
    assert.deepEqual(decodePostReadRequestValue(hex(selection)), ['cn', 'sn']);
    assert.deepEqual(encodeReadEntryRequestValue([]), hex('30 00'));
    assert.deepEqual(decodePreReadRequestValue(hex('30 00')), []);
  });
  it('response: a SearchResultEntry', () => {
    assert.deepEqual(encodeReadEntryResponseValue(entry), hex(entryHex));
    assert.deepEqual(decodePreReadResponseValue(hex(entryHex)), entry);
    assert.deepEqual(decodePostReadResponseValue(hex(entryHex)), entry);
  });
  it('response: an entry with no attributes and a multi-valued one', () => {
    const value: ReadEntryValue = {
      objectName: '',
      attributes: [{ type: 'o', values: [] }, { type: 'ou', values: [Buffer.from('x'), Buffer.from('y')] }],
    };
    const encoding = `64 19 04 00 30 15 30 05 04 01 ${ascii('o')} 31 00 30 0c 04 02 ${ascii('ou')} 31 06 04 01 ${ascii('x')} 04 01 ${ascii('y')}`;
    assert.deepEqual(encodeReadEntryResponseValue(value), hex(encoding));
    assert.deepEqual(decodePostReadResponseValue(hex(encoding)), value);
  });
  it('response: rejects a plain SEQUENCE in place of [APPLICATION 4]', () =>
    assertMalformed(
      () => decodePreReadResponseValue(hex(entryHex.replace(/^64/, '30'))),
      'malformed pre-read response control value: expected sequence tag 0x64, found 0x30 at offset 0',
    ));
  it('request: rejects an absent value', () =>
    assertMalformed(() => decodePostReadRequestValue(undefined), 'malformed post-read request control value: the value is absent'));
  it('apply where RFC 4527 says', () => {
    assert.deepEqual([...preReadControl.appliesTo].sort(), ['delRequest', 'modifyDNRequest', 'modifyRequest']);
    assert.deepEqual([...postReadControl.appliesTo].sort(), ['addRequest', 'modifyDNRequest', 'modifyRequest']);
  });
});

describe('ManageDsaIT (RFC 3296)', () => {
  it('has no value', () => {
    assert.equal(decodeManageDsaItValue(undefined), undefined);
    assert.deepEqual(makeRequestControl(manageDsaItControl, undefined, true), { oid: MANAGE_DSA_IT_OID, critical: true });
  });
  it('rejects a value, even an empty one', () => {
    assertMalformed(() => decodeManageDsaItValue(Buffer.alloc(0)), 'malformed ManageDsaIT control value: a value of 0 bytes is present, but none is allowed');
    assertMalformed(() => decodeManageDsaItValue(hex('0500')), 'malformed ManageDsaIT control value: a value of 2 bytes is present, but none is allowed');
  });
});

describe('proxied authorization v2 (RFC 4370)', () => {
  const vectors: [string, string][] = [
    ['dn:cn=admin,dc=example,dc=com', ascii('dn:cn=admin,dc=example,dc=com')],
    ['u:alice', ascii('u:alice')],
    ['', ''],
    ['dn:cn=J\u00fcrgen', `${ascii('dn:cn=J')} c3bc ${ascii('rgen')}`],
  ];
  for (const [authzId, encoding] of vectors) {
    it(`"${authzId}" is raw UTF-8, not BER`, () => {
      assert.deepEqual(encodeProxiedAuthzValue(authzId), hex(encoding));
      assert.equal(decodeProxiedAuthzValue(hex(encoding)), authzId);
    });
  }
  const L = 'malformed proxied authorization control value: ';
  it('rejects an absent value', () => assertMalformed(() => decodeProxiedAuthzValue(undefined), `${L}the value is absent`));
  it('rejects a BER-wrapped authzId', () =>
    assertMalformed(() => decodeProxiedAuthzValue(hex(`04 04 ${ascii('u:al')}`)), `${L}authzId must be empty or start with "dn:" or "u:"`));
  it('rejects invalid UTF-8', () => assertMalformed(() => decodeProxiedAuthzValue(hex(`${ascii('u:')} ff`)), `${L}the value is not valid UTF-8`));
  it('is built critical by default', () => {
    assert.deepEqual(makeRequestControl(proxiedAuthzControl, 'u:alice'), { oid: PROXIED_AUTHZ_OID, critical: true, value: Buffer.from('u:alice') });
  });
});

describe('password policy (draft-behera-ldap-password-policy-11 §6)', () => {
  it('request has no value', () => {
    assert.equal(decodePasswordPolicyRequestValue(undefined), undefined);
    assertMalformed(
      () => decodePasswordPolicyRequestValue(hex('3000')),
      'malformed password policy request control value: a value of 2 bytes is present, but none is allowed',
    );
  });
  const vectors: [string, PasswordPolicyResponseValue, string][] = [
    ['nothing to report', {}, '30 00'],
    ['timeBeforeExpiration 3600', { warning: { type: 'timeBeforeExpiration', value: 3600 } }, '30 06 a0 04 80 02 0e10'],
    ['graceAuthNsRemaining 2', { warning: { type: 'graceAuthNsRemaining', value: 2 } }, '30 05 a0 03 81 01 02'],
    ['accountLocked', { error: 'accountLocked' }, '30 03 81 01 01'],
    ['passwordInHistory', { error: 'passwordInHistory' }, '30 03 81 01 08'],
    [
      'warning and error together',
      { warning: { type: 'timeBeforeExpiration', value: 0 }, error: 'passwordExpired' },
      '30 08 a0 03 80 01 00 81 01 00',
    ],
  ];
  for (const [name, value, encoding] of vectors) {
    it(`response: ${name}`, () => {
      assert.deepEqual(encodePasswordPolicyResponseValue(value), hex(encoding));
      assert.deepEqual(decodePasswordPolicyResponseValue(hex(encoding)), value);
    });
  }
  it('response: the error table matches the draft', () => {
    assert.deepEqual(Object.entries(PasswordPolicyErrorCode).map(([name, code]) => `${code}:${name}`), [
      '0:passwordExpired', '1:accountLocked', '2:changeAfterReset', '3:passwordModNotAllowed', '4:mustSupplyOldPassword',
      '5:insufficientPasswordQuality', '6:passwordTooShort', '7:passwordTooYoung', '8:passwordInHistory',
    ]);
  });
  const L = 'malformed password policy response control value: ';
  it('response: rejects an undefined error', () => assertMalformed(() => decodePasswordPolicyResponseValue(hex('30 03 81 01 09')), `${L}password policy error 9 is not defined`));
  it('response: rejects an unknown warning choice', () =>
    assertMalformed(() => decodePasswordPolicyResponseValue(hex('30 05 a0 03 82 01 00')), `${L}unknown warning choice 0x82`));
  it('response: rejects a negative warning', () =>
    assertMalformed(() => decodePasswordPolicyResponseValue(hex('30 05 a0 03 81 01 ff')), `${L}graceAuthNsRemaining must be in 0..maxInt, got -1`));
  it('response: rejects an implicitly tagged warning (the CHOICE tag is explicit)', () =>
    assertMalformed(() => decodePasswordPolicyResponseValue(hex('30 03 80 01 05')), `${L}3 unexpected trailing bytes at offset 2`));
  it('response: rejects error before warning', () =>
    assertMalformed(() => decodePasswordPolicyResponseValue(hex('30 08 81 01 00 a0 03 80 01 00')), `${L}5 unexpected trailing bytes at offset 5`));
  it('request and response controls share one definition', () => {
    assert.deepEqual(makeResponseControl(passwordPolicyControl, { error: 'accountLocked' }), {
      oid: PASSWORD_POLICY_OID,
      critical: false,
      value: hex('30 03 81 01 01'),
    });
    assert.deepEqual(makeRequestControl(passwordPolicyControl, undefined), { oid: PASSWORD_POLICY_OID, critical: false });
  });
});
