import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FilterSyntaxError } from '../../src/errors/index.js';
import { BerReader, BerWriter } from '../../src/ber/index.js';
import {
  DEFAULT_FILTER_MAX_DEPTH,
  DEFAULT_FILTER_MAX_LENGTH,
  decodeFilter,
  encodeFilter,
  formatFilter,
  parseFilter,
} from '../../src/filter/index.js';
import type { Filter } from '../../src/filter/index.js';

const b = (text: string): Buffer => Buffer.from(text, 'utf8');
const hex = (digits: string): Buffer => Buffer.from(digits, 'hex');

/** RFC 4515 §4, every example: [text, AST, canonical format]. */
const RFC_4515_EXAMPLES: readonly (readonly [string, Filter, string])[] = [
  ['(cn=Babs Jensen)', { type: 'equality', attribute: 'cn', value: b('Babs Jensen') }, '(cn=Babs Jensen)'],
  [
    '(!(cn=Tim Howes))',
    { type: 'not', filter: { type: 'equality', attribute: 'cn', value: b('Tim Howes') } },
    '(!(cn=Tim Howes))',
  ],
  [
    '(&(objectClass=Person)(|(sn=Jensen)(cn=Babs J*)))',
    {
      type: 'and',
      filters: [
        { type: 'equality', attribute: 'objectClass', value: b('Person') },
        {
          type: 'or',
          filters: [
            { type: 'equality', attribute: 'sn', value: b('Jensen') },
            { type: 'substrings', attribute: 'cn', initial: b('Babs J'), any: [] },
          ],
        },
      ],
    },
    '(&(objectClass=Person)(|(sn=Jensen)(cn=Babs J*)))',
  ],
  [
    '(o=univ*of*mich*)',
    { type: 'substrings', attribute: 'o', initial: b('univ'), any: [b('of'), b('mich')] },
    '(o=univ*of*mich*)',
  ],
  ['(seeAlso=)', { type: 'equality', attribute: 'seeAlso', value: b('') }, '(seeAlso=)'],
  [
    '(cn:caseExactMatch:=Fred Flintstone)',
    { type: 'extensibleMatch', attribute: 'cn', matchingRule: 'caseExactMatch', value: b('Fred Flintstone'), dnAttributes: false },
    '(cn:caseExactMatch:=Fred Flintstone)',
  ],
  [
    '(cn:=Betty Rubble)',
    { type: 'extensibleMatch', attribute: 'cn', value: b('Betty Rubble'), dnAttributes: false },
    '(cn:=Betty Rubble)',
  ],
  [
    '(sn:dn:2.4.6.8.10:=Barney Rubble)',
    { type: 'extensibleMatch', attribute: 'sn', matchingRule: '2.4.6.8.10', value: b('Barney Rubble'), dnAttributes: true },
    '(sn:dn:2.4.6.8.10:=Barney Rubble)',
  ],
  [
    '(o:dn:=Ace Industry)',
    { type: 'extensibleMatch', attribute: 'o', value: b('Ace Industry'), dnAttributes: true },
    '(o:dn:=Ace Industry)',
  ],
  [
    '(:1.2.3:=Wilma Flintstone)',
    { type: 'extensibleMatch', matchingRule: '1.2.3', value: b('Wilma Flintstone'), dnAttributes: false },
    '(:1.2.3:=Wilma Flintstone)',
  ],
  // `:DN:` is accepted (ABNF literals are case-insensitive) and written canonically as `:dn:`.
  [
    '(:DN:2.4.6.8.10:=Dino)',
    { type: 'extensibleMatch', matchingRule: '2.4.6.8.10', value: b('Dino'), dnAttributes: true },
    '(:dn:2.4.6.8.10:=Dino)',
  ],
  [
    '(o=Parens R Us \\28for all your parenthetical needs\\29)',
    { type: 'equality', attribute: 'o', value: b('Parens R Us (for all your parenthetical needs)') },
    '(o=Parens R Us \\28for all your parenthetical needs\\29)',
  ],
  // Canonical hex is lowercase.
  ['(cn=*\\2A*)', { type: 'substrings', attribute: 'cn', any: [b('*')] }, '(cn=*\\2a*)'],
  ['(filename=C:\\5cMyFile)', { type: 'equality', attribute: 'filename', value: b('C:\\MyFile') }, '(filename=C:\\5cMyFile)'],
  // Well-formed UTF-8 is written literally (UTFMB), so the RFC's escaped form of "Lučić" comes back raw.
  ['(sn=Lu\\c4\\8di\\c4\\87)', { type: 'equality', attribute: 'sn', value: hex('4c75c48d69c487') }, '(sn=Lučić)'],
  // Control bytes stay escaped; printable ASCII ("Hi") does not.
  [
    '(1.3.6.1.4.1.1466.0=\\04\\02\\48\\69)',
    { type: 'equality', attribute: '1.3.6.1.4.1.1466.0', value: hex('04024869') },
    '(1.3.6.1.4.1.1466.0=\\04\\02Hi)',
  ],
];

test('RFC 4515 §4 examples parse to the exact AST and format canonically', () => {
  for (const [text, ast, canonical] of RFC_4515_EXAMPLES) {
    assert.deepStrictEqual(parseFilter(text), ast, text);
    assert.equal(formatFilter(ast), canonical, text);
    assert.deepStrictEqual(parseFilter(canonical), ast, canonical);
  }
});

test('RFC 4515 §4 examples survive a BER round trip', () => {
  for (const [text, ast] of RFC_4515_EXAMPLES) {
    const w = new BerWriter();
    encodeFilter(w, ast);
    assert.deepStrictEqual(decodeFilter(new BerReader(w.toBuffer())), ast, text);
  }
});

test('(cn=Babs Jensen) encodes to the RFC 4511 equalityMatch bytes', () => {
  const w = new BerWriter();
  encodeFilter(w, parseFilter('(cn=Babs Jensen)'));
  assert.equal(w.toBuffer().toString('hex'), 'a3110402636e040b42616273204a656e73656e');
});

test('other valid forms', () => {
  const cases: readonly (readonly [string, Filter])[] = [
    ['(cn~=Babs)', { type: 'approxMatch', attribute: 'cn', value: b('Babs') }],
    ['(age>=30)', { type: 'greaterOrEqual', attribute: 'age', value: b('30') }],
    ['(age<=30)', { type: 'lessOrEqual', attribute: 'age', value: b('30') }],
    ['(cn=*)', { type: 'present', attribute: 'cn' }],
    ['(cn;lang-en;x-y=Babs)', { type: 'equality', attribute: 'cn;lang-en;x-y', value: b('Babs') }],
    ['(2.5.4.3=Babs)', { type: 'equality', attribute: '2.5.4.3', value: b('Babs') }],
    ['(cn=*end)', { type: 'substrings', attribute: 'cn', any: [], final: b('end') }],
    ['(cn=a*b)', { type: 'substrings', attribute: 'cn', initial: b('a'), any: [], final: b('b') }],
    // RFC 4515 grammar: `any = ASTERISK *(assertionvalue ASTERISK)` with a possibly empty value.
    ['(cn=a**b)', { type: 'substrings', attribute: 'cn', initial: b('a'), any: [b('')], final: b('b') }],
    ['(cn=**)', { type: 'substrings', attribute: 'cn', any: [b('')] }],
    // RFC 4526 absolute true and false.
    ['(&)', { type: 'and', filters: [] }],
    ['(|)', { type: 'or', filters: [] }],
    ['(!(&))', { type: 'not', filter: { type: 'and', filters: [] } }],
    // Escapes in either case, next to literal text and multi-byte characters.
    ['(cn=\\4A\\4aé\\00x)', { type: 'equality', attribute: 'cn', value: Buffer.concat([b('JJé'), hex('00'), b('x')]) }],
    ['(cn=\\ff\\fe)', { type: 'equality', attribute: 'cn', value: hex('fffe') }],
    ['(cn=😀)', { type: 'equality', attribute: 'cn', value: b('😀') }],
    // Spaces are value bytes, kept as they are; the parser never trims or lowercases.
    ['(CN= Babs  JENSEN )', { type: 'equality', attribute: 'CN', value: b(' Babs  JENSEN ') }],
    ['(cn:dn:dn:=x)', { type: 'extensibleMatch', attribute: 'cn', matchingRule: 'dn', value: b('x'), dnAttributes: true }],
    ['(cn:dnQualifierMatch:=x)', { type: 'extensibleMatch', attribute: 'cn', matchingRule: 'dnQualifierMatch', value: b('x'), dnAttributes: false }],
    // A bare item is accepted at the top level only (OpenLDAP tools do the same).
    ['cn=foo', { type: 'equality', attribute: 'cn', value: b('foo') }],
    ['cn=f*', { type: 'substrings', attribute: 'cn', initial: b('f'), any: [] }],
    [':caseExactMatch:=x', { type: 'extensibleMatch', matchingRule: 'caseExactMatch', value: b('x'), dnAttributes: false }],
  ];
  for (const [text, ast] of cases) assert.deepStrictEqual(parseFilter(text), ast, text);
});

/** [input, exact message]; the position in the message must equal `error.position`. */
const INVALID: readonly (readonly [string, string])[] = [
  ['', 'empty filter at position 0'],
  ['()', 'empty filter at position 0'],
  ['(&())', 'empty filter at position 2'],
  ['(cn=a', 'unbalanced parentheses at position 0'],
  ['(&(cn=a)', 'unbalanced parentheses at position 0'],
  ['(&(cn=a)(cn=b', 'unbalanced parentheses at position 8'],
  ['(cn=a))', 'unbalanced parentheses at position 6'],
  [')', 'unbalanced parentheses at position 0'],
  ['cn=a)', 'unbalanced parentheses at position 4'],
  ['(cn', 'unbalanced parentheses at position 0'],
  ['(cn~', 'unbalanced parentheses at position 0'],
  ['(cn:dn:', 'unbalanced parentheses at position 0'],
  ['cn', 'unexpected end of filter at position 2'],
  ['(cn=a)(cn=b)', 'trailing characters after filter at position 6'],
  ['(cn=a) ', 'trailing characters after filter at position 6'],
  ['(cn=\\zz)', "invalid escape sequence '\\zz' at position 4"],
  ['(cn=\\4)', "invalid escape sequence '\\4)' at position 4"],
  ['(cn=a\\)', "invalid escape sequence '\\)' at position 5"],
  ['(cn=a\\', "invalid escape sequence '\\' at position 5"],
  ['(cn=\\2g)', "invalid escape sequence '\\2g' at position 4"],
  ['(cn=a*(b)', "unescaped '(' in value at position 6"],
  ['(cn=a(b)', "unescaped '(' in value at position 5"],
  ['(cn>=a*)', "unescaped '*' in value at position 6"],
  ['(cn~=*)', "unescaped '*' in value at position 5"],
  ['(cn:=a*)', "unescaped '*' in value at position 6"],
  ['(cn=a\u0000)', 'unescaped NUL in value at position 5'],
  ['(cn=a\ud800)', 'unpaired UTF-16 surrogate in value at position 5'],
  ['(cn=\udc00a)', 'unpaired UTF-16 surrogate in value at position 4'],
  ['(!(a=b)(c=d))', "'!' must be followed by exactly one filter at position 7"],
  ['(!)', "'!' must be followed by exactly one filter at position 2"],
  ['(!a=b)', "'!' must be followed by exactly one filter at position 2"],
  ['(&cn=a)', "expected '(' at position 2"],
  ['(& (cn=a))', "expected '(' at position 2"],
  ['&(cn=a)', "expected '(' at position 0"],
  ['(:=x)', 'extensible match needs an attribute type or a matching rule at position 1'],
  ['(:dn:=x)', 'extensible match needs an attribute type or a matching rule at position 1'],
  ['(cn:dn=x)', "expected ':=' at position 6"],
  ['(cn:rule:dn:=x)', "expected ':=' at position 8"],
  ['(cn:rule=x)', "expected ':=' at position 8"],
  ['(cn::=x)', 'missing matching rule at position 4'],
  ['(cn:x y:=z)', "invalid matching rule 'x y' at position 4"],
  ['(cn:1.02:=z)', "invalid matching rule '1.02' at position 4"],
  ['(c n=x)', "invalid attribute description 'c n' at position 1"],
  ['( cn=x)', "invalid attribute description ' cn' at position 1"],
  ['(cn;=x)', "invalid attribute description 'cn;' at position 1"],
  ['(1cn=x)', "invalid attribute description '1cn' at position 1"],
  ['(cn*=x)', "invalid attribute description 'cn*' at position 1"],
  ['(=x)', 'missing attribute description at position 1'],
  ['(~=x)', 'missing attribute description at position 1'],
  ['(cn)', "expected '=', '~=', '>=', '<=' or ':' at position 3"],
  ['(cn~x)', "expected '=' after '~' at position 4"],
  ['(cn>x)', "expected '=' after '>' at position 4"],
  ['(!'.repeat(32) + '(cn=x)' + ')'.repeat(32), 'filter nested deeper than 32 levels at position 64'],
  [`(cn=${'a'.repeat(DEFAULT_FILTER_MAX_LENGTH)})`, 'filter too long (16389 characters, limit 16384) at position 16384'],
];

test('invalid filters fail with exact messages and positions', () => {
  for (const [text, message] of INVALID) {
    assert.throws(
      () => parseFilter(text),
      (error: unknown) => {
        assert.ok(error instanceof FilterSyntaxError, `${JSON.stringify(text)} threw ${String(error)}`);
        assert.equal(error.message, message, JSON.stringify(text));
        assert.equal(error.message, `${message.slice(0, message.lastIndexOf(' '))} ${error.position}`);
        assert.equal(error.resultCode, 2);
        return true;
      },
    );
  }
});

test('limits: the defaults sit exactly at the boundary, and options override them', () => {
  assert.equal(DEFAULT_FILTER_MAX_DEPTH, 32);
  const depth32 = '(!'.repeat(31) + '(cn=x)' + ')'.repeat(31);
  assert.equal(parseFilter(depth32).type, 'not');
  const long = `(cn=${'a'.repeat(DEFAULT_FILTER_MAX_LENGTH - 5)})`;
  assert.equal(long.length, DEFAULT_FILTER_MAX_LENGTH);
  assert.equal(parseFilter(long).type, 'equality');

  assert.throws(() => parseFilter('(&(&(cn=x)))', { maxDepth: 2 }), {
    message: 'filter nested deeper than 2 levels at position 4',
  });
  assert.equal(parseFilter('(&(cn=x))', { maxDepth: 2 }).type, 'and');
  assert.throws(() => parseFilter('(cn=abcdef)', { maxLength: 10 }), {
    message: 'filter too long (11 characters, limit 10) at position 10',
  });
  assert.throws(() => parseFilter('(cn=x)', { maxDepth: 0 }), RangeError);
});

test('deeply nested input beyond the limit fails fast without exhausting the stack', () => {
  const text = '('.repeat(1_000_000);
  assert.throws(() => parseFilter(text, { maxLength: 2_000_000 }), {
    message: "missing attribute description at position 1",
  });
  const nots = '(!'.repeat(100_000);
  assert.throws(() => parseFilter(nots, { maxLength: 1_000_000 }), {
    message: 'filter nested deeper than 32 levels at position 64',
  });
});
