import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BerWriter, PduFramer, BerDecodeError } from '../../src/ber/index.js';

function pdu(id: number, size: number): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInteger(id);
  w.writeOctetString(Buffer.alloc(size, id & 0xff));
  w.endSequence();
  return w.toBuffer();
}

function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    parts.push(buf.subarray(prev, p));
    prev = p;
  }
  parts.push(buf.subarray(prev));
  return parts;
}

describe('PduFramer', () => {
  it('reassembles PDUs from any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (sizes, cuts) => {
          const pdus = sizes.map((s, i) => pdu(i + 1, s));
          const stream = Buffer.concat(pdus);
          const framer = new PduFramer();
          const out: Buffer[] = [];
          for (const part of splitAt(stream, cuts)) {
            framer.push(part);
            out.push(...framer.drain());
          }
          assert.equal(out.length, pdus.length);
          out.forEach((p, i) => assert.deepEqual(p, pdus[i]));
          assert.equal(framer.bufferedBytes, 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('one byte at a time', () => {
    const p = pdu(7, 300);
    const framer = new PduFramer();
    let got: Buffer | undefined;
    for (let i = 0; i < p.length; i++) {
      framer.push(p.subarray(i, i + 1));
      const next = framer.next();
      if (i < p.length - 1) assert.equal(next, undefined);
      else got = next;
    }
    assert.deepEqual(got, p);
  });

  it('refuses an oversized PDU as soon as its header arrives', () => {
    const framer = new PduFramer(1000);
    framer.push(Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]));
    assert.throws(() => framer.next(), {
      name: 'BerDecodeError',
      message: 'PDU of 2147483653 bytes exceeds the maximum of 1000 at offset 0',
    });
  });

  it('the limit can be raised after bind', () => {
    const big = pdu(1, 2000);
    const framer = new PduFramer(1000);
    framer.push(big);
    assert.throws(() => framer.next(), BerDecodeError);
    const raised = new PduFramer(1000);
    raised.setMaxPduSize(1 << 24);
    raised.push(big);
    assert.deepEqual(raised.next(), big);
  });

  it('rejects a PDU that is not a SEQUENCE and indefinite lengths', () => {
    const framer = new PduFramer();
    framer.push(Buffer.from([0x04, 0x00]));
    assert.throws(() => framer.next(), { message: 'LDAPMessage must start with a SEQUENCE (0x30), found 0x04 at offset 0' });
    const indefinite = new PduFramer();
    indefinite.push(Buffer.from([0x30, 0x80, 0x00, 0x00]));
    assert.throws(() => indefinite.next(), { message: 'indefinite length is not allowed in LDAP at offset 1' });
  });

  it('reports error offsets relative to the stream', () => {
    const framer = new PduFramer();
    const good = pdu(1, 3);
    framer.push(Buffer.concat([good, Buffer.from([0x02, 0x01, 0x00])]));
    assert.deepEqual(framer.next(), good);
    assert.throws(() => framer.next(), { message: `LDAPMessage must start with a SEQUENCE (0x30), found 0x02 at offset ${good.length}` });
  });

  it('handles a large PDU split into many small chunks in linear time', () => {
    const big = pdu(1, 4 * 1024 * 1024);
    const framer = new PduFramer(1 << 24);
    let result: Buffer | undefined;
    for (let off = 0; off < big.length; off += 1500) {
      framer.push(big.subarray(off, off + 1500));
      result = framer.next() ?? result;
    }
    assert.equal(result?.length, big.length);
    assert.ok(result !== undefined && result.equals(big));
  });
});
