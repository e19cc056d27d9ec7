import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatLdifRecord, LdifWriter, parseLdif, readLdif } from '../../src/ldif/index.js';
import type { LdifRecord, LdifWriteOptions } from '../../src/ldif/index.js';
import { anyRecord, changeRecord, contentRecord } from './arbitraries.js';
import { collect } from './helpers.js';

/** Writes records as one file and returns the text and the records with the line numbers they must read back with. */
function writeAll(records: readonly LdifRecord[], options: LdifWriteOptions): { text: string; expected: LdifRecord[] } {
  const chunks: string[] = [];
  const writer = new LdifWriter((chunk) => chunks.push(chunk), options);
  // The version line folds too, so count its physical lines.
  const probe = { dn: 'cn=x', attributes: [{ type: 'cn', values: [Buffer.from('x')] }] };
  const versionLines = formatLdifRecord(probe, options).split('\n').length - formatLdifRecord(probe, { ...options, includeVersion: false }).split('\n').length;
  let line = 1 + versionLines;
  const expected: LdifRecord[] = [];
  for (const record of records) {
    expected.push({ ...record, line });
    writer.write(record);
    line += formatLdifRecord(record, { ...options, includeVersion: false }).split('\n').length; // its lines + the blank one
  }
  writer.end();
  return { text: chunks.join(''), expected };
}

describe('LDIF round trip', () => {
  it('readLdif(formatLdifRecord(r)) equals r for content records', async () => {
    await fc.assert(
      fc.asyncProperty(contentRecord, async (record) => {
        const [back] = await collect(readLdif([formatLdifRecord(record)]));
        assert.deepEqual(back, { ...record, line: 1 });
      }),
      { numRuns: 200 },
    );
  });

  it('readLdif(formatLdifRecord(r)) equals r for change records', async () => {
    await fc.assert(
      fc.asyncProperty(changeRecord, async (record) => {
        const [back] = await collect(readLdif([formatLdifRecord(record)]));
        assert.deepEqual(back, { ...record, line: 1 });
      }),
      { numRuns: 200 },
    );
  });

  it('a file of mixed records reads back with the right line numbers, whatever the fold width', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyRecord, { maxLength: 6 }),
        fc.constantFrom(0, 2, 3, 40, 76, 200),
        fc.boolean(),
        async (records, foldWidth, includeVersion) => {
          const { text, expected } = writeAll(records, { foldWidth, includeVersion });
          if (foldWidth > 0) for (const line of text.split('\n')) assert.ok(line.length <= foldWidth);
          assert.deepEqual(await collect(readLdif([text])), expected);
          assert.deepEqual(parseLdif(text), expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('plain UTF-8 values (not base64) are read as their raw bytes', () => {
    const [record] = parseLdif(Buffer.from('dn: cn=café,dc=x\ncn: café ☕\n', 'utf8'));
    assert.deepEqual(record, {
      kind: 'content',
      dn: 'cn=café,dc=x',
      line: 1,
      attributes: [{ type: 'cn', values: [Buffer.from('café ☕', 'utf8')] }],
    });
  });
});
