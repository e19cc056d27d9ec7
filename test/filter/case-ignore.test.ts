import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FALSE, TRUE, UNDEFINED, caseIgnoreMatchingContext, evaluateFilter, parseFilter } from '../../src/filter/index.js';
import type { FilterEntry, Tri } from '../../src/filter/index.js';

function makeEntry(attributes: Record<string, readonly (string | Buffer)[]>): FilterEntry {
  const map = new Map(Object.entries(attributes).map(([k, vs]) => [k.toLowerCase(), vs.map((v) => Buffer.from(v))]));
  return { dn: 'cn=test', getValues: (a) => map.get(a.toLowerCase()), attributeTypes: () => Object.keys(attributes) };
}

const babs = makeEntry({
  cn: ['Babs  Jensen', 'Barbara J. Jensen'],
  sn: ['Jensen'],
  o: ['univ of mich'],
  description: ['foo bar'],
  nickname: ['foobar'],
  mail: [Buffer.from([0xff, 0x41])],
  age: ['m'],
  seeAlso: [''],
  x: ['Ｆｕｌｌ\u00a0width\u00ad'],
});

const run = (text: string): Tri => evaluateFilter(parseFilter(text), babs, caseIgnoreMatchingContext);

test('caseIgnoreMatchingContext: equality folds case and insignificant spaces (RFC 4518)', () => {
  const cases: readonly (readonly [string, Tri])[] = [
    ['(cn=babs jensen)', TRUE],
    ['(cn=  BABS   JENSEN )', TRUE],
    ['(cn=Babs)', FALSE],
    ['(CN=babs jensen)', TRUE],
    ['(sn=JENSEN)', TRUE],
    ['(x=full width)', TRUE], // NFKC, NBSP → SPACE, soft hyphen dropped
    ['(seeAlso=)', TRUE],
    ['(missing=x)', FALSE], // every type is known here: absent → FALSE
    ['(cn=\\ff)', UNDEFINED], // not UTF-8: invalid Directory String
    ['(mail=A)', UNDEFINED], // the only stored value is not UTF-8
    ['(mail=*)', TRUE],
  ];
  for (const [text, expected] of cases) assert.equal(run(text), expected, text);
});

test('caseIgnoreMatchingContext: substrings with RFC 4518 §2.6.1 space handling', () => {
  const cases: readonly (readonly [string, Tri])[] = [
    ['(cn=BABS*)', TRUE],
    ['(cn=*JENSEN)', TRUE],
    ['(cn=babs j*)', TRUE],
    ['(cn=*s j*)', TRUE],
    ['(cn=*j.*)', TRUE],
    ['(o=univ*of*mich)', TRUE],
    ['(o=univ*mich*of)', FALSE],
    ['(description=foo *)', TRUE],
    ['(nickname=foo *)', FALSE], // "foo " ends a word
    ['(nickname=foo*)', TRUE],
    ['(description=* bar)', TRUE],
    ['(nickname=* bar)', FALSE],
    ['(nickname=*o b*)', FALSE],
    ['(description=*o b*)', TRUE],
    ['(description=foo**bar)', TRUE],
    ['(nickname=foo**bar)', TRUE],
    ['(cn=*\\ff*)', UNDEFINED],
  ];
  for (const [text, expected] of cases) assert.equal(run(text), expected, text);
});

test('caseIgnoreMatchingContext: ordering and extensible rules by name and OID', () => {
  const cases: readonly (readonly [string, Tri])[] = [
    ['(age>=M)', TRUE],
    ['(age>=n)', FALSE],
    ['(age<=M)', TRUE],
    ['(age<=l)', FALSE],
    ['(sn:caseExactMatch:=Jensen)', TRUE],
    ['(sn:caseExactMatch:=jensen)', FALSE],
    ['(sn:2.5.13.5:=Jensen)', TRUE],
    ['(sn:CASEEXACTMATCH:=Jensen)', TRUE], // descriptors are case-insensitive
    ['(sn:caseIgnoreMatch:=JENSEN)', TRUE],
    ['(sn:2.5.13.2:=JENSEN)', TRUE],
    ['(sn:=jensen)', TRUE],
    ['(age:caseIgnoreOrderingMatch:=N)', TRUE], // "m" < "n"
    ['(age:2.5.13.3:=M)', FALSE],
    ['(age:caseExactOrderingMatch:=n)', TRUE],
    ['(sn:octetStringMatch:=Jensen)', TRUE],
    ['(sn:2.5.13.17:=jensen)', FALSE],
    ['(mail:octetStringMatch:=\\ffA)', TRUE],
    ['(:caseExactMatch:=Jensen)', TRUE], // rule only: all attributes
    ['(:caseExactMatch:=Nobody)', UNDEFINED], // no match, and mail's value is not UTF-8: undecidable
    ['(:caseExactMatch:=\\ff)', UNDEFINED],
    ['(sn:noSuchRule:=x)', UNDEFINED],
    ['(sn:dn:caseIgnoreMatch:=jensen)', TRUE], // no DN AVAs in the default context: attributes only
  ];
  for (const [text, expected] of cases) assert.equal(run(text), expected, text);
});

test('caseIgnoreMatchingContext.isSubtype follows attribute options', () => {
  const isSubtype = caseIgnoreMatchingContext.isSubtype;
  assert.ok(isSubtype);
  assert.equal(isSubtype('cn;lang-en', 'cn'), true);
  assert.equal(isSubtype('CN;Lang-EN', 'cn'), true);
  assert.equal(isSubtype('cn;lang-en;x', 'cn;x'), true);
  assert.equal(isSubtype('cn', 'cn'), false);
  assert.equal(isSubtype('cn', 'cn;lang-en'), false);
  assert.equal(isSubtype('sn;lang-en', 'cn'), false);
  assert.equal(isSubtype('cn;a;b', 'cn;c'), false);
});
