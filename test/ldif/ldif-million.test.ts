import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readLdif } from '../../src/ldif/index.js';

const ENTRIES = 1_000_000;
const PER_CHUNK = 500;
const MB = 1024 * 1024;

/** A million-entry LDIF made lazily, never held whole and never written to disk. */
async function* generate(): AsyncGenerator<Buffer> {
  for (let start = 0; start < ENTRIES; start += PER_CHUNK) {
    const parts: string[] = [];
    for (let i = start; i < start + PER_CHUNK; i++) {
      parts.push(
        `dn: uid=user${i},ou=people,dc=example,dc=com\n` +
          `objectClass: inetOrgPerson\n` +
          `cn: User ${i}\n` +
          `sn: Number${i}\n` +
          `uid: user${i}\n` +
          `mail: user${i}@example.com\n\n`,
      );
    }
    yield Buffer.from(parts.join(''), 'latin1');
  }
}

describe('bounded memory', () => {
  it('streams 1,000,000 entries through readLdif without growing the heap', { timeout: 120_000 }, async (t) => {
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage();
    let peakHeap = baseline.heapUsed;
    let peakRss = baseline.rss;
    let count = 0;
    let attributes = 0;
    let last = '';
    const started = performance.now();
    for await (const record of readLdif(generate())) {
      count++;
      if (record.kind === 'content') attributes += record.attributes.length;
      if (count % 20_000 === 0) {
        const usage = process.memoryUsage();
        peakHeap = Math.max(peakHeap, usage.heapUsed);
        peakRss = Math.max(peakRss, usage.rss);
      }
      if (count === ENTRIES) last = record.dn;
    }
    const seconds = (performance.now() - started) / 1000;
    const heapGrowth = (peakHeap - baseline.heapUsed) / MB;
    const rssGrowth = (peakRss - baseline.rss) / MB;
    t.diagnostic(
      `${count} records in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} records/s including generation); ` +
        `peak heap growth ${heapGrowth.toFixed(1)} MB, peak rss growth ${rssGrowth.toFixed(1)} MB`,
    );
    assert.equal(count, ENTRIES);
    assert.equal(attributes, ENTRIES * 5);
    assert.equal(last, `uid=user${ENTRIES - 1},ou=people,dc=example,dc=com`);
    // The input is ~150 MB of text; holding it (or the records) would blow these bounds.
    assert.ok(heapGrowth < 200, `heap grew by ${heapGrowth.toFixed(1)} MB`);
    assert.ok(rssGrowth < 200, `rss grew by ${rssGrowth.toFixed(1)} MB`);
  });
});
