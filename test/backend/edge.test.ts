import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { open } from 'lmdb';
import { LmdbBackend } from '../../src/backend/index.js';
import { LdapError } from '../../src/errors/index.js';
import { DEFAULT_INDEXES, attrs, tempDir, testOptions, withBackend } from './helpers.js';

test('normalisers: an LdapError means "no key" (value not indexed); any other exception aborts the add before any write', async () => {
  const invalid = Buffer.from('invalid');
  const buggy = Buffer.from('buggy');
  await withBackend(
    async (backend) => {
      const result = await backend.write((txn) => {
        const root = txn.add(0, 'o=x', 'o=x', attrs({ o: 'x' }));
        const odd = txn.add(root.id, 'cn=odd,o=x', 'cn=odd,o=x', attrs({ cn: [Buffer.from('ok'), invalid] }));
        assert.equal(odd.id, 2);
        // The callback swallows the bug's exception: still nothing of that entry may be written.
        assert.throws(() => txn.add(root.id, 'cn=bad,o=x', 'cn=bad,o=x', attrs({ cn: [buggy] })), TypeError);
        return txn.add(root.id, 'cn=good,o=x', 'cn=good,o=x', attrs({ cn: 'good' })).id;
      });
      assert.equal(result, 3, 'ids are allocated only after every check passed');
      backend.read((txn) => {
        assert.equal(txn.idOfNdn('cn=bad,o=x'), undefined);
        assert.deepEqual(txn.idsWithEquality('cn', 'ok'), [2]);
        assert.deepEqual(txn.idsWithEquality('cn', 'good'), [3]);
        assert.equal(txn.entryCount(), 3);
        // An assertion that cannot be keyed narrows nothing (the server's evaluator decides).
        assert.equal(txn.plan({ baseId: 1, scope: 'sub' }, { type: 'equality', attribute: 'cn', value: invalid }).description, 'pres(cn) ∩ sub-scope');
      });
      assert.deepEqual(backend.verifyIntegrity(), []);
    },
    DEFAULT_INDEXES,
    {
      equalityKey: (_attribute, value) => {
        if (value.equals(invalid)) throw new LdapError(21, 'invalid value');
        if (value.equals(buggy)) throw new TypeError('bug');
        return value.toString('utf8').toLowerCase();
      },
    },
  );
});

test('importBatch resolves parents inside the batch and rolls the whole batch back on error', async () => {
  await withBackend(async (backend) => {
    const first = backend.importBatch([
      { dn: 'o=x', ndn: 'o=x', attributes: attrs({ o: 'x' }) },
      { dn: 'ou=a,o=x', ndn: 'ou=a,o=x', parentNdn: 'o=x', attributes: attrs({ ou: 'a' }) },
      { dn: 'cn=b,ou=a,o=x', ndn: 'cn=b,ou=a,o=x', parentNdn: 'ou=a,o=x', attributes: attrs({ cn: 'b' }) },
    ]);
    assert.deepEqual(first, { added: 3, ids: [1, 2, 3] });
    assert.throws(
      () =>
        backend.importBatch([
          { dn: 'cn=c,ou=a,o=x', ndn: 'cn=c,ou=a,o=x', parentNdn: 'ou=a,o=x', attributes: attrs({ cn: 'c' }) },
          { dn: 'cn=d,ou=zz,o=x', ndn: 'cn=d,ou=zz,o=x', parentNdn: 'ou=zz,o=x', attributes: attrs({ cn: 'd' }) },
        ]),
      { resultCode: 32, message: 'parent entry does not exist: cn=d,ou=zz,o=x' },
    );
    backend.read((txn) => {
      assert.equal(txn.idOfNdn('cn=c,ou=a,o=x'), undefined);
      assert.equal(txn.entryCount(), 3);
    });
    const next = await backend.write((txn) => txn.add(2, 'cn=e,ou=a,o=x', 'cn=e,ou=a,o=x', []));
    assert.equal(next.id, 4);
    assert.deepEqual(backend.verifyIntegrity(), []);
  });
});

test('closed backend: write rejects and read throws with unavailable (52)', async () => {
  const path = tempDir();
  try {
    const backend = new LmdbBackend(testOptions(path, []));
    await backend.open();
    await backend.close();
    await assert.rejects(backend.write(() => 1), { resultCode: 52, message: 'backend: not open' });
    assert.throws(() => backend.read(() => 1), { resultCode: 52, message: 'backend: not open' });
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
});

test('an unknown data format is refused at open', async () => {
  const path = tempDir();
  try {
    const raw = open({ path, maxDbs: 8 });
    await raw.openDB('meta', {}).put('format', 99);
    await raw.close();
    const backend = new LmdbBackend(testOptions(path, []));
    await assert.rejects(backend.open(), { resultCode: 80, message: `backend: ${path} has data format 99, expected 1` });
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
});

test('reads see writes committed by another backend instance on the same directory', async () => {
  const path = tempDir();
  const a = new LmdbBackend(testOptions(path, DEFAULT_INDEXES));
  const b = new LmdbBackend(testOptions(path, DEFAULT_INDEXES));
  try {
    await a.open();
    await b.open();
    assert.equal(b.read((txn) => txn.entryCount()), 0);
    await a.write((txn) => txn.add(0, 'o=x', 'o=x', attrs({ o: 'x' })));
    // Same event-loop turn as the earlier read through b: still a fresh snapshot.
    assert.equal(b.read((txn) => txn.getByNdn('o=x')?.id), 1);
    const second = await b.write((txn) => txn.add(1, 'cn=y,o=x', 'cn=y,o=x', attrs({ cn: 'y' })));
    assert.equal(second.id, 2);
    assert.deepEqual(a.read((txn) => txn.idsWithEquality('cn', 'y')), [2]);
  } finally {
    await a.close();
    await b.close();
    rmSync(path, { recursive: true, force: true });
  }
});

test('an index added to the config is built for existing entries in chunks, and dropped again', async () => {
  const path = tempDir();
  try {
    const total = 25_000;
    const plain = new LmdbBackend(testOptions(path, []));
    await plain.open();
    plain.importBatch([{ dn: 'o=x', ndn: 'o=x', attributes: attrs({ o: 'x' }) }]);
    for (let start = 0; start < total; start += 5000) {
      plain.importBatch(
        Array.from({ length: 5000 }, (_, k) => ({ dn: `uid=u${start + k},o=x`, ndn: `uid=u${start + k},o=x`, parentNdn: 'o=x', attributes: attrs({ uid: `U${start + k}` }) })),
      );
    }
    await plain.close();

    const indexed = new LmdbBackend(testOptions(path, [{ attribute: 'uid', kinds: ['eq', 'pres'] }]));
    await indexed.open();
    indexed.read((txn) => {
      for (const i of [0, 9_999, 10_000, 19_999, 24_999]) assert.deepEqual(txn.idsWithEquality('uid', `u${i}`), [i + 2]);
    });
    assert.equal(indexed.rawKeys('index').length, 2 * total);
    assert.deepEqual(indexed.verifyIntegrity(), []);
    await indexed.close();

    const dropped = new LmdbBackend(testOptions(path, []));
    await dropped.open();
    assert.equal(dropped.rawKeys('index').length, 0);
    await dropped.close();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
});
