import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BerReader, BerWriter } from '../../src/ber/index.js';
import { decodeFilter, encodeFilter, escapeFilterValue, formatFilter, parseFilter } from '../../src/filter/index.js';
import type { Filter } from '../../src/filter/index.js';

const keychar = fc.constantFrom(...'abcxyzABCXYZ0189-'.split(''));
const descr = fc
  .tuple(fc.constantFrom(...'acnosxzACNOSXZ'.split('')), fc.array(keychar, { maxLength: 6 }))
  .map(([lead, rest]) => lead + rest.join(''));
const number = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 99999 })).map(String);
const numericOid = fc.array(number, { minLength: 2, maxLength: 6 }).map((parts) => parts.join('.'));
const oid = fc.oneof(descr, numericOid);
const attribute = fc
  .tuple(oid, fc.array(fc.array(keychar, { minLength: 1, maxLength: 5 }), { maxLength: 2 }))
  .map(([type, options]) => [type, ...options.map((o) => o.join(''))].join(';'));
// "dn" alone is ambiguous after an attribute in the string form: `(cn:dn:=x)` means dnAttributes.
const rule = oid.filter((name) => name.toLowerCase() !== 'dn');

/** fc.record builds null-prototype objects; parsers build plain ones, and deepStrictEqual compares prototypes. */
function plain<T extends object>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return arbitrary.map((record) => ({ ...record }));
}

/** Bytes biased towards what escaping must handle: specials, NUL, controls, broken and valid UTF-8. */
const interestingByte = fc.oneof(
  fc.constantFrom(0x00, 0x0a, 0x20, 0x28, 0x29, 0x2a, 0x5c, 0x7f, 0x80, 0xc3, 0xa9, 0xed, 0xa0, 0xf0, 0x9f, 0xff),
  fc.integer({ min: 0, max: 255 }),
);
const value = fc.oneof(
  fc.array(interestingByte, { maxLength: 12 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 8 }).map((text) => Buffer.from(text, 'utf8')),
);
const nonEmptyValue = value.filter((v) => v.length > 0);

const leaf: fc.Arbitrary<Filter> = fc.oneof(
  plain(fc.record({ type: fc.constantFrom('equality', 'approxMatch', 'greaterOrEqual', 'lessOrEqual'), attribute, value })),
  plain(fc.record({ type: fc.constant('present'), attribute })),
  plain(fc
    .record(
      {
        type: fc.constant('substrings'),
        attribute,
        initial: nonEmptyValue,
        any: fc.array(value, { maxLength: 3 }),
        final: nonEmptyValue,
      },
      { requiredKeys: ['type', 'attribute', 'any'] },
    )
    .filter((f) => f.initial !== undefined || f.final !== undefined || f.any.length > 0)),
  plain(fc
    .record(
      { type: fc.constant('extensibleMatch'), attribute, matchingRule: rule, value, dnAttributes: fc.boolean() },
      { requiredKeys: ['type', 'value', 'dnAttributes'] },
    )
    .filter((f) => f.attribute !== undefined || f.matchingRule !== undefined)),
) as fc.Arbitrary<Filter>;

const { filter: arbitraryFilter } = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'filter' },
    leaf,
    plain(fc.record({ type: fc.constant('and'), filters: fc.array(tie('filter'), { maxLength: 4 }) })),
    plain(fc.record({ type: fc.constant('or'), filters: fc.array(tie('filter'), { maxLength: 4 }) })),
    plain(fc.record({ type: fc.constant('not'), filter: tie('filter') })),
  ) as fc.Arbitrary<Filter>,
}));

test('parseFilter(formatFilter(f)) deep-equals f', () => {
  fc.assert(
    fc.property(arbitraryFilter, (filter) => {
      assert.deepStrictEqual(parseFilter(formatFilter(filter)), filter);
    }),
    { numRuns: 2000 },
  );
});

test('the canonical string is a fixed point and carries no raw control characters', () => {
  fc.assert(
    fc.property(arbitraryFilter, (filter) => {
      const text = formatFilter(filter);
      assert.equal(formatFilter(parseFilter(text)), text);
      assert.ok(![...text].some((c) => c < ' ' || c === '\u007f'), text);
    }),
    { numRuns: 1000 },
  );
});

test('decodeFilter(encodeFilter(f)) deep-equals f', () => {
  fc.assert(
    fc.property(arbitraryFilter, (filter) => {
      const w = new BerWriter();
      encodeFilter(w, filter);
      const r = new BerReader(w.toBuffer());
      assert.deepStrictEqual(decodeFilter(r), filter);
      assert.equal(r.atEnd, true);
    }),
    { numRuns: 2000 },
  );
});

test('any byte string survives escapeFilterValue inside an equality filter', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const parsed = parseFilter(`(cn=${escapeFilterValue(Buffer.from(bytes))})`);
      assert.deepStrictEqual(parsed, { type: 'equality', attribute: 'cn', value: Buffer.from(bytes) });
    }),
    { numRuns: 2000 },
  );
});

test('parseFilter on arbitrary text either returns a filter or throws FilterSyntaxError', () => {
  const alphabet = fc.constantFrom(...'()&|!=~<>*:\\cnd0a2 ;.'.split(''), '\u0000', 'é', '\ud800');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 30 }), (chars) => {
      try {
        const filter = parseFilter(chars.join(''));
        assert.deepStrictEqual(parseFilter(formatFilter(filter)), filter);
      } catch (error) {
        assert.equal((error as Error).name, 'FilterSyntaxError', String(error));
      }
    }),
    { numRuns: 5000 },
  );
});
