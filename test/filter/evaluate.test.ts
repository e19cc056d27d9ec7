import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LdapError, ResultCode } from '../../src/errors/index.js';
import {
  FALSE,
  TRUE,
  Tri,
  UNDEFINED,
  caseIgnoreMatchingContext,
  compileFilter,
  evaluateFilter,
  extensibleFromEquality,
  matchSubstrings,
  parseFilter,
  triAnd,
  triNot,
  triOr,
} from '../../src/filter/index.js';
import type { EqualityRule, FilterEntry, MatchingContext, OrderingRule } from '../../src/filter/index.js';

/** An entry whose attribute lookup is case-insensitive on the description, like a real one. */
function makeEntry(dn: string, attributes: Record<string, readonly (string | Buffer)[]>, listTypes = true): FilterEntry {
  const map = new Map(
    Object.entries(attributes).map(([type, values]) => [
      type.toLowerCase(),
      { type, values: values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v)) },
    ]),
  );
  const entry: FilterEntry = { dn, getValues: (attribute) => map.get(attribute.toLowerCase())?.values };
  if (listTypes) return { ...entry, attributeTypes: () => [...map.values()].map((a) => a.type) };
  return entry;
}

/** Exact octets; known attributes only. `age` has a numeric ordering; only `cn` has a substring rule. */
const exact: EqualityRule = { normalize: (v) => v.toString('latin1'), equals: (a, b) => a === b };
const numeric: OrderingRule = {
  normalize: (v) => (/^-?\d+$/.test(v.toString('latin1')) ? Number(v.toString('latin1')) : undefined),
  compare: (a, b) => (a as number) - (b as number),
};
const KNOWN = new Set(['known', 'cn', 'sn', 'age', 'mail', 'o']);
const strict: MatchingContext = {
  equality: (a) => (KNOWN.has(a) ? exact : undefined),
  ordering: (a) => (a === 'age' ? numeric : undefined),
  substrings: (a) =>
    a === 'cn' ? { normalizeValue: (v) => v.toString('latin1'), normalizeSubstring: (v) => v.toString('latin1') } : undefined,
  matchingRule: (oid) =>
    oid === '1.1' ? extensibleFromEquality(exact) : oid === 'cnOnly' ? extensibleFromEquality(exact, (a) => a === 'cn') : undefined,
};

const TRIS = [TRUE, FALSE, UNDEFINED] as const;
/** Leaves that evaluate to each value against `base` under `strict`. */
const LEAF = { TRUE: '(known=yes)', FALSE: '(known=no)', UNDEFINED: '(unknown=x)' } as const;
const base = makeEntry('cn=base', { known: ['yes'] });
const evalText = (text: string, entry: FilterEntry = base, ctx: MatchingContext = strict): Tri =>
  evaluateFilter(parseFilter(text), entry, ctx);

/** Reference semantics, independent of the implementation: rank FALSE < UNDEFINED < TRUE; AND = min, OR = max. */
const RANK = { FALSE: 0, UNDEFINED: 1, TRUE: 2 } as const;
const BY_RANK = [FALSE, UNDEFINED, TRUE] as const;

function combinations(length: number): Tri[][] {
  if (length === 0) return [[]];
  return combinations(length - 1).flatMap((rest) => TRIS.map((t) => [t, ...rest]));
}

test('the Tri table is string literals', () => {
  assert.deepStrictEqual(Tri, { TRUE: 'TRUE', FALSE: 'FALSE', UNDEFINED: 'UNDEFINED' });
  assert.equal(TRUE, 'TRUE');
  assert.equal(FALSE, 'FALSE');
  assert.equal(UNDEFINED, 'UNDEFINED');
});

test('leaves evaluate as intended', () => {
  for (const t of TRIS) assert.equal(evalText(LEAF[t]), t);
});

test('NOT truth table (RFC 4511 §4.5.1.7)', () => {
  const expected = { TRUE: FALSE, FALSE: TRUE, UNDEFINED: UNDEFINED } as const;
  for (const t of TRIS) {
    assert.equal(triNot(t), expected[t]);
    assert.equal(evalText(`(!${LEAF[t]})`), expected[t], t);
  }
});

test('AND / OR truth tables, exhaustively over 0..3 operands', () => {
  for (let n = 0; n <= 3; n++) {
    for (const combo of combinations(n)) {
      const and = BY_RANK[Math.min(2, ...combo.map((t) => RANK[t]))] as Tri;
      const or = BY_RANK[Math.max(0, ...combo.map((t) => RANK[t]))] as Tri;
      const leaves = combo.map((t) => LEAF[t]).join('');
      assert.equal(triAnd(combo), and, `AND ${combo.join(',')}`);
      assert.equal(triOr(combo), or, `OR ${combo.join(',')}`);
      assert.equal(evalText(`(&${leaves})`), and, `(&${leaves})`);
      assert.equal(evalText(`(|${leaves})`), or, `(|${leaves})`);
    }
  }
  // RFC 4526 absolute true / false.
  assert.equal(evalText('(&)'), TRUE);
  assert.equal(evalText('(|)'), FALSE);
});

test('unknown vs absent attributes; NOT(Undefined) stays Undefined (the lldap bug)', () => {
  const cases: readonly (readonly [string, Tri])[] = [
    ['(unknown=x)', UNDEFINED],
    ['(!(unknown=x))', UNDEFINED],
    ['(!(!(unknown=x)))', UNDEFINED],
    ['(mail=x)', FALSE], // known type, absent from the entry
    ['(!(mail=x))', TRUE],
    ['(known=yes)', TRUE],
    ['(KNOWN=yes)', UNDEFINED], // the strict context knows lowercase names only
    ['(|(unknown=x)(known=yes))', TRUE],
    ['(&(unknown=x)(known=no))', FALSE],
    ['(known~=yes)', TRUE], // approx falls back to equality
    ['(unknown~=yes)', UNDEFINED],
    ['(known>=a)', UNDEFINED], // known type without an ORDERING rule
    ['(known<=a)', UNDEFINED],
    ['(known=y*)', UNDEFINED], // known type without a SUBSTR rule
    ['(unknown=*)', FALSE], // an unknown type is never present
    ['(mail=*)', FALSE],
    ['(known=*)', TRUE],
    ['(!(unknown=*))', TRUE],
  ];
  for (const [text, expected] of cases) assert.equal(evalText(text), expected, text);
});

test('ordering: >= and <= over every value, with boundaries and invalid syntax', () => {
  const person = makeEntry('cn=p', { age: ['17', '42'] });
  const cases: readonly (readonly [string, Tri])[] = [
    ['(age>=42)', TRUE],
    ['(age>=43)', FALSE],
    ['(age>=18)', TRUE],
    ['(age<=17)', TRUE],
    ['(age<=16)', FALSE],
    ['(age<=20)', TRUE],
    ['(age>=old)', UNDEFINED], // the assertion is not valid for the syntax
    ['(!(age>=old))', UNDEFINED],
  ];
  for (const [text, expected] of cases) assert.equal(evalText(text, person), expected, text);
  // An invalid stored value: no match is decidable → Undefined, but a match elsewhere still wins.
  const odd = makeEntry('cn=odd', { age: ['unknown', '42'] });
  assert.equal(evalText('(age>=40)', odd), TRUE);
  assert.equal(evalText('(age>=50)', odd), UNDEFINED);
  assert.equal(evalText('(age>=50)', makeEntry('cn=none', {})), FALSE);
});

test('matchSubstrings: prefix, ordered non-overlapping any, suffix', () => {
  const cases: readonly (readonly [string, string | undefined, string[], string | undefined, boolean])[] = [
    ['abc', 'a', [], undefined, true],
    ['abc', 'b', [], undefined, false],
    ['abc', undefined, [], 'bc', true],
    ['abc', 'ab', [], 'bc', false], // initial and final would overlap
    ['abcbc', 'ab', [], 'bc', true],
    ['abc', 'a', ['b'], 'c', true],
    ['abc', undefined, ['b', 'b'], undefined, false],
    ['abcb', undefined, ['b', 'b'], undefined, true],
    ['abc', undefined, ['c', 'b'], undefined, false], // order matters
    ['abca', 'a', ['a'], undefined, true],
    ['aba', 'a', ['b'], 'a', true],
    ['ab', 'a', ['b'], 'b', false], // any may not overlap final
    ['xaxa', undefined, ['a'], 'xa', true],
    ['', undefined, [''], undefined, true],
    ['a', 'a', [''], 'a', false],
  ];
  for (const [value, initial, any, final, expected] of cases) {
    assert.equal(matchSubstrings(value, initial, any, final), expected, JSON.stringify([value, initial, any, final]));
  }
});

test('substrings through a filter, over multiple values', () => {
  const e = makeEntry('cn=x', { cn: ['abc', 'univ of mich'] });
  assert.equal(evalText('(cn=univ*of*mich)', e), TRUE);
  assert.equal(evalText('(cn=univ*mich*of)', e), FALSE);
  assert.equal(evalText('(cn=*b*)', e), TRUE);
  assert.equal(evalText('(cn=ab*bc)', e), FALSE);
  assert.equal(evalText('(cn=a**c)', e), TRUE);
  assert.equal(evalText('(sn=a*)', e), UNDEFINED); // sn has no SUBSTR rule here
  assert.equal(evalText('(cn=z*)', makeEntry('cn=y', {})), FALSE);
});

test('present and equality reach subtypes when the context says so (RFC 4512 §2.5.2)', () => {
  const e = makeEntry('cn=x', { 'cn;lang-en': ['Babs'], sn: ['Jensen'] });
  const ctx = caseIgnoreMatchingContext;
  assert.equal(evalText('(cn=*)', e, ctx), TRUE);
  assert.equal(evalText('(cn=babs)', e, ctx), TRUE);
  assert.equal(evalText('(cn;lang-en=*)', e, ctx), TRUE);
  assert.equal(evalText('(cn;lang-fr=*)', e, ctx), FALSE);
  assert.equal(evalText('(sn;lang-en=*)', e, ctx), FALSE); // a supertype does not satisfy a subtype
  // Without isSubtype the context only looks at the exact description.
  const { isSubtype: _ignored, ...noSubtypes } = caseIgnoreMatchingContext;
  assert.equal(evalText('(cn=*)', e, noSubtypes), FALSE);
  // Without a way to list the entry's attributes there is nothing to expand.
  assert.equal(evalText('(cn=*)', makeEntry('cn=x', { 'cn;lang-en': ['Babs'] }, false), ctx), FALSE);
});

test('approx uses the context approx rule when it has one', () => {
  const vowelless: EqualityRule = { normalize: (v) => v.toString('latin1').replace(/[aeiou]/g, ''), equals: (a, b) => a === b };
  const ctx: MatchingContext = { ...strict, approx: (a) => (a === 'cn' ? vowelless : undefined) };
  const e = makeEntry('cn=x', { cn: ['Jensen'], sn: ['Jensen'] });
  assert.equal(evalText('(cn~=Jnsn)', e, ctx), TRUE);
  assert.equal(evalText('(cn=Jnsn)', e, ctx), FALSE);
  assert.equal(evalText('(sn~=Jnsn)', e, ctx), FALSE); // falls back to the exact equality rule
});

test('extensible match with and without attribute, rule, and :dn:', () => {
  const barney = makeEntry('cn=Barney Rubble,o=Ace Industry', { cn: ['Barney Rubble'], sn: ['Rubble'] });
  const dnAvas = [
    { type: 'cn', value: Buffer.from('Barney Rubble') },
    { type: 'o', value: Buffer.from('Ace Industry') },
  ];
  const ctx: MatchingContext = { ...strict, dnAttributeValues: (e) => (e === barney ? dnAvas : []) };
  const cases: readonly (readonly [string, Tri])[] = [
    ['(cn:=Barney Rubble)', TRUE], // type only: its EQUALITY rule
    ['(cn:=barney rubble)', FALSE],
    ['(cn:1.1:=Barney Rubble)', TRUE],
    ['(cn:cnOnly:=Barney Rubble)', TRUE],
    ['(sn:cnOnly:=Rubble)', UNDEFINED], // the rule does not apply to sn
    ['(cn:9.9:=x)', UNDEFINED], // unknown rule
    ['(:9.9:=x)', UNDEFINED],
    ['(unknown:=x)', UNDEFINED], // unknown type
    ['(:1.1:=Rubble)', TRUE], // rule only: every attribute of the entry
    ['(:1.1:=Nobody)', FALSE],
    ['(:cnOnly:=Rubble)', FALSE], // rule only, but the rule applies to cn only
    ['(o:=Ace Industry)', FALSE], // o is not an attribute of the entry...
    ['(o:dn:=Ace Industry)', TRUE], // ...but is in its DN
    ['(o:dn:1.1:=Ace Industry)', TRUE],
    ['(:dn:1.1:=Ace Industry)', TRUE],
    ['(:dn:cnOnly:=Ace Industry)', FALSE], // the o AVA is not something cnOnly applies to
    ['(:dn:cnOnly:=Barney Rubble)', TRUE],
    ['(sn:dn:=Ace Industry)', FALSE], // :dn: still selects AVAs by type
    ['(!(o:dn:=Ace Industry))', FALSE],
  ];
  for (const [text, expected] of cases) assert.equal(evalText(text, barney, ctx), expected, text);
  // Rule only, on an entry that cannot list its attributes and a context that cannot either: undecidable.
  const opaque = makeEntry('cn=o', { cn: ['Rubble'] }, false);
  assert.equal(evalText('(:1.1:=Rubble)', opaque, ctx), UNDEFINED);
  assert.equal(evalText('(:1.1:=Rubble)', opaque, { ...ctx, attributeTypesOf: () => ['cn'] }), TRUE);
  // With no dnAttributeValues hook, :dn: tests the attributes only.
  assert.equal(evalText('(cn:dn:=Barney Rubble)', barney, strict), TRUE);
  assert.equal(evalText('(o:dn:=Ace Industry)', barney, strict), FALSE);
});

test('assertion values are normalised once per filter, not per entry or value', () => {
  const seen: string[] = [];
  const counting: EqualityRule = {
    normalize: (v) => {
      seen.push(v.toString());
      return v.toString().toLowerCase();
    },
    equals: (a, b) => a === b,
  };
  const ctx: MatchingContext = { ...strict, equality: () => counting };
  const compiled = compileFilter(parseFilter('(|(cn=NEEDLE)(sn=NEEDLE))'), ctx);
  const entries = [1, 2, 3].map((i) => makeEntry(`cn=${i}`, { cn: ['a', 'b', 'c'], sn: ['d', 'needle'] }));
  for (const e of entries) assert.equal(compiled(e), TRUE);
  assert.equal(seen.filter((v) => v === 'NEEDLE').length, 2);
  seen.length = 0;
  assert.equal(evaluateFilter(parseFilter('(cn=NEEDLE)'), entries[0] as FilterEntry, ctx), FALSE);
  assert.deepStrictEqual(seen, ['NEEDLE', 'a', 'b', 'c']);
});

test('an LdapError from a normaliser means Undefined; any other exception is a bug and propagates', () => {
  const rejecting: EqualityRule = {
    normalize: (v) => {
      if (v.toString() === 'bad') throw new LdapError(ResultCode.invalidAttributeSyntax, 'bad value');
      if (v.toString() === 'bug') throw new TypeError('bug');
      return v.toString();
    },
    equals: (a, b) => a === b,
  };
  const ctx: MatchingContext = { ...strict, equality: () => rejecting };
  const e = makeEntry('cn=x', { cn: ['ok'] });
  assert.equal(evalText('(cn=bad)', e, ctx), UNDEFINED);
  assert.equal(evalText('(cn=ok)', e, ctx), TRUE);
  assert.equal(evalText('(cn=bad)', makeEntry('cn=x', { cn: ['bad'] }), ctx), UNDEFINED);
  assert.throws(() => evalText('(cn=bug)', e, ctx), TypeError);
});
