import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from '../../src/filter/index.js';
import type { ImportRecord } from '../../src/backend/index.js';
import { attrs, withBackend } from './helpers.js';

/**
 * Throughput smoke test on real LMDB (noSync, as an offline import runs). The thresholds are far below
 * what this machine does (about 20k entries/s with this index set, reads by ndn in a few µs) so that a
 * slow CI box does not flake, but a pathological regression (a quadratic step, a per-row fsync) fails.
 */
const INDEXES = [
  { attribute: 'objectclass', kinds: ['eq'] },
  { attribute: 'uid', kinds: ['eq', 'pres'] },
  { attribute: 'cn', kinds: ['eq', 'pres'] },
  { attribute: 'mail', kinds: ['eq'] },
] as const;

function person(i: number): ImportRecord {
  const dn = `uid=user${i},ou=people,dc=example,dc=com`;
  return {
    dn,
    ndn: dn,
    parentNdn: 'ou=people,dc=example,dc=com',
    attributes: attrs({
      objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
      uid: `user${i}`,
      cn: `User Number ${i}`,
      sn: `Number${i}`,
      mail: `user${i}@example.com`,
      userPassword: '{SSHA}abcdefghijklmnopqrstuvwxyz012345',
    }),
  };
}

test('import 20k entries in batches, then point reads and an indexed search', async () => {
  await withBackend(
    async (backend) => {
      backend.importBatch([
        { dn: 'dc=example,dc=com', ndn: 'dc=example,dc=com', attributes: attrs({ objectClass: 'domain', dc: 'example' }) },
        { dn: 'ou=people,dc=example,dc=com', ndn: 'ou=people,dc=example,dc=com', parentNdn: 'dc=example,dc=com', attributes: attrs({ ou: 'people' }) },
      ]);
      const total = 20_000;
      const started = performance.now();
      for (let start = 0; start < total; start += 1000) {
        const batch: ImportRecord[] = [];
        for (let i = start; i < start + 1000; i++) batch.push(person(i));
        assert.equal(backend.importBatch(batch).added, 1000);
      }
      const importRate = total / ((performance.now() - started) / 1000);
      await backend.sync();

      const reads = 20_000;
      const readStart = performance.now();
      for (let i = 0; i < reads; i++) {
        const entry = backend.read((txn) => txn.getByNdn(`uid=user${(i * 7919) % total},ou=people,dc=example,dc=com`));
        assert.ok(entry);
      }
      const readMicros = ((performance.now() - readStart) * 1000) / reads;

      const hits = backend.read((txn) => {
        const scope = { baseId: 1, scope: 'sub' as const };
        const filter = parseFilter('(&(objectClass=person)(uid=user12345))');
        assert.equal(txn.plan(scope, filter).kind, 'indexed');
        return [...txn.candidates(scope, filter)].map((e) => e.dn);
      });
      assert.deepEqual(hits, ['uid=user12345,ou=people,dc=example,dc=com']);
      assert.equal(backend.read((txn) => txn.entryCount()), total + 2);
      console.log(`# import ${Math.round(importRate)} entries/s; read by ndn ${readMicros.toFixed(1)} µs`);
      // Rates are reported, not asserted: speed is measured by npm run bench, never by tests.

    },
    INDEXES,
    { noSync: true },
  );
});
