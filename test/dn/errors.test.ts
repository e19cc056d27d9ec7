import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidDnSyntaxError } from '../../src/errors/index.js';
import { Dn, Rdn, createAva } from '../../src/dn/index.js';

/** Every message names the problem and the 0-based position where the scanner stopped. */
const invalid: [string, string][] = [
  // Empty RDNs and AVAs.
  ['cn=a,,dc=b', 'empty RDN at position 5'],
  [',cn=a', 'empty RDN at position 0'],
  ['cn=a,dc=b,', "empty RDN: the DN ends with ',' at position 10"],
  ['cn=a,dc=b,  ', "empty RDN: the DN ends with ',' at position 12"],
  ['cn=a+', "empty attribute type and value: the RDN ends with '+' at position 5"],
  ['cn=a+,dc=b', 'empty attribute type and value at position 5'],
  ['+cn=a', 'empty attribute type and value at position 0'],
  ['cn=a++sn=b', 'empty attribute type and value at position 5'],
  ['   ', 'missing attribute type at position 3'],
  // Attribute types.
  ['cn', "missing '=' after attribute type 'cn' at position 2"],
  ['cn,dc=b', "missing '=' after attribute type 'cn' at position 2"],
  ['cn x=a', "missing '=' after attribute type 'cn' at position 3"],
  ['=a', 'missing attribute type at position 0'],
  ['cn=a, =b', 'missing attribute type at position 6'],
  ['1cn=a', "invalid character 'c' in numeric OID at position 1"],
  ['c_n=a', "invalid character '_' in attribute type at position 1"],
  ['cn;lang-en=a', "invalid character ';' in attribute type at position 2"],
  ['-cn=a', "invalid character '-' where an attribute type should start at position 0"],
  ['ü=a', 'invalid character U+00FC where an attribute type should start at position 0'],
  ['OID.2.5.4.3=a', "'OID.' prefix is not allowed in an attribute type (RFC 4514) at position 0"],
  ['oid.2.5.4.3=a', "'OID.' prefix is not allowed in an attribute type (RFC 4514) at position 0"],
  ['1=a', 'numeric OID needs at least two arcs at position 0'],
  ['01.2=a', 'leading zero in numeric OID arc at position 0'],
  ['2.05=a', 'leading zero in numeric OID arc at position 2'],
  ['1..2=a', 'empty arc in numeric OID at position 2'],
  ['1.2.=a', 'empty arc in numeric OID at position 4'],
  // Escapes.
  ['cn=a\\', "dangling '\\' at position 4"],
  ['cn=a\\,dc=b\\', "dangling '\\' at position 10"],
  ['cn=a\\zz', "invalid escape '\\' followed by 'z' at position 4"],
  ['cn=a\\é', "invalid escape '\\' followed by U+00E9 at position 4"],
  ['cn=a\\4', 'incomplete hex escape at position 4'],
  ['cn=a\\4z', "invalid hex escape: 'z' is not a hex digit at position 4"],
  // Unescaped specials and characters outside the grammar.
  ['cn="a"', "unescaped '\"' in attribute value at position 3"],
  ['cn=a<b', "unescaped '<' in attribute value at position 4"],
  ['cn=a>b', "unescaped '>' in attribute value at position 4"],
  ['cn=a;dc=b', "unescaped ';' in attribute value at position 4"],
  ['cn=a\u0000b', 'unescaped U+0000 in attribute value at position 4'],
  ['cn=a\ud800b', 'lone surrogate U+D800 in attribute value at position 4'],
  ['cn=a\udc00', 'lone surrogate U+DC00 in attribute value at position 4'],
  // Hex values.
  ['cn=#', 'empty hex value at position 3'],
  ['cn=#,dc=b', 'empty hex value at position 3'],
  ['cn=#0', 'odd number of hex digits in hex value at position 3'],
  ['cn=#zz', "invalid character 'z' in hex value at position 4"],
  ['cn=#04024869x', "invalid character 'x' in hex value at position 12"],
  ['cn=#0402 4869', "invalid character '4' in hex value at position 9"],
  ['cn=#0402', 'hex value is not a single BER element (content length 2 exceeds the 0 octets present) at position 3'],
  ['cn=#0402486900', 'hex value is not a single BER element (1 octets follow the element) at position 3'],
  ['cn=#04', 'hex value is not a single BER element (missing length) at position 3'],
  ['cn=#1f81', 'hex value is not a single BER element (truncated tag) at position 3'],
  ['cn=#3080', 'hex value is not a single BER element (indefinite length is not supported) at position 3'],
  ['cn=#048201', 'hex value is not a single BER element (truncated length) at position 3'],
  ['cn=#0485010000000000', 'hex value is not a single BER element (length of 5 octets is too large) at position 3'],
  ['DF=#6666666666665006838820013100000746939546349182108463491821809FBFFFFFFFFF', 'hex value is not a single BER element (content length 102 exceeds the 34 octets present) at position 3'],
  // Duplicates within one RDN.
  ['cn=a+cn=a', "duplicate attribute type and value 'cn=a' in RDN at position 5"],
  ['CN=a+sn=b+cn=\\61,dc=x', "duplicate attribute type and value 'cn=\\61' in RDN at position 10"],
];

describe('Dn.parse: invalid DNs', () => {
  for (const [text, message] of invalid) {
    it(`${JSON.stringify(text)} → ${message}`, () => {
      assert.throws(
        () => Dn.parse(text),
        (error: unknown) => {
          assert.ok(error instanceof InvalidDnSyntaxError, `not an InvalidDnSyntaxError: ${String(error)}`);
          assert.equal(error.message, message);
          return true;
        },
      );
    });
  }

  it('finds duplicates in large RDNs too (hashed, not pairwise)', () => {
    const avas = Array.from({ length: 20 }, (_, i) => `a=${i}`);
    assert.equal(Dn.parse(avas.join('+')).rdn()?.avas.length, 20);
    const text = [...avas, 'A=\\31\\30', 'b=c'].join('+');
    assert.throws(() => Dn.parse(text), { message: `duplicate attribute type and value 'A=\\31\\30' in RDN at position ${avas.join('+').length + 1}` });
    const rdn = Dn.parse(avas.join('+')).rdn();
    assert.throws(() => new Rdn([...(rdn?.avas ?? []), createAva('A', '7')]), { message: "duplicate attribute type and value 'A=7' in RDN" });
  });

  it('tells apart the same type with different values (allowed) from the same value twice', () => {
    assert.equal(Dn.parse('cn=a+cn=A').rdn()?.avas.length, 2);
    assert.equal(Dn.parse('cn=#0400+cn=').rdn()?.avas.length, 2);
  });
});
