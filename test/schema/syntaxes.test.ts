import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LdapError } from '../../src/errors/index.js';
import { Schema, formatGeneralizedTime, generalizedTimeOf, parseGeneralizedTime } from '../../src/schema/index.js';

const schema = Schema.createDefault();

function syntax(description: string) {
  const found = schema.syntaxes.find((s) => s.description === description);
  assert.ok(found, description);
  return found;
}

/** [syntax, valid values, invalid values] — RFC 4517 §3.3. */
const TABLE: readonly (readonly [string, readonly (string | Buffer)[], readonly (string | Buffer)[]])[] = [
  ['Bit String', ["'0101111101'B", "''B"], ["'012'B", "'01'", '0101']],
  ['Boolean', ['TRUE', 'FALSE'], ['true', 'yes', '']],
  ['Country String', ['US', 'DE'], ['USA', 'U', 'U_']],
  ['DN', ['', 'cn=foo,dc=example', 'UID=jsmith,DC=example,DC=net', 'cn=a\\,b,dc=x'], ['cn=a,,dc=b', 'foo', Buffer.from([0xff])]],
  ['Delivery Method', ['telephone', 'videotex $ telephone', 'any'], ['pigeon', '']],
  ['Directory String', ['Babs', 'Élise', ' '], ['', Buffer.from([0xc3, 0x28])]],
  ['Facsimile Telephone Number', ['+61 3 9896 7801', '+81 3 347 7418$fineResolution'], ['+1 555$bigPaper', '+1 ~555']],
  ['Generalized Time', ['199412161032Z', '199412160532-0500', '1994121610Z', '199412161032.5Z', '20240229000000Z', '19941216103201,123+0130'],
    ['19941216Z', '199412161032', '199413161032Z', '20230229000000Z', '199412161060Z', '199412161032+2400', '199412161032.Z']],
  ['IA5 String', ['user@example.com', ''], ['café']],
  ['INTEGER', ['0', '-1', '1000', '123456789012345678901234567890'], ['+1', '-0', '01', '1.0', '', ' 1', '1e3']],
  ['JPEG', [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00])], [Buffer.from('GIF89a')]],
  ['Name And Optional UID', ["1.3.6.1.4.1.1466.0=#04024869,O=Test,C=GB#'0101'B", 'cn=foo,dc=x'], ["cn=a,,dc=b#'01'B"]],
  ['Numeric String', ['15 079 672 281', '0'], ['12a', '']],
  ['OID', ['1.2.3.4', 'cn', 'id-at-x'], ['1.02', '1', 'a_b', '-x']],
  ['Octet String', [Buffer.from([0, 255]), ''], []],
  ['Postal Address', ['1234 Main St.$Anytown, CA 12345$USA', '\\241,000,000 Sweepstakes$PO Box 1000000$Anytown, CA 12345$USA'], ['a$$b', 'a\\x']],
  ['Printable String', ["This is a PrintableString's example (1+2=3?)"], ['under_score', 'at@sign', '']],
  ['Telephone Number', ['+1 512 315 0280', '+1-512-315-0280'], ['+1 555 #1', '']],
  ['Substring Assertion', ['foo*', '*bar*', 'a*b*c', 'a\\2Ab*'], ['foo', 'a**b']],
  ['UUID', ['597ae2f6-16a6-1027-98f4-abcdefabcdef'], ['597ae2f616a6102798f4abcdefabcdef', '597ae2f6-16a6-1027-98f4-abcdefabcdeg']],
  ['Attribute Type Description', ["( 2.5.4.3 NAME 'cn' SUP name )"], ['( cn )', 'garbage']],
  ['Object Class Description', ["( 2.5.6.0 NAME 'top' ABSTRACT MUST objectClass )"], ['( 2.5.6.0 NAME top )']],
];

test('syntax validators (RFC 4517 §3.3 examples)', () => {
  for (const [name, valid, invalid] of TABLE) {
    const s = syntax(name);
    for (const value of valid) assert.equal(s.validate(Buffer.from(value)), true, `${name} should accept ${String(value)}`);
    for (const value of invalid) assert.equal(s.validate(Buffer.from(value)), false, `${name} should refuse ${String(value)}`);
  }
});

test('binary syntaxes are marked not human-readable', () => {
  assert.equal(syntax('JPEG').humanReadable, false);
  assert.equal(syntax('Certificate').humanReadable, false);
  assert.equal(syntax('Directory String').humanReadable, true);
  assert.equal(syntax('Certificate').validate(Buffer.from([0x30, 0x82])), true);
});

test('validateValue names the attribute, the value index and the syntax', () => {
  const cases: readonly (readonly [string, string, number, string])[] = [
    ['uidNumber', 'abc', 0, 'uidNumber: value #0 invalid per INTEGER'],
    ['uidNumber', '+1', 2, 'uidNumber: value #2 invalid per INTEGER'],
    ['c', 'USA', 0, 'c: value #0 invalid per Country String'],
    ['createTimestamp', 'yesterday', 0, 'createTimestamp: value #0 invalid per Generalized Time'],
    ['mail', 'josé@example.com', 1, 'mail: value #1 invalid per IA5 String'],
    ['member', 'not a dn', 0, 'member: value #0 invalid per DN'],
  ];
  for (const [attribute, value, index, message] of cases) {
    assert.throws(
      () => schema.validateValue(attribute, Buffer.from(value), index),
      (e: unknown) => e instanceof LdapError && e.resultCode === 21 && e.message === message,
      message,
    );
  }
  assert.doesNotThrow(() => schema.validateValue('cn;lang-fr', Buffer.from('Élise')));
});

test('Generalized Time: instants, canonical form, Date conversion', () => {
  assert.equal(parseGeneralizedTime('19700101000000Z'), 0n);
  assert.equal(parseGeneralizedTime('19700101000000.000000001Z'), 1n);
  assert.equal(parseGeneralizedTime('197001010000-0001'), 60_000_000_000n);
  assert.equal(formatGeneralizedTime(parseGeneralizedTime('199412160532-0500') as bigint), '19941216103200Z');
  assert.equal(formatGeneralizedTime(-1n), '19691231235959.999999999Z');
  assert.equal(generalizedTimeOf(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 600))), '20240102030405.6Z');
  assert.equal(parseGeneralizedTime('20240102030405.6Z'), BigInt(Date.UTC(2024, 0, 2, 3, 4, 5, 600)) * 1_000_000n);
});
