import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FilterSyntaxError } from '../../src/errors/index.js';
import {
  escapeFilterValue,
  formatFilter,
  isValidAttributeDescription,
  isValidOid,
  parseFilter,
  utf8SequenceLength,
} from '../../src/filter/index.js';
import type { Filter } from '../../src/filter/index.js';

const hex = (digits: string): Buffer => Buffer.from(digits, 'hex');

test('escapeFilterValue: RFC 4515 §3 specials, controls and non-UTF-8 bytes, lowercase hex', () => {
  const cases: readonly (readonly [Buffer | string, string])[] = [
    ['', ''],
    ['plain text', 'plain text'],
    ['a*b(c)d\\e', 'a\\2ab\\28c\\29d\\5ce'],
    [hex('00'), '\\00'],
    ['line\r\nbreak\ttab\u007f', 'line\\0d\\0abreak\\09tab\\7f'],
    ['Lučić', 'Lučić'],
    ['😀', '😀'],
    [hex('ff'), '\\ff'],
    [hex('c0af'), '\\c0\\af'], // overlong '/'
    [hex('eda080'), '\\ed\\a0\\80'], // UTF-8 encoded surrogate U+D800
    [hex('f4908080'), '\\f4\\90\\80\\80'], // above U+10FFFF
    [hex('e282'), '\\e2\\82'], // truncated sequence
    [hex('41c3'), 'A\\c3'],
    [hex('c3a9ff41'), 'é\\ffA'],
    [hex('80'), '\\80'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(escapeFilterValue(input), expected, JSON.stringify(input));
  }
});

test('utf8SequenceLength follows RFC 3629 §4', () => {
  assert.equal(utf8SequenceLength(hex('41'), 0), 1);
  assert.equal(utf8SequenceLength(hex('c3a9'), 0), 2);
  assert.equal(utf8SequenceLength(hex('c1bf'), 0), 0);
  assert.equal(utf8SequenceLength(hex('e0a080'), 0), 3);
  assert.equal(utf8SequenceLength(hex('e09f80'), 0), 0);
  assert.equal(utf8SequenceLength(hex('ed9fbf'), 0), 3);
  assert.equal(utf8SequenceLength(hex('f0908080'), 0), 4);
  assert.equal(utf8SequenceLength(hex('f08f8080'), 0), 0);
  assert.equal(utf8SequenceLength(hex('f48fbfbf'), 0), 4);
  assert.equal(utf8SequenceLength(hex('f5808080'), 0), 0);
  assert.equal(utf8SequenceLength(hex(''), 0), 0);
});

test('attribute description and OID grammar (RFC 4512 §1.4, §2.5)', () => {
  for (const ok of ['cn', 'CN', 'x-my-attr', 'cn;lang-en', 'cn;lang-en;binary', '2.5.4.3', '0.0', '1.3.6.1.4.1.1466.0', '2.5.4.3;x']) {
    assert.equal(isValidAttributeDescription(ok), true, ok);
  }
  for (const bad of ['', 'c n', '1cn', '-cn', 'cn;', ';x', '1', '1.', '.1', '1.02', '01.2', 'cn_x', 'cn;a_b', 'é']) {
    assert.equal(isValidAttributeDescription(bad), false, bad);
  }
  assert.equal(isValidOid('caseExactMatch'), true);
  assert.equal(isValidOid('2.5.13.5'), true);
  assert.equal(isValidOid('cn;x'), false);
});

test('formatFilter writes every choice canonically', () => {
  const v = (text: string): Buffer => Buffer.from(text, 'utf8');
  const filter: Filter = {
    type: 'and',
    filters: [
      { type: 'or', filters: [] },
      { type: 'not', filter: { type: 'present', attribute: 'cn' } },
      { type: 'equality', attribute: 'cn', value: v('a)b') },
      { type: 'approxMatch', attribute: 'cn', value: v('x') },
      { type: 'greaterOrEqual', attribute: 'n', value: v('1') },
      { type: 'lessOrEqual', attribute: 'n', value: v('9') },
      { type: 'substrings', attribute: 'cn', initial: v('*'), any: [v(''), v('m')], final: v('\\') },
      { type: 'extensibleMatch', attribute: 'cn', matchingRule: '2.5.13.5', value: hex('00ff'), dnAttributes: true },
      { type: 'extensibleMatch', matchingRule: 'caseIgnoreMatch', value: v(''), dnAttributes: false },
    ],
  };
  const text = '(&(|)(!(cn=*))(cn=a\\29b)(cn~=x)(n>=1)(n<=9)(cn=\\2a**m*\\5c)(cn:dn:2.5.13.5:=\\00\\ff)(:caseIgnoreMatch:=))';
  assert.equal(formatFilter(filter), text);
  assert.deepStrictEqual(parseFilter(text), filter);
});

test('formatFilter drops empty initial/final substrings (no string form; same meaning)', () => {
  const empty = Buffer.alloc(0);
  assert.equal(
    formatFilter({ type: 'substrings', attribute: 'cn', initial: empty, any: [Buffer.from('x')], final: empty }),
    '(cn=*x*)',
  );
});

test('formatFilter refuses filters that no string can express', () => {
  const cases: readonly (readonly [Filter, string])[] = [
    [{ type: 'equality', attribute: 'c n)(x', value: Buffer.from('y') }, "attribute description 'c n)(x' has no string filter form"],
    [{ type: 'present', attribute: '' }, "attribute description '' has no string filter form"],
    [
      { type: 'extensibleMatch', matchingRule: 'a:b', value: Buffer.from('y'), dnAttributes: false },
      "matching rule 'a:b' has no string filter form",
    ],
    [
      { type: 'extensibleMatch', attribute: 'cn', matchingRule: 'DN', value: Buffer.from('y'), dnAttributes: false },
      "matching rule 'DN' without dnAttributes has no unambiguous string filter form",
    ],
    [{ type: 'extensibleMatch', value: Buffer.from('y'), dnAttributes: true }, 'extensible match needs an attribute type or a matching rule'],
    [{ type: 'substrings', attribute: 'cn', any: [] }, 'substrings filter has no substrings'],
  ];
  for (const [filter, message] of cases) {
    assert.throws(() => formatFilter(filter), (error: unknown) => {
      assert.ok(error instanceof FilterSyntaxError);
      assert.equal(error.message, message);
      return true;
    });
  }
});
