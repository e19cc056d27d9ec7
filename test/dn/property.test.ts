import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidDnSyntaxError } from '../../src/errors/index.js';
import { Dn, Rdn, createAva, parseRdn, unescapeDnValue } from '../../src/dn/index.js';
import type { Ava } from '../../src/dn/index.js';

const descr = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,8}$/);
const numericOid = fc.array(fc.nat({ max: 99999 }), { minLength: 2, maxLength: 6 }).map((arcs) => arcs.join('.'));
const attributeType = fc.oneof({ arbitrary: descr, weight: 4 }, { arbitrary: numericOid, weight: 1 });

/** Characters a DN treats specially, plus controls and non-ASCII, to hit every escaping rule. */
const tricky = fc.constantFrom(' ', ' ', '#', '\u0000', '"', '+', ',', ';', '<', '>', '\\', '=', 'a', 'Z', '0', 'é', '\r', '\t', '\u0085', '\u00a0', '日', '😀');
const stringValue = fc.oneof(
  fc.string({ unit: tricky, maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
/** Arbitrary octets, including ones that are not UTF-8. */
const byteValue = fc.uint8Array({ maxLength: 10 }).map((bytes) => Buffer.from(bytes));
/** A short-form BER OCTET STRING, for `#hex` values. */
const berValue = fc.uint8Array({ maxLength: 20 }).map((content) => Buffer.concat([Buffer.from([0x04, content.length]), content]));

const ava: fc.Arbitrary<Ava> = fc.oneof(
  { arbitrary: fc.tuple(attributeType, stringValue).map(([type, value]) => createAva(type, value)), weight: 6 },
  { arbitrary: fc.tuple(attributeType, byteValue).map(([type, value]) => createAva(type, value)), weight: 2 },
  { arbitrary: fc.tuple(attributeType, berValue).map(([type, value]) => createAva(type, value, { hexEncoded: true })), weight: 1 },
);
const avaKey = (a: Ava): string => `${a.type.toLowerCase()}|${a.hexEncoded}|${a.value.toString('hex')}`;
const rdn = fc.uniqueArray(ava, { minLength: 1, maxLength: 3, selector: avaKey }).map((avas) => new Rdn(avas));
const distinguishedName = fc.array(rdn, { maxLength: 6 }).map((rdns) => new Dn(rdns));

type Shape = [string, string, boolean][][];
const shape = (dn: Dn): Shape => dn.rdns.map((r) => r.avas.map((a) => [a.type, a.value.toString('hex'), a.hexEncoded]));

describe('DN round trips (fast-check)', () => {
  it('Dn.parse(dn.toString()) gives back the same types and value bytes', () => {
    fc.assert(
      fc.property(distinguishedName, (dn) => {
        const text = dn.toString();
        const parsed = Dn.parse(text);
        assert.deepEqual(shape(parsed), shape(dn));
        assert.equal(parsed.toString(), text);
        assert.ok(parsed.equals(dn));
        assert.equal(parsed.normalize(), dn.normalize());
      }),
      { numRuns: 1000 },
    );
  });

  it('rawValue keeps what was written: it unescapes to the value', () => {
    fc.assert(
      fc.property(distinguishedName, (dn) => {
        for (const r of Dn.parse(dn.toString()).rdns) {
          for (const a of r.avas) {
            if (a.hexEncoded) assert.equal(a.rawValue, `#${a.value.toString('hex')}`);
            else assert.deepEqual(unescapeDnValue(a.rawValue), a.value);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('normalize() is idempotent and independent of multi-valued RDN order', () => {
    fc.assert(
      fc.property(distinguishedName, (dn) => {
        const shuffled = new Dn(dn.rdns.map((r) => new Rdn([...r.avas].reverse())));
        assert.equal(shuffled.normalize(), dn.normalize());
        assert.ok(shuffled.equals(dn));
        // The normal form parses, and normalising it again changes nothing (unless two AVAs of
        // one RDN became the same, which the parser then refuses as a duplicate).
        for (const r of dn.rdns) {
          let again: Rdn;
          try {
            again = parseRdn(r.normalize());
          } catch (error) {
            assert.match((error as Error).message, /^duplicate attribute type and value/);
            continue;
          }
          assert.equal(again.normalize(), r.normalize());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any string either parses to a DN that formats stably or throws InvalidDnSyntaxError', () => {
    const alphabet = fc.constantFrom('c', 'n', 'd', 'C', '1', '.', '=', ',', '+', ' ', '\\', '#', '0', '4', 'f', 'z', '"', ';', 'é', '\u0000');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 24 }), (text) => {
        let dn: Dn;
        try {
          dn = Dn.parse(text);
        } catch (error) {
          assert.ok(error instanceof InvalidDnSyntaxError, `unexpected ${String(error)}`);
          assert.match(error.message, / at position \d+$/);
          return;
        }
        const formatted = dn.toString();
        const reparsed = Dn.parse(formatted);
        assert.deepEqual(shape(reparsed), shape(dn));
        assert.equal(reparsed.toString(), formatted);
      }),
      { numRuns: 3000 },
    );
  });
});
