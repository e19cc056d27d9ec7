import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asciiStringKey, compactSpaces, formatAttributeType, parseAttributeTypeDescription, prepareText } from '../../src/schema/index.js';
import type { AttributeTypeDefinition } from '../../src/schema/index.js';

test('the ASCII fast path of string preparation equals the full RFC 4518 path', () => {
  const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 40 });
  fc.assert(
    fc.property(ascii, fc.boolean(), (text, fold) => {
      assert.equal(asciiStringKey(Buffer.from(text, 'latin1'), fold), compactSpaces(prepareText(text, fold)));
    }),
    { numRuns: 2000 },
  );
  assert.equal(asciiStringKey(Buffer.from('é'), true), undefined);
});

const descr = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
const oid = fc.array(fc.nat({ max: 2000 }), { minLength: 2, maxLength: 6 }).map((arcs) => arcs.join('.'));
const text = fc.string({ maxLength: 20 });

const definition: fc.Arbitrary<AttributeTypeDefinition> = fc
  .record({
    oid,
    names: fc.array(descr, { maxLength: 3 }),
    description: fc.option(text, { nil: undefined }),
    obsolete: fc.boolean(),
    sup: fc.option(descr, { nil: undefined }),
    equality: fc.option(descr, { nil: undefined }),
    syntax: oid,
    syntaxLength: fc.option(fc.nat({ max: 99999 }), { nil: undefined }),
    singleValue: fc.boolean(),
    usage: fc.constantFrom('directoryOperation', 'userApplications'),
    extensions: fc.array(fc.record({ name: fc.stringMatching(/^X-[A-Z-]{1,8}$/), values: fc.array(text, { minLength: 1, maxLength: 3 }) }), { maxLength: 2 }),
  })
  .map((r) => ({
    kind: 'attributeType' as const,
    oid: r.oid,
    names: r.names,
    ...(r.description === undefined ? {} : { description: r.description }),
    obsolete: r.obsolete,
    ...(r.sup === undefined ? {} : { sup: r.sup }),
    ...(r.equality === undefined ? {} : { equality: r.equality }),
    syntax: r.syntax,
    ...(r.syntaxLength === undefined ? {} : { syntaxLength: r.syntaxLength }),
    singleValue: r.singleValue,
    collective: false,
    noUserModification: r.usage !== 'userApplications',
    usage: r.usage as AttributeTypeDefinition['usage'],
    extensions: r.extensions.filter((e, i, all) => all.findIndex((o) => o.name === e.name) === i).map((e) => ({ name: e.name, values: [...e.values] })),
  }));

test('attribute type descriptions: parse(format(d)) = d', () => {
  fc.assert(
    fc.property(definition, (def) => {
      assert.deepEqual(parseAttributeTypeDescription(formatAttributeType(def)), def);
    }),
    { numRuns: 500 },
  );
});
