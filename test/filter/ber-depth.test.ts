import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BerReader, BerWriter } from '../../src/ber/index.js';
import { decodeFilter, encodeFilter, parseFilter } from '../../src/filter/index.js';

function nested(levels: number): string {
  return '(!'.repeat(levels - 1) + '(cn=x)' + ')'.repeat(levels - 1);
}

function berOf(text: string, maxDepth = 32): Buffer {
  const w = new BerWriter();
  encodeFilter(w, parseFilter(text, { maxDepth }));
  return w.toBuffer();
}

describe('filter nesting limits agree between the string and BER forms', () => {
  it('32 levels are accepted by both', () => {
    const text = nested(32);
    assert.doesNotThrow(() => parseFilter(text));
    assert.deepEqual(decodeFilter(new BerReader(berOf(text))), parseFilter(text));
  });

  it('33 levels are refused by both', () => {
    const text = nested(33);
    assert.throws(() => parseFilter(text), /filter nested deeper than 32 levels/);
    assert.throws(() => decodeFilter(new BerReader(berOf(text, 64))), {
      name: 'BerDecodeError',
      message: /^filter nested deeper than 32 levels/,
    });
  });
});
