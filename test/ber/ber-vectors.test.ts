import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BerReader, BerWriter, BerDecodeError, contextTag } from '../../src/ber/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const toHex = (b: Buffer): string => b.toString('hex');

function encodeInt(value: number): string {
  const w = new BerWriter();
  w.writeInteger(value);
  return toHex(w.toBuffer());
}

describe('BER integers (X.690 §8.3, minimal two-complement)', () => {
  const vectors: [number, string][] = [
    [0, '020100'],
    [1, '020101'],
    [127, '02017f'],
    [128, '02020080'],
    [255, '020200ff'],
    [256, '02020100'],
    [32767, '02027fff'],
    [32768, '0203008000'],
    [8388607, '02037fffff'],
    [8388608, '020400800000'],
    [2147483647, '02047fffffff'],
    [-1, '0201ff'],
    [-128, '020180'],
    [-129, '0202ff7f'],
    [-32768, '02028000'],
    [-32769, '0203ff7fff'],
    [-2147483648, '020480000000'],
  ];
  for (const [value, encoding] of vectors) {
    it(`${value} <-> ${encoding}`, () => {
      assert.equal(encodeInt(value), encoding);
      const r = new BerReader(hex(encoding));
      assert.equal(r.readInteger(), value);
      r.end();
    });
  }

  it('tolerates redundant sign octets like liblber, but checks the value range', () => {
    assert.equal(new BerReader(hex('0203000005')).readInteger(), 5);
    assert.equal(new BerReader(hex('0203ffffff')).readInteger(), -1);
    assert.equal(new BerReader(hex('02050000000001')).readInteger(), 1);
  });

  it('rejects integers outside 32 bits, empty integers, and out-of-range writes', () => {
    assert.throws(() => new BerReader(hex('02050100000000')).readInteger(), {
      name: 'BerDecodeError',
      message: 'integer does not fit in 32 bits at offset 0',
    });
    assert.throws(() => new BerReader(hex('02050080000000')).readInteger(), /does not fit in 32 bits/);
    assert.throws(() => new BerReader(hex('0200')).readInteger(), {
      message: 'integer has no content octets at offset 0',
    });
    assert.throws(() => new BerWriter().writeInteger(2 ** 31), RangeError);
    assert.throws(() => new BerWriter().writeInteger(1.5), RangeError);
  });

  it('enumerated uses tag 0x0a', () => {
    const w = new BerWriter();
    w.writeEnumerated(3);
    assert.equal(toHex(w.toBuffer()), '0a0103');
    assert.equal(new BerReader(hex('0a0103')).readEnumerated(), 3);
  });
});

describe('BER primitives', () => {
  it('boolean: writes 0xff/0x00, reads any non-zero as TRUE, requires one octet', () => {
    const w = new BerWriter();
    w.writeBoolean(true);
    w.writeBoolean(false);
    assert.equal(toHex(w.toBuffer()), '0101ff010100');
    assert.equal(new BerReader(hex('010101')).readBoolean(), true);
    assert.equal(new BerReader(hex('010100')).readBoolean(), false);
    assert.throws(() => new BerReader(hex('01020000')).readBoolean(), {
      message: 'boolean must have 1 content octet, has 2 at offset 0',
    });
  });

  it('null', () => {
    const w = new BerWriter();
    w.writeNull();
    assert.equal(toHex(w.toBuffer()), '0500');
    new BerReader(hex('0500')).readNull();
    assert.throws(() => new BerReader(hex('050100')).readNull(), /null must have no content/);
  });

  it('octet strings stay bytes; strings are UTF-8', () => {
    const w = new BerWriter();
    w.writeOctetString(Buffer.from([0x00, 0xff, 0x80]));
    w.writeString('é');
    w.writeOctetString('');
    assert.equal(toHex(w.toBuffer()), '040300ff800402c3a90400');
    const r = new BerReader(w.toBuffer());
    assert.deepEqual(r.readOctetString(), Buffer.from([0x00, 0xff, 0x80]));
    assert.equal(r.readString(), 'é');
    assert.equal(r.readOctetString().length, 0);
    r.end();
  });

  it('context and application tags', () => {
    const w = new BerWriter();
    w.writeOctetString('x', contextTag(0, false));
    w.sequence(0x63, (inner) => inner.writeInteger(1));
    assert.equal(toHex(w.toBuffer()), '800178' + '6303020101');
  });
});

describe('BER lengths (X.690 §8.1.3)', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [127, '7f'],
    [128, '8180'],
    [255, '81ff'],
    [256, '820100'],
    [65535, '82ffff'],
    [65536, '83010000'],
    [16777216, '8401000000'],
  ];
  for (const [len, lengthOctets] of cases) {
    it(`length ${len} is encoded as ${lengthOctets} in primitives and sequences`, () => {
      const content = Buffer.alloc(len, 0x61);
      const w = new BerWriter(16);
      w.writeOctetString(content);
      const prim = w.toBuffer();
      assert.equal(toHex(prim.subarray(0, 1 + lengthOctets.length / 2)), '04' + lengthOctets);
      assert.equal(new BerReader(prim).readOctetString().length, len);

      const s = new BerWriter(16);
      s.startSequence();
      s.writeRaw(content);
      s.endSequence();
      const seq = s.toBuffer();
      assert.equal(toHex(seq.subarray(0, 1 + lengthOctets.length / 2)), '30' + lengthOctets);
      assert.equal(new BerReader(seq).readSequence().remaining, len);
    });
  }

  it('accepts non-minimal long-form lengths (BER allows them)', () => {
    assert.equal(new BerReader(hex('04 81 03 616263')).readString(), 'abc');
    assert.equal(new BerReader(hex('04 84 00000003 616263')).readString(), 'abc');
  });

  it('nested sequences whose lengths need the long form are patched correctly', () => {
    const w = new BerWriter(8);
    w.startSequence();
    w.startSequence(0xa0);
    w.writeOctetString(Buffer.alloc(200, 1));
    w.endSequence();
    w.writeOctetString(Buffer.alloc(70000, 2));
    w.endSequence();
    const r = new BerReader(w.toBuffer()).readSequence();
    const inner = r.readSequence(0xa0);
    assert.equal(inner.readOctetString().length, 200);
    inner.end();
    assert.equal(r.readOctetString().length, 70000);
    r.end();
  });
});

describe('BER rejects malformed input with BerDecodeError', () => {
  const bad: [string, string, (r: BerReader) => unknown][] = [
    ['indefinite length', 'indefinite length is not allowed in LDAP at offset 1', (r) => r.readSequence()],
    ['length of 5 octets', 'length of 5 octets is too large at offset 1', (r) => r.readSequence()],
    ['length beyond the buffer', 'sequence length 5 exceeds the 2 bytes available at offset 2', (r) => r.readSequence()],
    ['truncated length', 'truncated length of sequence at offset 2', (r) => r.readSequence()],
    ['missing length', 'truncated length of octet string at offset 1', (r) => r.readOctetString()],
    ['empty input', 'unexpected end of data, expected a tag at offset 0', (r) => r.readOctetString()],
    ['wrong tag', 'expected octet string tag 0x04, found 0x02 at offset 0', (r) => r.readOctetString()],
    ['high tag number form', 'high-tag-number form is not used by LDAP at offset 0', (r) => r.readOctetString()],
  ];
  const inputs: Record<string, string> = {
    'indefinite length': '3080020101 0000',
    'length of 5 octets': '30 85 0000000001 00',
    'length beyond the buffer': '30 05 0201',
    'truncated length': '30 82 01',
    'missing length': '04',
    'empty input': '',
    'wrong tag': '020101',
    'high tag number form': '1f 81 00',
  };
  for (const [name, message, read] of bad) {
    it(name, () => {
      const input = inputs[name];
      assert.ok(input !== undefined);
      assert.throws(
        () => read(new BerReader(hex(input))),
        (err: unknown) => err instanceof BerDecodeError && err.message === message && err.resultCode === 2,
      );
    });
  }

  it('trailing bytes are an error, not padding', () => {
    const r = new BerReader(hex('0201050000'));
    r.readInteger();
    assert.throws(() => r.end(), { message: '2 unexpected trailing bytes at offset 3' });
  });

  it('a child reader cannot read past its parent', () => {
    // The sequence claims 3 content bytes; the octet string inside claims 5.
    const r = new BerReader(hex('3003 0405 6162636465')).readSequence();
    assert.throws(() => r.readOctetString(), /exceeds the 1 bytes available/);
  });

  it('nesting deeper than the limit is refused', () => {
    let encoded = hex('0500');
    for (let i = 0; i < 70; i++) {
      const w = new BerWriter();
      w.startSequence();
      w.writeRaw(encoded);
      w.endSequence();
      encoded = w.toBuffer();
    }
    let r = new BerReader(encoded);
    assert.throws(() => {
      for (;;) r = r.readSequence();
    }, /nesting deeper than 64 levels/);
  });

  it('never allocates from a declared length: a 4 GiB claim in 6 bytes fails fast', () => {
    assert.throws(() => new BerReader(hex('04 84 ffffffff 00')).readOctetString(), /exceeds the 1 bytes available/);
  });
});

describe('BER strings are strict UTF-8', () => {
  it('invalid UTF-8 in an LDAPString is refused, a genuine U+FFFD is kept', () => {
    assert.throws(() => new BerReader(hex('0402c328')).readString(), {
      name: 'BerDecodeError',
      message: 'string is not valid UTF-8 at offset 0',
    });
    assert.equal(new BerReader(hex('0403efbfbd')).readString(), '\uFFFD');
    // Octet strings stay bytes: no UTF-8 requirement.
    assert.deepEqual(new BerReader(hex('0402c328')).readOctetString(), hex('c328'));
  });
});
