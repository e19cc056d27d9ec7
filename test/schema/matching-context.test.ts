import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FALSE, TRUE, UNDEFINED, compileFilter, evaluateFilter, parseFilter } from '../../src/filter/index.js';
import type { FilterEntry, Tri } from '../../src/filter/index.js';
import { Schema } from '../../src/schema/index.js';

const schema = Schema.createDefault();
const ctx = schema.matchingContext;

/** An entry whose getValues is literal (by description as stored), as a simple backend would be. */
function makeEntry(dn: string, attributes: Record<string, readonly string[]>): FilterEntry {
  const map = new Map(Object.entries(attributes).map(([k, vs]) => [k.toLowerCase(), vs.map((v) => Buffer.from(v))]));
  return { dn, getValues: (a) => map.get(a.toLowerCase()), attributeTypes: () => Object.keys(attributes) };
}

const babs = makeEntry('uid=bjensen,ou=People,dc=example,dc=com', {
  objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'posixAccount'],
  cn: ['Babs Jensen'],
  'cn;lang-fr': ['Barbara Jensen'],
  sn: ['Jensen'],
  uid: ['bjensen'],
  uidNumber: ['10000'],
  gidNumber: ['999'],
  mail: ['BJensen@Example.COM'],
  telephoneNumber: ['+1 408 555 1862'],
  manager: ['cn=Boss, dc=Example,dc=com'],
  seeAlso: ['cn=Friend,dc=example,dc=com'],
  createTimestamp: ['20240101120000Z'],
  description: ['likes  tea'],
});

const run = (text: string, entry: FilterEntry = babs): Tri => evaluateFilter(parseFilter(text), entry, ctx);

const CASES: readonly (readonly [string, Tri])[] = [
  // equality per attribute rule
  ['(cn=babs jensen)', TRUE],
  ['(CommonName=BABS  JENSEN)', TRUE],
  ['(2.5.4.3=babs jensen)', TRUE],
  ['(mail=bjensen@example.com)', TRUE],
  ['(telephoneNumber=+14085551862)', TRUE],
  ['(manager=CN=boss,DC=example,DC=com)', TRUE],
  ['(objectClass=INETORGPERSON)', TRUE],
  ['(objectClass=2.16.840.1.113730.3.2.2)', TRUE],
  ['(objectClass=device)', FALSE],
  ['(uidNumber=10000)', TRUE],
  ['(uidNumber=abc)', UNDEFINED],
  ['(uidNumber=+10000)', UNDEFINED],
  ['(noSuchAttribute=x)', UNDEFINED],
  ['(userPassword=x)', FALSE],
  // subtypes (RFC 4512 §2.5.1): name is a supertype of cn and sn; options
  ['(name=jensen)', TRUE],
  ['(name=babs jensen)', TRUE],
  ['(name=barbara jensen)', TRUE],
  ['(name=bjensen)', FALSE],
  ['(cn=barbara jensen)', TRUE],
  ['(cn;lang-fr=barbara jensen)', TRUE],
  ['(cn;lang-fr=babs jensen)', FALSE],
  ['(commonName;lang-fr=barbara jensen)', TRUE],
  ['(distinguishedName=CN=friend,dc=example,dc=com)', TRUE],
  ['(distinguishedName=cn=boss,dc=example,dc=com)', FALSE], // manager (RFC 4524) is not a subtype of distinguishedName
  ['(name=*)', TRUE],
  // ordering
  ['(uidNumber>=1000)', TRUE],
  ['(gidNumber>=1000)', FALSE],
  ['(gidNumber<=1000)', TRUE],
  ['(uidNumber<=9999)', FALSE],
  ['(createTimestamp>=20240101110000Z)', TRUE],
  ['(createTimestamp>=20240101130000+0200)', TRUE],
  ['(createTimestamp<=20240101115959Z)', FALSE],
  ['(cn>=a)', UNDEFINED], // cn has no ORDERING rule
  // substrings
  ['(cn=BABS*)', TRUE],
  ['(cn=*jen*)', TRUE],
  ['(cn=babs j*sen)', TRUE],
  ['(cn=babsj*)', FALSE],
  ['(description=likes tea*)', TRUE],
  ['(mail=*@EXAMPLE.com)', TRUE],
  ['(telephoneNumber=*555-18*)', TRUE],
  ['(uidNumber=1*)', UNDEFINED], // no SUBSTR rule
  // extensible match
  ['(cn:caseExactMatch:=Babs Jensen)', TRUE],
  ['(cn:caseExactMatch:=babs jensen)', FALSE],
  ['(cn:2.5.13.5:=Babs Jensen)', TRUE],
  ['(uidNumber:integerOrderingMatch:=20000)', TRUE],
  ['(uidNumber:caseIgnoreMatch:=10000)', UNDEFINED], // rule does not apply to INTEGER
  ['(cn:caseIgnoreSubstringsMatch:=\\2ajen\\2a)', TRUE],
  ['(cn:caseIgnoreSubstringsMatch:=\\2axyz\\2a)', FALSE],
  ['(cn:=BABS JENSEN)', TRUE],
  ['(ou:dn:=people)', TRUE],
  ['(:dn:caseIgnoreMatch:=People)', TRUE],
  ['(dc:dn:=example)', TRUE],
  ['(o:dn:=example)', FALSE],
];

test('the schema MatchingContext drives evaluateFilter with per-attribute rules, subtypes and extensible matches', () => {
  for (const [filter, expected] of CASES) assert.equal(run(filter), expected, filter);
});

test('compileFilter with the schema context across many entries', () => {
  const compiled = compileFilter(parseFilter('(&(objectClass=posixAccount)(uidNumber>=1000))'), ctx);
  const entries = [999, 1000, 10000, 65534].map((n) => makeEntry(`uid=u${n},dc=x`, { objectClass: ['posixAccount', 'account'], uidNumber: [String(n)] }));
  assert.deepEqual(entries.map(compiled), [FALSE, TRUE, TRUE, TRUE]);
});

test('isSubtype: SUP chains, options and alias spellings', () => {
  const isSubtype = ctx.isSubtype as (a: string, b: string) => boolean;
  assert.equal(isSubtype('cn', 'name'), true);
  assert.equal(isSubtype('sn;lang-de', 'name'), true);
  assert.equal(isSubtype('member', 'distinguishedName'), true);
  assert.equal(isSubtype('name', 'cn'), false);
  assert.equal(isSubtype('cn', 'cn'), false);
  assert.equal(isSubtype('cn;lang-en', 'cn'), true);
  assert.equal(isSubtype('cn', 'cn;lang-en'), false);
  assert.equal(isSubtype('commonName', 'cn'), true, 'same type spelt differently: the evaluator must look there too');
  assert.equal(isSubtype('mail', 'name'), false);
  assert.equal(isSubtype('x-unknown;a', 'x-unknown'), true);
  assert.equal(ctx.matchingRule('nonsenseMatch'), undefined);
  assert.equal(ctx.equality('cn;lang-en'), schema.attributeType('cn')?.equality);
});
