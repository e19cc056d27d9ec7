import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { LdifWriter, parseLdif, readLdif } from '../../src/ldif/index.js';
import type { LdifRecord } from '../../src/ldif/index.js';
import { anyRecord } from './arbitraries.js';
import { collect, splitAt } from './helpers.js';

function writeText(records: readonly LdifRecord[], foldWidth: number): string {
  const chunks: string[] = [];
  const writer = new LdifWriter((chunk) => chunks.push(chunk), { foldWidth, includeVersion: true });
  for (const record of records) writer.write(record);
  writer.end();
  return chunks.join('');
}

/** Hand-written input with everything chunk boundaries can cut: CRLF, folds, comments, raw multibyte UTF-8. */
const tricky = [
  'version: 1',
  '# a comment',
  ' that is folded',
  'dn: cn=Jos\u00e9 \u{1F600},dc=example',
  'cn: Jos\u00e9 \u{1F600} \u6F22\u5B57',
  'description: a folded',
  '  value with a space kept',
  'jpegPhoto:: /9j/4AAQ',
  ' SkZJRg==',
  '',
  '',
  'dn: cn=b',
  'control: 1.2.3 true:: AAE=',
  'changetype: modify',
  'replace: sn',
  'sn: \u00fcber',
  '-',
  '',
].join('\r\n');

describe('chunk-boundary independence', () => {
  it('the same bytes in any chunking give the same records (down to 1-byte chunks)', async () => {
    const whole = parseLdif(tricky);
    assert.equal(whole.length, 2);
    assert.deepEqual(whole[0], {
      kind: 'content',
      dn: 'cn=Jos\u00e9 \u{1F600},dc=example',
      line: 4,
      attributes: [
        { type: 'cn', values: [Buffer.from('Jos\u00e9 \u{1F600} \u6F22\u5B57')] },
        { type: 'description', values: [Buffer.from('a folded value with a space kept')] },
        { type: 'jpegPhoto', values: [Buffer.from('/9j/4AAQSkZJRg==', 'base64')] },
      ],
    });
    const bytes = Buffer.from(tricky, 'utf8');
    const oneByte = [...bytes].map((byte) => Buffer.from([byte]));
    assert.deepEqual(await collect(readLdif(oneByte)), whole);
    // Every single cut point, so each CR|LF split and each cut inside a multibyte character is covered.
    for (let cut = 0; cut <= bytes.length; cut++) {
      assert.deepEqual(await collect(readLdif([bytes.subarray(0, cut), bytes.subarray(cut)])), whole, `cut at ${cut}`);
    }
  });

  it('string chunks split inside a surrogate pair or between CR and LF give the same records', async () => {
    const whole = parseLdif(tricky);
    const units = tricky.split(''); // UTF-16 code units: the emoji is split in two
    assert.deepEqual(await collect(readLdif(units)), whole);
    assert.deepEqual(await collect(readLdif(Readable.from(units, { objectMode: true }))), whole);
  });

  it('reads from a Node Readable stream of bytes', async () => {
    const stream = Readable.from([Buffer.from(tricky, 'utf8')]);
    assert.deepEqual(await collect(readLdif(stream)), parseLdif(tricky));
  });

  it('random records in random chunks (LF and CRLF) read back identically', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyRecord, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 5, 76),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (records, foldWidth, crlf, cuts) => {
          let text = writeText(records, foldWidth);
          if (crlf) text = text.replaceAll('\n', '\r\n');
          const bytes = Buffer.from(text, 'latin1');
          const expected = parseLdif(bytes);
          assert.equal(expected.length, records.length);
          assert.deepEqual(await collect(readLdif(splitAt(bytes, cuts))), expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
