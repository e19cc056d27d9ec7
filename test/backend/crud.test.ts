import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { LmdbBackend } from '../../src/backend/index.js';
import type { StoredEntry, WriteTxn } from '../../src/backend/index.js';
import { LdapError } from '../../src/errors/index.js';
import { parseFilter } from '../../src/filter/index.js';
import { DEFAULT_INDEXES, attrs, tempDir, testOptions, withBackend } from './helpers.js';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** dc=example,dc=com → ou=people → uid=a, uid=b; ou=groups → cn=g. */
interface Seeded {
  readonly root: StoredEntry;
  readonly people: StoredEntry;
  readonly groups: StoredEntry;
  readonly a: StoredEntry;
  readonly b: StoredEntry;
  readonly g: StoredEntry;
}

function seed(txn: WriteTxn): Seeded {
  const root = txn.add(0, 'dc=Example,dc=com', 'dc=example,dc=com', attrs({ objectClass: ['top', 'domain'], dc: 'Example' }));
  const people = txn.add(root.id, 'ou=People,dc=Example,dc=com', 'ou=people,dc=example,dc=com', attrs({ objectClass: 'organizationalUnit', ou: 'People' }));
  const groups = txn.add(root.id, 'ou=Groups,dc=Example,dc=com', 'ou=groups,dc=example,dc=com', attrs({ objectClass: 'organizationalUnit', ou: 'Groups' }));
  const a = txn.add(people.id, 'uid=A,ou=People,dc=Example,dc=com', 'uid=a,ou=people,dc=example,dc=com', attrs({ objectClass: ['person'], uid: 'A', cn: 'Alice Smith', userCertificate: [ALL_BYTES, Buffer.alloc(0)] }));
  const b = txn.add(people.id, 'uid=b,ou=People,dc=Example,dc=com', 'uid=b,ou=people,dc=example,dc=com', attrs({ objectClass: ['person'], uid: 'b', cn: 'Bob Jones', mail: 'bob@example.com' }));
  const g = txn.add(groups.id, 'cn=G,ou=Groups,dc=Example,dc=com', 'cn=g,ou=groups,dc=example,dc=com', attrs({ objectClass: 'groupOfNames', cn: 'G' }));
  return { root, people, groups, a, b, g };
}

function ids(iterable: Iterable<StoredEntry>): number[] {
  return [...iterable].map((e) => e.id);
}

async function rejectsWith(promise: Promise<unknown>, code: number, message: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof LdapError, `expected LdapError, got ${String(error)}`);
    assert.equal(error.resultCode, code);
    assert.equal(error.message, message);
    return true;
  });
}

test('add, get by id and ndn, exact binary round trip, counts', async () => {
  await withBackend(async (backend) => {
    const e = await backend.write(seed);
    assert.deepEqual([e.root.id, e.people.id, e.groups.id, e.a.id, e.b.id, e.g.id], [1, 2, 3, 4, 5, 6]);
    backend.read((txn) => {
      const a = txn.getByNdn('uid=a,ou=people,dc=example,dc=com');
      assert.ok(a);
      assert.equal(a.dn, 'uid=A,ou=People,dc=Example,dc=com');
      assert.equal(a.parentId, 2);
      const cert = a.attributes.find((x) => x.type === 'userCertificate');
      assert.ok(cert && Buffer.isBuffer(cert.values[0]));
      assert.deepEqual(cert.values, [ALL_BYTES, Buffer.alloc(0)]);
      assert.deepEqual(txn.getById(4), a);
      assert.equal(txn.idOfNdn('uid=b,ou=people,dc=example,dc=com'), 5);
      assert.equal(txn.idOfNdn('uid=zz,ou=people,dc=example,dc=com'), undefined);
      assert.equal(txn.getById(99), undefined);
      assert.equal(txn.getById(0), undefined);
      assert.equal(txn.entryCount(), 6);
      assert.equal(txn.countChildren(1), 2);
      assert.equal(txn.countChildren(2), 2);
      assert.equal(txn.countChildren(0), 1);
      assert.equal(txn.hasChildren(3), true);
      assert.equal(txn.hasChildren(6), false);
      assert.deepEqual(txn.idsWithEquality('objectclass', 'person'), [4, 5]);
      assert.deepEqual(txn.idsWithEquality('uid', 'a'), [4]);
      assert.equal(txn.idsWithEquality('dc', 'example'), undefined, 'dc has no eq index');
    });
    assert.deepEqual(backend.verifyIntegrity(), []);
  });
});

test('errors: duplicate ndn → 68, missing parent → 32, non-leaf delete → 66, unknown id → 32', async () => {
  await withBackend(async (backend) => {
    await backend.write(seed);
    await rejectsWith(
      backend.write((txn) => txn.add(2, 'UID=A,ou=People,dc=Example,dc=com', 'uid=a,ou=people,dc=example,dc=com', [])),
      68,
      'entry already exists: UID=A,ou=People,dc=Example,dc=com',
    );
    await rejectsWith(backend.write((txn) => txn.add(42, 'cn=x', 'cn=x', [])), 32, 'backend: parent entry 42 does not exist');
    await rejectsWith(backend.write((txn) => txn.delete(2)), 66, 'cannot delete a non-leaf entry: ou=People,dc=Example,dc=com');
    await rejectsWith(backend.write((txn) => txn.delete(77)), 32, 'backend: no entry with id 77');
    await rejectsWith(backend.write((txn) => txn.replace(77, [])), 32, 'backend: no entry with id 77');
    await rejectsWith(
      backend.write((txn) => txn.move(2, 4, 'ou=People,uid=A,ou=People,dc=Example,dc=com', 'ou=people,uid=a,ou=people,dc=example,dc=com', [])),
      53,
      'cannot move an entry below itself: ou=People,dc=Example,dc=com',
    );
    await rejectsWith(
      backend.write((txn) => txn.move(4, 2, 'uid=b,ou=People,dc=Example,dc=com', 'uid=b,ou=people,dc=example,dc=com', [])),
      68,
      'entry already exists: uid=b,ou=People,dc=Example,dc=com',
    );
    await rejectsWith(backend.write(() => Promise.resolve(1)), 80, 'backend: a write callback must be synchronous');
    assert.equal(backend.read((txn) => txn.entryCount()), 6);
    assert.deepEqual(backend.verifyIntegrity(), []);
  });
});

test('a throwing write leaves nothing behind, and only its own changes are rolled back in a shared batch', async () => {
  await withBackend(async (backend) => {
    await backend.write(seed);
    const tables = ['id2entry', 'dn2id', 'children', 'ancestors', 'index'] as const;
    const before = tables.map((t) => backend.rawKeys(t).map((k) => k.toString('hex')));
    // Three writes in one event turn share one LMDB transaction; the middle one throws after writing.
    const results = await Promise.allSettled([
      backend.write((txn) => txn.add(2, 'uid=c,ou=People,dc=Example,dc=com', 'uid=c,ou=people,dc=example,dc=com', attrs({ uid: 'c', cn: 'Carol' }))),
      backend.write((txn) => {
        txn.add(2, 'uid=d,ou=People,dc=Example,dc=com', 'uid=d,ou=people,dc=example,dc=com', attrs({ uid: 'd', cn: 'Dave', objectClass: 'person' }));
        txn.replace(4, attrs({ uid: 'A', cn: 'Changed' }));
        txn.delete(6);
        throw new LdapError(80, 'boom');
      }),
      backend.write((txn) => txn.add(2, 'uid=e,ou=People,dc=Example,dc=com', 'uid=e,ou=people,dc=example,dc=com', attrs({ uid: 'e' }))),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    const rejected = results[1];
    assert.ok(rejected?.status === 'rejected' && rejected.reason instanceof LdapError && rejected.reason.message === 'boom');
    backend.read((txn) => {
      assert.equal(txn.idOfNdn('uid=d,ou=people,dc=example,dc=com'), undefined);
      assert.deepEqual(txn.idsWithEquality('uid', 'd'), []);
      assert.deepEqual(txn.idsWithEquality('cn', 'changed'), []);
      assert.deepEqual(txn.idsWithEquality('cn', 'alice smith'), [4]);
      assert.ok(txn.getById(6));
      assert.equal(txn.entryCount(), 8);
      assert.deepEqual(txn.idsWithEquality('uid', 'c'), [7]);
      // The rolled-back write had allocated id 8: allocation rolled back too, so 'e' got it.
      assert.deepEqual(txn.idsWithEquality('uid', 'e'), [8]);
    });
    await backend.write((txn) => {
      txn.delete(txn.idOfNdn('uid=c,ou=people,dc=example,dc=com') ?? -1);
      txn.delete(txn.idOfNdn('uid=e,ou=people,dc=example,dc=com') ?? -1);
    });
    const after = tables.map((t) => backend.rawKeys(t).map((k) => k.toString('hex')));
    assert.deepEqual(after, before);
    assert.deepEqual(backend.verifyIntegrity(), []);
  });
});

test('replace diffs index rows; delete removes every row', async () => {
  await withBackend(async (backend) => {
    await backend.write(seed);
    await backend.write((txn) => txn.replace(5, attrs({ objectClass: 'person', uid: 'b', cn: ['Bob Jones', 'Robert'], mail: 'rob@example.org' })));
    backend.read((txn) => {
      assert.deepEqual(txn.idsWithEquality('cn', 'robert'), [5]);
      assert.deepEqual(txn.idsWithEquality('mail', 'bob@example.com'), []);
      assert.deepEqual(txn.idsWithEquality('mail', 'rob@example.org'), [5]);
      assert.equal(txn.getById(5)?.dn, 'uid=b,ou=People,dc=Example,dc=com');
    });
    assert.deepEqual(backend.verifyIntegrity(), []);
    await backend.write((txn) => txn.delete(5));
    backend.read((txn) => {
      assert.equal(txn.getById(5), undefined);
      assert.equal(txn.idOfNdn('uid=b,ou=people,dc=example,dc=com'), undefined);
      assert.deepEqual(txn.idsWithEquality('cn', 'robert'), []);
      assert.equal(txn.countChildren(2), 1);
      assert.equal(txn.entryCount(), 5);
    });
    assert.deepEqual(backend.verifyIntegrity(), []);
  });
});

test('move: subtree under a new parent updates dn/ndn, children and ancestors; scopes follow', async () => {
  await withBackend(async (backend) => {
    const e = await backend.write(seed);
    const sub = (baseId: number) => ({ baseId, scope: 'sub' as const });
    const all = parseFilter('(&)');
    // ou=People moves under ou=Groups and is renamed to ou=Staff.
    const moved = await backend.write((txn) =>
      txn.move(2, 3, 'ou=Staff,ou=Groups,dc=Example,dc=com', 'ou=staff,ou=groups,dc=example,dc=com', attrs({ objectClass: 'organizationalUnit', ou: 'Staff' })),
    );
    assert.equal(moved.parentId, 3);
    backend.read((txn) => {
      assert.equal(txn.getById(4)?.dn, 'uid=A,ou=Staff,ou=Groups,dc=Example,dc=com');
      assert.equal(txn.getById(4)?.ndn, 'uid=a,ou=staff,ou=groups,dc=example,dc=com');
      assert.equal(txn.idOfNdn('uid=b,ou=staff,ou=groups,dc=example,dc=com'), 5);
      assert.equal(txn.idOfNdn('uid=b,ou=people,dc=example,dc=com'), undefined);
      assert.equal(txn.idOfNdn('ou=people,dc=example,dc=com'), undefined);
      assert.deepEqual(ids(txn.candidates({ baseId: 1, scope: 'one' }, all)), [3]);
      assert.deepEqual(ids(txn.candidates({ baseId: 3, scope: 'one' }, all)), [2, 6]);
      assert.deepEqual(ids(txn.candidates(sub(3), all)), [2, 3, 4, 5, 6]);
      assert.deepEqual(ids(txn.candidates({ baseId: 3, scope: 'children' }, all)), [2, 4, 5, 6]);
      assert.deepEqual(ids(txn.candidates(sub(2), all)), [2, 4, 5]);
      assert.deepEqual(ids(txn.candidates(sub(1), parseFilter('(uid=b)'))), [5]);
    });
    assert.deepEqual(backend.verifyIntegrity(), []);
    // The old subtree (ids 2, 4, 5) moved under a newer entry: sub scope of that entry yields ids ascending.
    const newer = await backend.write((txn) => txn.add(1, 'ou=New,dc=Example,dc=com', 'ou=new,dc=example,dc=com', attrs({ ou: 'New' })));
    await backend.write((txn) => txn.move(2, newer.id, 'ou=Staff,ou=New,dc=Example,dc=com', 'ou=staff,ou=new,dc=example,dc=com', attrs({ ou: 'Staff' })));
    backend.read((txn) => {
      assert.deepEqual(ids(txn.candidates(sub(newer.id), all)), [2, 4, 5, newer.id]);
      assert.deepEqual(ids(txn.candidates(sub(3), all)), [3, 6]);
      assert.equal(txn.getById(5)?.dn, 'uid=b,ou=Staff,ou=New,dc=Example,dc=com');
    });
    assert.deepEqual(backend.verifyIntegrity(), []);
    // A plain rename in place (same parent) of a leaf, changing the RDN attribute.
    await backend.write((txn) => txn.move(e.g.id, 3, 'cn=H,ou=Groups,dc=Example,dc=com', 'cn=h,ou=groups,dc=example,dc=com', attrs({ cn: 'H' })));
    backend.read((txn) => {
      assert.deepEqual(txn.idsWithEquality('cn', 'h'), [6]);
      assert.deepEqual(txn.idsWithEquality('cn', 'g'), []);
    });
    assert.deepEqual(backend.verifyIntegrity(), []);
  });
});

test('afterId resumes candidates in id order', async () => {
  await withBackend(async (backend) => {
    await backend.write((txn) => {
      const root = txn.add(0, 'o=x', 'o=x', attrs({ o: 'x' }));
      for (let i = 0; i < 50; i++) txn.add(root.id, `uid=u${i},o=x`, `uid=u${i},o=x`, attrs({ uid: `u${i}`, objectClass: i % 2 ? 'person' : 'device' }));
    });
    const filter = parseFilter('(objectClass=person)');
    backend.read((txn) => {
      const scope = { baseId: 1, scope: 'sub' as const };
      const all = ids(txn.candidates(scope, filter));
      assert.equal(all.length, 25);
      const pages: number[] = [];
      let after = 0;
      for (;;) {
        const page: number[] = [];
        for (const entry of txn.candidates(scope, filter, after)) {
          page.push(entry.id);
          if (page.length === 7) break;
        }
        if (page.length === 0) break;
        pages.push(...page);
        after = page[page.length - 1] ?? after;
      }
      assert.deepEqual(pages, all);
      assert.deepEqual(ids(txn.candidates(scope, filter, all[24])), []);
      assert.deepEqual(ids(txn.candidates({ baseId: 1, scope: 'base' }, filter, 1)), []);
    });
  });
});

test('plan describes the index use', async () => {
  await withBackend(async (backend) => {
    await backend.write(seed);
    backend.read((txn) => {
      const sub = { baseId: 1, scope: 'sub' as const };
      assert.deepEqual(txn.plan(sub, parseFilter('(uid=a)')), { kind: 'indexed', estimate: 1, description: 'eq(uid) ∩ sub-scope' });
      assert.deepEqual(txn.plan(sub, parseFilter('(description=a)')), { kind: 'scan', estimate: 6, description: 'sub-scope' });
      assert.deepEqual(txn.plan({ baseId: 2, scope: 'one' }, parseFilter('(!(uid=a))')), { kind: 'scan', estimate: 2, description: 'one-scope' });
      assert.deepEqual(txn.plan(sub, parseFilter('(|(uid=a)(cn=*ice*))')), { kind: 'indexed', estimate: 2, description: '(eq(uid) ∪ sub(cn)) ∩ sub-scope' });
      assert.deepEqual(txn.plan(sub, parseFilter('(|)')), { kind: 'indexed', estimate: 0, description: 'none ∩ sub-scope' });
      assert.deepEqual(ids(txn.candidates(sub, parseFilter('(|)'))), []);
    });
  });
});

test('a txn object cannot be used after its callback returned', async () => {
  await withBackend(async (backend) => {
    await backend.write(seed);
    const leaked = backend.read((txn) => txn);
    assert.throws(() => leaked.getById(1), { resultCode: 80, message: 'backend: transaction used after its callback returned' });
  });
});

test('over-long DNs are stored under a hashed dn2id key', async () => {
  await withBackend(async (backend) => {
    const long = `cn=${'x'.repeat(3000)}`;
    const entry = await backend.write((txn) => txn.add(0, long, long, attrs({ cn: 'x'.repeat(3000) })));
    backend.read((txn) => {
      assert.equal(txn.idOfNdn(long), entry.id);
      assert.equal(txn.idOfNdn(`${long}y`), undefined);
      assert.deepEqual(txn.idsWithEquality('cn', 'x'.repeat(3000)), [entry.id]);
    });
    assert.deepEqual(backend.verifyIntegrity(), []);
  });
});

test('reopening shows committed data; indexes added or removed in the config are rebuilt or dropped', async () => {
  const path = tempDir();
  try {
    const first = new LmdbBackend(testOptions(path, [], { noSync: false }));
    await first.open();
    await first.write(seed);
    assert.equal(first.read((txn) => txn.idsWithEquality('uid', 'a')), undefined);
    await first.close();

    const second = new LmdbBackend(testOptions(path, DEFAULT_INDEXES, { noSync: false }));
    await second.open();
    second.read((txn) => {
      assert.equal(txn.entryCount(), 6);
      assert.equal(txn.getByNdn('uid=b,ou=people,dc=example,dc=com')?.dn, 'uid=b,ou=People,dc=Example,dc=com');
      assert.deepEqual(txn.idsWithEquality('uid', 'a'), [4]);
    });
    assert.deepEqual(second.verifyIntegrity(), []);
    const next = await second.write((txn) => txn.add(1, 'ou=x,dc=Example,dc=com', 'ou=x,dc=example,dc=com', []));
    assert.equal(next.id, 7);
    await second.close();

    const third = new LmdbBackend(testOptions(path, [{ attribute: 'uid', kinds: ['eq'] }]));
    await third.open();
    assert.equal(third.rawKeys('index').length, 2);
    assert.deepEqual(third.verifyIntegrity(), []);
    await third.close();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
});
