import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidDnSyntaxError, ResultCode } from '../../src/errors/index.js';
import { Dn, Rdn, parseRdn } from '../../src/dn/index.js';
import type { Ava } from '../../src/dn/index.js';

/** [type, value as hex, rawValue, hexEncoded] per AVA, per RDN. */
type Shape = [string, string, string, boolean][][];

function shape(dn: Dn): Shape {
  return dn.rdns.map((rdn) => rdn.avas.map((a: Ava) => [a.type, a.value.toString('hex'), a.rawValue, a.hexEncoded]));
}

const utf8 = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

describe('RFC 4514 §4 examples', () => {
  const cases: { text: string; expected: Shape; formatted: string }[] = [
    {
      text: 'UID=jsmith,DC=example,DC=net',
      expected: [[['UID', utf8('jsmith'), 'jsmith', false]], [['DC', utf8('example'), 'example', false]], [['DC', utf8('net'), 'net', false]]],
      formatted: 'UID=jsmith,DC=example,DC=net',
    },
    {
      text: 'OU=Sales+CN=J.  Smith,DC=example,DC=net',
      expected: [
        [
          ['OU', utf8('Sales'), 'Sales', false],
          ['CN', utf8('J.  Smith'), 'J.  Smith', false],
        ],
        [['DC', utf8('example'), 'example', false]],
        [['DC', utf8('net'), 'net', false]],
      ],
      formatted: 'OU=Sales+CN=J.  Smith,DC=example,DC=net',
    },
    {
      text: 'CN=James \\"Jim\\" Smith\\, III,DC=example,DC=net',
      expected: [
        [['CN', utf8('James "Jim" Smith, III'), 'James \\"Jim\\" Smith\\, III', false]],
        [['DC', utf8('example'), 'example', false]],
        [['DC', utf8('net'), 'net', false]],
      ],
      formatted: 'CN=James \\"Jim\\" Smith\\, III,DC=example,DC=net',
    },
    {
      text: 'CN=Before\\0dAfter,DC=example,DC=net',
      expected: [[['CN', utf8('Before\rAfter'), 'Before\\0dAfter', false]], [['DC', utf8('example'), 'example', false]], [['DC', utf8('net'), 'net', false]]],
      // Control characters are written as upper-case hex pairs.
      formatted: 'CN=Before\\0DAfter,DC=example,DC=net',
    },
    {
      text: '1.3.6.1.4.1.1466.0=#04024869',
      expected: [[['1.3.6.1.4.1.1466.0', '04024869', '#04024869', true]]],
      formatted: '1.3.6.1.4.1.1466.0=#04024869',
    },
    {
      text: 'CN=Lu\\C4\\8Di\\C4\\87',
      expected: [[['CN', utf8('Lučić'), 'Lu\\C4\\8Di\\C4\\87', false]]],
      formatted: 'CN=Lučić',
    },
  ];
  for (const { text, expected, formatted } of cases) {
    it(`parses and formats ${text}`, () => {
      const dn = Dn.parse(text);
      assert.deepEqual(shape(dn), expected);
      assert.equal(dn.toString(), formatted);
      assert.deepEqual(shape(Dn.parse(formatted)).map((r) => r.map((a) => a.slice(0, 2))), expected.map((r) => r.map((a) => a.slice(0, 2))));
    });
  }

  it('keeps the BER element of a #hex value whole', () => {
    const ava = Dn.parse('1.3.6.1.4.1.1466.0=#04024869').rdns[0]?.avas[0];
    assert.deepEqual(ava?.value, Buffer.from([0x04, 0x02, 0x48, 0x69]));
  });
});

describe('Dn.parse: accepted forms', () => {
  it('the empty string is the root DN', () => {
    const dn = Dn.parse('');
    assert.equal(dn, Dn.root);
    assert.equal(dn.isRoot, true);
    assert.equal(dn.length, 0);
    assert.equal(dn.toString(), '');
    assert.equal(dn.normalize(), '');
    assert.equal(dn.rdn(), undefined);
    assert.equal(dn.parent(), undefined);
  });

  it('drops unescaped spaces around separators and "=" but keeps inner and escaped spaces', () => {
    const dn = Dn.parse('  cn = a  b  , ou= x\\  ,  dc =y +sn= \\ z ');
    assert.deepEqual(shape(dn), [
      [['cn', utf8('a  b'), 'a  b', false]],
      [['ou', utf8('x '), 'x\\ ', false]],
      [
        ['dc', utf8('y'), 'y', false],
        ['sn', utf8(' z'), '\\ z', false],
      ],
    ]);
    assert.equal(dn.toString(), 'cn=a  b,ou=x\\ ,dc=y+sn=\\ z');
  });

  it('accepts "=" and a non-leading "#" unescaped, and any escaped special', () => {
    const dn = Dn.parse('cn=a=b#c,cn=\\#x\\=\\+\\;\\<\\>\\"\\\\\\,');
    assert.equal(dn.rdns[0]?.avas[0]?.value.toString(), 'a=b#c');
    assert.equal(dn.rdns[1]?.avas[0]?.value.toString(), '#x=+;<>"\\,');
    assert.equal(dn.toString(), 'cn=a=b#c,cn=\\#x=\\+\\;\\<\\>\\"\\\\\\,');
  });

  it('accepts empty values', () => {
    const dn = Dn.parse('cn=,ou=+sn=');
    assert.deepEqual(shape(dn), [[['cn', '', '', false]], [['ou', '', '', false], ['sn', '', '', false]]]);
    assert.equal(dn.toString(), 'cn=,ou=+sn=');
  });

  it('keeps escaped octets that are not UTF-8 as bytes and writes them back as \\XX', () => {
    const dn = Dn.parse('cn=a\\ff\\C4b');
    assert.equal(dn.rdns[0]?.avas[0]?.value.toString('hex'), '61ffc462');
    assert.equal(dn.toString(), 'cn=a\\FF\\C4b');
  });

  it('accepts descr and numericoid types, case preserved', () => {
    const dn = Dn.parse('x-Custom-1=a,0.9.2342.19200300.100.1.25=b,2.5.4.3=c');
    assert.deepEqual(dn.rdns.map((r) => r.avas[0]?.type), ['x-Custom-1', '0.9.2342.19200300.100.1.25', '2.5.4.3']);
  });

  it('accepts #hex with spaces before the separator and a long-form or high-tag BER element', () => {
    const long = `04 81 80 ${'41'.repeat(128)}`.replace(/ /g, '');
    const dn = Dn.parse(`cn=#${long}  ,sn=#1f81000100 + o = #0500`);
    assert.equal(dn.rdns[0]?.avas[0]?.value.length, 131);
    assert.equal(dn.rdns[1]?.avas[0]?.value.toString('hex'), '1f81000100');
    assert.equal(dn.rdns[1]?.avas[1]?.rawValue, '#0500');
    assert.equal(dn.toString(), `cn=#${long},sn=#1f81000100+o=#0500`);
  });

  it('accepts the same type twice in one RDN', () => {
    const rdn = Dn.parse('cn=a+cn=b').rdn();
    assert.equal(rdn?.avas.length, 2);
    assert.equal(rdn?.isMultiValued, true);
    assert.equal(rdn?.find('CN')?.value.toString(), 'a');
  });

  it('keeps non-ASCII text as is', () => {
    const dn = Dn.parse('cn=日本語 😀,o=Ünïcødé');
    assert.equal(dn.rdns[0]?.avas[0]?.value.toString(), '日本語 😀');
    assert.equal(dn.toString(), 'cn=日本語 😀,o=Ünïcødé');
  });

  it('returns frozen data', () => {
    const dn = Dn.parse('cn=a+sn=b,dc=c');
    assert.equal(Object.isFrozen(dn.rdns), true);
    assert.equal(Object.isFrozen(dn.rdns[0]?.avas), true);
    assert.equal(Object.isFrozen(dn.rdns[0]?.avas[0]), true);
  });
});

describe('limits', () => {
  it('refuses DNs longer than maxLength (default 8192)', () => {
    const ok = `cn=${'a'.repeat(8189)}`;
    assert.equal(Dn.parse(ok).length, 1);
    assert.throws(() => Dn.parse(`${ok}b`), { name: 'InvalidDnSyntaxError', message: 'DN is longer than the maximum of 8192 characters at position 8192' });
    assert.throws(() => Dn.parse('cn=abcdef', { maxLength: 5 }), { message: 'DN is longer than the maximum of 5 characters at position 5' });
  });

  it('refuses more than maxRdns RDNs (default 256)', () => {
    const rdns = (n: number): string => Array.from({ length: n }, (_, i) => `dc=${i}`).join(',');
    assert.equal(Dn.parse(rdns(256)).length, 256);
    const text = rdns(257);
    assert.throws(() => Dn.parse(text), { message: `DN has more than 256 RDNs at position ${rdns(256).length}` });
    assert.equal(Dn.parse('a=1,b=2', { maxRdns: 2 }).length, 2);
    assert.throws(() => Dn.parse('a=1,b=2,c=3', { maxRdns: 2 }), { message: 'DN has more than 2 RDNs at position 7' });
  });

  it('carries the invalidDNSyntax result code', () => {
    try {
      Dn.parse('cn');
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof InvalidDnSyntaxError);
      assert.equal(error.resultCode, ResultCode.invalidDNSyntax);
    }
  });
});

describe('parseRdn', () => {
  it('parses a single- or multi-valued RDN', () => {
    assert.equal(parseRdn('cn=a').toString(), 'cn=a');
    assert.equal(parseRdn(' cn = a + sn = b ').toString(), 'cn=a+sn=b');
    assert.ok(parseRdn('cn=x') instanceof Rdn);
  });

  it('refuses a second RDN and the empty string', () => {
    assert.throws(() => parseRdn('cn=a,dc=b'), { message: "unescaped ',' in RDN at position 4" });
    assert.throws(() => parseRdn(''), { message: 'missing attribute type at position 0' });
  });
});
