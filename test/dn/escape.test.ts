import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidDnSyntaxError } from '../../src/errors/index.js';
import { Rdn, checkAttributeType, createAva, dnValueToString, escapeDnValue, unescapeDnValue, unescapeDnValueToString } from '../../src/dn/index.js';

describe('escapeDnValue (RFC 4514 §2.4)', () => {
  const vectors: [string | Buffer, string][] = [
    ['', ''],
    ['plain value', 'plain value'],
    [' leading', '\\ leading'],
    ['trailing ', 'trailing\\ '],
    [' ', '\\ '],
    ['  ', '\\ \\ '],
    ['#hash', '\\#hash'],
    ['a#b=c', 'a#b=c'],
    ['"+,;<>\\', '\\"\\+\\,\\;\\<\\>\\\\'],
    ['nul\u0000', 'nul\\00'],
    ['tab\tcr\rdel\u007f', 'tab\\09cr\\0Ddel\\7F'],
    ['c1\u0085', 'c1\\C2\\85'],
    ['é ü 日本 😀', 'é ü 日本 😀'],
    [Buffer.from([0x61, 0xff, 0x62]), 'a\\FFb'],
    [Buffer.from([0xc4]), '\\C4'],
    [Buffer.from([0xed, 0xa0, 0x80]), '\\ED\\A0\\80'], // UTF-8 of a surrogate is not UTF-8
    [Buffer.from([0xc0, 0xaf]), '\\C0\\AF'], // overlong '/'
    [Buffer.from([0xf4, 0x90, 0x80, 0x80]), '\\F4\\90\\80\\80'], // past U+10FFFF
    [Buffer.from([0x20, 0x23]), '\\ #'],
  ];
  for (const [input, expected] of vectors) {
    it(`${JSON.stringify(typeof input === 'string' ? input : input.toString('hex'))} → ${JSON.stringify(expected)}`, () => {
      assert.equal(escapeDnValue(input), expected);
      assert.deepEqual(unescapeDnValue(expected), typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
    });
  }
});

describe('unescapeDnValue', () => {
  it('decodes both escape forms and trims unescaped surrounding spaces', () => {
    assert.equal(unescapeDnValueToString('  a\\2cb\\,c\\ '), 'a,b,c ');
    assert.equal(unescapeDnValueToString('Lu\\C4\\8Di\\C4\\87'), 'Lučić');
    assert.deepEqual(unescapeDnValue('\\ff'), Buffer.from([0xff]));
  });

  it('rejects what a DN value may not contain', () => {
    assert.throws(() => unescapeDnValue('a,b'), { message: "unescaped ',' in attribute value at position 1" });
    assert.throws(() => unescapeDnValue('a+b'), { message: "unescaped '+' in attribute value at position 1" });
    assert.throws(() => unescapeDnValue('#04'), { message: "unescaped '#' at the start of a value at position 0" });
    assert.throws(() => unescapeDnValue('ab\\'), { message: "dangling '\\' at position 2" });
  });

  it('refuses octets that are not UTF-8 when a string is asked for', () => {
    assert.throws(() => unescapeDnValueToString('ab\\C4'), { name: 'InvalidDnSyntaxError', message: 'attribute value is not valid UTF-8: octet 0xC4 at offset 2' });
    assert.throws(() => dnValueToString(Buffer.from([0x61, 0xed, 0xa0, 0x80])), { message: 'attribute value is not valid UTF-8: octet 0xED at offset 1' });
  });
});

describe('createAva / Rdn construction', () => {
  it('validates the type and escapes the value', () => {
    const ava = createAva('cn', ' a,b ');
    assert.deepEqual(ava, { type: 'cn', value: Buffer.from(' a,b '), rawValue: '\\ a\\,b\\ ', hexEncoded: false });
    assert.equal(Rdn.of('cn', ' a,b ').toString(), 'cn=\\ a\\,b\\ ');
  });

  it('builds #hex values from one complete BER element', () => {
    const ava = createAva('2.5.4.3', Buffer.from('04024869', 'hex'), { hexEncoded: true });
    assert.equal(ava.rawValue, '#04024869');
    assert.equal(new Rdn([ava]).toString(), '2.5.4.3=#04024869');
    assert.throws(() => createAva('cn', Buffer.from('0402', 'hex'), { hexEncoded: true }), {
      message: 'hex value is not a single BER element: content length 2 exceeds the 0 octets present',
    });
    assert.throws(() => createAva('cn', Buffer.alloc(0), { hexEncoded: true }), { message: 'hex value needs at least one octet' });
  });

  it('copies the value so later changes to the caller\'s buffer do not leak in', () => {
    const bytes = Buffer.from('abc');
    const rdn = Rdn.of('cn', bytes);
    bytes[0] = 0x7a;
    assert.equal(rdn.toString(), 'cn=abc');
  });

  it('refuses bad types, empty RDNs and duplicate AVAs', () => {
    assert.throws(() => createAva('c n', 'x'), { message: "invalid character ' ' in attribute type at position 1" });
    assert.throws(() => createAva('', 'x'), { message: 'missing attribute type at position 0' });
    assert.throws(() => createAva('cn=x,dc', 'x'), { message: "invalid character '=' in attribute type at position 2" });
    assert.throws(() => checkAttributeType('#x'), { message: "invalid character '#' at the start of an attribute type at position 0" });
    assert.throws(() => new Rdn([]), { message: 'an RDN needs at least one attribute type and value' });
    assert.throws(() => new Rdn([createAva('cn', 'a'), createAva('CN', 'a')]), (e: unknown) => {
      assert.ok(e instanceof InvalidDnSyntaxError);
      assert.equal(e.message, "duplicate attribute type and value 'CN=a' in RDN");
      return true;
    });
    // A hand-made AVA with an injected type is refused rather than written into a DN string.
    const forged = { type: 'cn=x,dc', value: Buffer.from('y'), rawValue: 'y', hexEncoded: false };
    assert.throws(() => new Rdn([forged]), { name: 'InvalidDnSyntaxError' });
    const badHex = { type: 'cn', value: Buffer.from('0402', 'hex'), rawValue: '#0402', hexEncoded: true };
    assert.throws(() => new Rdn([badHex]), { message: "hex value of 'cn' is not a single BER element" });
  });
});
