import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LdapError, ResultCode } from '../../src/errors/index.js';
import { Schema } from '../../src/schema/index.js';
import type { EqualityMatchingRule, OrderingMatchingRule, SubstringsMatchingRule } from '../../src/schema/index.js';

const schema = Schema.createDefault();
const b = (text: string | Buffer): Buffer => (typeof text === 'string' ? Buffer.from(text, 'utf8') : text);

function equality(name: string): EqualityMatchingRule {
  const rule = schema.matchingRule(name);
  assert.equal(rule?.usage, 'equality', name);
  return rule as EqualityMatchingRule;
}

function ordering(name: string): OrderingMatchingRule {
  const rule = schema.matchingRule(name);
  assert.equal(rule?.usage, 'ordering', name);
  return rule as OrderingMatchingRule;
}

function substrings(name: string): SubstringsMatchingRule {
  const rule = schema.matchingRule(name);
  assert.equal(rule?.usage, 'substrings', name);
  return rule as SubstringsMatchingRule;
}

const invalid = (error: unknown): boolean => error instanceof LdapError && error.resultCode === ResultCode.invalidAttributeSyntax;

/** [rule, a, b, equal?] — examples from RFC 4517 §4.2 and RFC 4518. */
const EQUALITY: readonly (readonly [string, string | Buffer, string | Buffer, boolean])[] = [
  ['caseIgnoreMatch', 'Babs Jensen', '  babs   JENSEN ', true],
  ['caseIgnoreMatch', 'Straße', 'STRASSE', true],
  ['caseIgnoreMatch', 'Ｆｕｌｌ\u00a0width', 'full width', true],
  ['caseIgnoreMatch', 'soft\u00adhyphen', 'softhyphen', true],
  ['caseIgnoreMatch', 'tab\there', 'tab here', true],
  ['caseIgnoreMatch', 'é', 'e\u0301', true],
  ['caseIgnoreMatch', 'É', 'é', true],
  ['caseIgnoreMatch', 'foo', 'foo bar', false],
  ['caseExactMatch', 'Babs  Jensen ', 'Babs Jensen', true],
  ['caseExactMatch', 'Babs', 'babs', false],
  ['caseIgnoreIA5Match', 'User@Example.COM', 'user@example.com', true],
  ['caseExactIA5Match', '/home/Jdoe', '/home/jdoe', false],
  ['caseExactIA5Match', '/home/jdoe', '/home/jdoe', true],
  ['telephoneNumberMatch', '+1 555-0100', '+15550100', true],
  ['telephoneNumberMatch', '+1 555 0100', '+1 555 0101', false],
  ['numericStringMatch', '123 456', '123456', true],
  ['numericStringMatch', '123', '1234', false],
  ['distinguishedNameMatch', 'CN=Foo, DC=x', 'cn=foo,dc=x', true],
  ['distinguishedNameMatch', 'commonName=Foo  Bar,dc=X', 'cn=foo bar,dc=x', true],
  ['distinguishedNameMatch', '2.5.4.3=foo,dc=x', 'cn=FOO,dc=x', true],
  ['distinguishedNameMatch', 'uid=a+cn=b,dc=x', 'CN=B+UID=A,dc=x', true],
  ['distinguishedNameMatch', 'cn=foo,dc=x', 'cn=foo,dc=y', false],
  ['distinguishedNameMatch', 'uidNumber=0010,dc=x', 'uidnumber=0010,dc=x', true],
  ['uniqueMemberMatch', "CN=Foo,DC=x#'0101'B", "cn=foo,dc=x#'0101'B", true],
  ['uniqueMemberMatch', "cn=foo,dc=x#'0101'B", "cn=foo,dc=x#'0100'B", false],
  ['uniqueMemberMatch', 'cn=foo,dc=x', 'CN=FOO,DC=X', true],
  ['generalizedTimeMatch', '199412161032Z', '199412160532-0500', true],
  ['generalizedTimeMatch', '1994121610Z', '199412161000Z', true],
  ['generalizedTimeMatch', '199412161032.5Z', '19941216103230Z', true],
  ['generalizedTimeMatch', '1994121610.5Z', '199412161030Z', true],
  ['generalizedTimeMatch', '20240101000000,25Z', '20240101000000.250Z', true],
  ['generalizedTimeMatch', '199412161032Z', '199412161033Z', false],
  ['integerMatch', '-42', '-42', true],
  ['integerMatch', '42', '43', false],
  ['booleanMatch', 'TRUE', 'TRUE', true],
  ['booleanMatch', 'TRUE', 'FALSE', false],
  ['objectIdentifierMatch', 'person', '2.5.6.6', true],
  ['objectIdentifierMatch', 'Person', 'PERSON', true],
  ['objectIdentifierMatch', 'cn', '2.5.4.3', true],
  ['objectIdentifierMatch', 'caseIgnoreMatch', '2.5.13.2', true],
  ['objectIdentifierMatch', 'person', 'device', false],
  ['objectIdentifierMatch', 'noSuchThing', 'NOSUCHTHING', true],
  ['octetStringMatch', 'secret', 'secret', true],
  ['octetStringMatch', 'secret', 'Secret', false],
  ['octetStringMatch', Buffer.from([0xff, 0x00]), Buffer.from([0xff, 0x00]), true],
  ['uuidMatch', '597AE2F6-16A6-1027-98F4-ABCDEFABCDEF', '597ae2f6-16a6-1027-98f4-abcdefabcdef', true],
  ['caseIgnoreListMatch', 'Main St$Springfield', 'main st $ SPRINGFIELD', true],
  ['caseIgnoreListMatch', 'a\\24b$c', 'A\\24B$C', true],
  ['caseIgnoreListMatch', 'a$b', 'a b', false],
  ['bitStringMatch', "'0101'B", "'0101'B", true],
  ['objectIdentifierFirstComponentMatch', "( 2.5.4.3 NAME 'cn' SUP name )", '2.5.4.3', true],
  ['objectIdentifierFirstComponentMatch', "( 2.5.4.3 NAME 'cn' SUP name )", 'cn', true],
  ['integerFirstComponentMatch', "( 1 NAME 'rule' FORM f )", '1', true],
];

test('equality rules: RFC 4517 §4.2 and RFC 4518 examples', () => {
  for (const [name, x, y, expected] of EQUALITY) {
    const rule = equality(name);
    assert.equal(rule.equals(rule.normalize(b(x)), rule.normalize(b(y))), expected, `${name}: ${String(x)} vs ${String(y)}`);
  }
});

/** Values each rule refuses (Undefined in a filter, invalidAttributeSyntax as an equality key). */
const INVALID: readonly (readonly [string, string | Buffer])[] = [
  ['integerMatch', '+1'],
  ['integerMatch', '-0'],
  ['integerMatch', '01'],
  ['integerMatch', '1.5'],
  ['integerMatch', ''],
  ['booleanMatch', 'true'],
  ['generalizedTimeMatch', '19941216Z'],
  ['generalizedTimeMatch', '199413161032Z'],
  ['generalizedTimeMatch', '199402301032Z'],
  ['generalizedTimeMatch', '199412162532Z'],
  ['generalizedTimeMatch', '199412161032'],
  ['distinguishedNameMatch', 'cn=a,,dc=b'],
  ['distinguishedNameMatch', Buffer.from([0xff])],
  ['caseIgnoreMatch', Buffer.from([0xc3, 0x28])],
  ['caseIgnoreIA5Match', 'café'],
  ['numericStringMatch', '12a'],
  ['uuidMatch', 'not-a-uuid'],
  ['objectIdentifierMatch', '1.02'],
  ['objectIdentifierMatch', 'a_b'],
  ['bitStringMatch', "'012'B"],
];

test('equality rules refuse values invalid for their syntax with invalidAttributeSyntax', () => {
  for (const [name, value] of INVALID) {
    assert.throws(() => equality(name).normalize(b(value)), invalid, `${name}: ${String(value)}`);
  }
  assert.equal(equality('generalizedTimeMatch').normalize(b('20240229235960Z')), '20240301000000Z', 'leap second');
  assert.equal(equality('generalizedTimeMatch').normalize(b('00010101000000+0100')), '00001231230000Z');
});

test('ordering rules', () => {
  const cases: readonly (readonly [string, string, string, number])[] = [
    ['integerOrderingMatch', '999', '1000', -1],
    ['integerOrderingMatch', '10000', '1000', 1],
    ['integerOrderingMatch', '-5', '3', -1],
    ['integerOrderingMatch', '123456789012345678901234567890', '123456789012345678901234567891', -1],
    ['caseIgnoreOrderingMatch', 'apple', 'BANANA', -1],
    ['caseIgnoreOrderingMatch', ' Apple ', 'apple', 0],
    ['caseExactOrderingMatch', 'B', 'a', -1],
    ['numericStringOrderingMatch', '1 2', '13', -1],
    ['generalizedTimeOrderingMatch', '199412161032Z', '199412160533-0500', -1],
    ['generalizedTimeOrderingMatch', '20240101000000.1Z', '20240101000000Z', 1],
    ['octetStringOrderingMatch', 'a', 'b', -1],
    ['uuidOrderingMatch', '00000000-0000-0000-0000-00000000000A', '00000000-0000-0000-0000-00000000000b', -1],
  ];
  for (const [name, x, y, sign] of cases) {
    const rule = ordering(name);
    assert.equal(Math.sign(rule.compare(rule.normalize(b(x)), rule.normalize(b(y)))), sign, `${name}: ${x} vs ${y}`);
  }
  assert.throws(() => ordering('integerOrderingMatch').normalize(b('+1')), invalid);
});

test('substrings rules: RFC 4518 §2.6.1 spacing, telephone and numeric stripping', () => {
  const ci = substrings('caseIgnoreSubstringsMatch');
  assert.equal(ci.normalizeValue(b('  Babs   JENSEN ')), ' babs  jensen ');
  assert.equal(ci.normalizeSubstring(b('Babs '), 'initial'), ' babs ');
  assert.equal(ci.normalizeSubstring(b('JEN'), 'any'), 'jen');
  assert.equal(ci.normalizeSubstring(b('sen'), 'final'), 'sen ');
  assert.equal(substrings('caseExactSubstringsMatch').normalizeValue(b('Babs')), ' Babs ');
  assert.equal(substrings('telephoneNumberSubstringsMatch').normalizeValue(b('+1 555-0100')), '+15550100');
  assert.equal(substrings('telephoneNumberSubstringsMatch').normalizeSubstring(b('555-01'), 'any'), '55501');
  assert.equal(substrings('numericStringSubstringsMatch').normalizeValue(b('12 34')), '1234');
  assert.equal(substrings('caseIgnoreIA5SubstringsMatch').normalizeValue(b('USER@Example')), ' user@example ');
  assert.equal(substrings('caseExactIA5SubstringsMatch').normalizeValue(b('USER')), ' USER ');
  assert.equal(substrings('octetStringSubstringsMatch').normalizeValue(Buffer.from([0x41, 0xff])), 'A\u00ff');
  assert.throws(() => substrings('caseIgnoreIA5SubstringsMatch').normalizeValue(b('café')), invalid);
});

test('equalityKey and substringKey through attribute types', () => {
  assert.equal(schema.equalityKey('cn', b('  Babs   JENSEN ')), 'babs jensen');
  assert.equal(schema.equalityKey('CN;lang-en', b('Babs')), 'babs');
  assert.equal(schema.equalityKey('commonName', b('Élise')), 'élise');
  assert.equal(schema.equalityKey('member', b('CN=Foo, DC=Example')), 'cn=foo,dc=example');
  assert.equal(schema.equalityKey('objectClass', b('inetOrgPerson')), '2.16.840.1.113730.3.2.2');
  assert.equal(schema.equalityKey('uidNumber', b('1000')), '1000');
  assert.equal(schema.equalityKey('telephoneNumber', b('+1 555-0100')), '+15550100');
  assert.equal(schema.equalityKey('createTimestamp', b('20240101120000+0200')), '20240101100000Z');
  assert.equal(schema.equalityKey('jpegPhoto', Buffer.from([0xff, 0xd8, 0xff, 0xe0])), undefined, 'no EQUALITY rule');
  assert.equal(schema.substringKey('cn', b('Babs Jensen')), ' babs  jensen ');
  assert.equal(schema.substringKey('uidNumber', b('1000')), undefined);
  assert.throws(
    () => schema.equalityKey('uidNumber', b('abc')),
    (e: unknown) => e instanceof LdapError && e.resultCode === 21 && e.message === 'uidNumber: value #0 invalid per INTEGER',
  );
  assert.throws(
    () => schema.equalityKey('cn', b('')),
    (e: unknown) => e instanceof LdapError && e.resultCode === 21 && e.message === 'cn: value #0 invalid per Directory String',
  );
  assert.throws(
    () => schema.equalityKey('noSuchAttr', b('x')),
    (e: unknown) => e instanceof LdapError && e.resultCode === 17 && e.message === "undefined attribute type 'noSuchAttr'",
  );
});

test('valueNormalizer: canonical type names and equality keys inside DNs', () => {
  const n = schema.valueNormalizer;
  assert.equal(n.normalizeType('CommonName'), 'cn');
  assert.equal(n.normalizeType('2.5.4.3'), 'cn');
  assert.equal(n.normalizeType('unknownType'), 'unknowntype');
  assert.equal(n.normalizeValue('cn', b(' Foo  Bar ')), 'foo bar');
  assert.equal(n.normalizeValue('uidNumber', b('abc')), 'abc', 'invalid values fall back and never throw');
  assert.deepEqual(n.normalizeValue('userPassword', b('Secret')), b('Secret'));
});

test('caseIgnore equalityKey: the ASCII fast path agrees with full string preparation', () => {
  // Speed is measured by npm run bench, never asserted in tests; here only the result of the fast path is checked.
  for (let i = 0; i < 1000; i++) {
    const ascii = `  User  Number ${i}   of the EXAMPLE Organisation `;
    assert.equal(schema.equalityKey('cn', Buffer.from(ascii)), `user number ${i} of the example organisation`);
  }
});
