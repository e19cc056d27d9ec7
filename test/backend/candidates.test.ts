import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { LmdbBackend } from '../../src/backend/index.js';
import type { IndexSpec, ReadTxn, SearchScope, StoredEntry } from '../../src/backend/index.js';
import { TRUE, caseIgnoreMatchingContext, compileFilter, formatFilter } from '../../src/filter/index.js';
import type { Filter } from '../../src/filter/index.js';
import type { Attribute } from '../../src/protocol/index.js';
import { DEFAULT_INDEXES, filterEntry, tempDir, testOptions } from './helpers.js';

/**
 * Random trees (with random subtree moves and deletes) and random filters: for every scope, candidates()
 * must be ascending, inside the scope, and contain every entry the real filter evaluator accepts (the
 * brute-force reference). With no indexes at all the candidates must be exactly the scope.
 */

const WORDS = ['alice', 'Alice', 'bob', 'smith', 'SMITH', 'jo', 'x', 'ann-marie', 'é', 'ab c', 'abc'];
const word = fc.constantFrom(...WORDS);
const text = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const valueOf = (s: string): Buffer => Buffer.from(s, 'utf8');
const ATTRS = ['objectClass', 'uid', 'cn', 'CN;lang-en', 'mail', 'description'] as const;
const attributeName = fc.constantFrom(...ATTRS);

const entryAttributes: fc.Arbitrary<Attribute[]> = fc
  .record({
    objectClass: fc.subarray(['person', 'device', 'Group'], { minLength: 0 }),
    uid: fc.option(word, { nil: undefined }),
    cn: fc.array(text, { maxLength: 2 }),
    cnLang: fc.array(text, { maxLength: 1 }),
    mail: fc.option(text.map((t) => `${t.replace(/ /g, '.')}@example.com`), { nil: undefined }),
    description: fc.option(text, { nil: undefined }),
    binary: fc.option(fc.uint8Array({ maxLength: 6 }), { nil: undefined }),
  })
  .map((r) => {
    const list: Attribute[] = [];
    const push = (type: string, values: readonly (string | Uint8Array)[]): void => {
      if (values.length > 0) list.push({ type, values: values.map((v) => (typeof v === 'string' ? valueOf(v) : Buffer.from(v))) });
    };
    push('objectClass', r.objectClass);
    push('uid', r.uid === undefined ? [] : [r.uid]);
    push('cn', r.cn);
    push('cn;lang-en', r.cnLang);
    push('mail', r.mail === undefined ? [] : [r.mail]);
    push('description', r.description === undefined ? [] : [r.description]);
    push('jpegPhoto', r.binary === undefined ? [] : [r.binary]);
    return list;
  });

const fragment = fc.oneof(word, fc.constantFrom('li', 'mit', 'ce', 'b', ' ', 'o', '@ex', 'ample.com', 'ann', 'c'));
const leaf: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({ type: fc.constantFrom('equality' as const, 'approxMatch' as const, 'greaterOrEqual' as const, 'lessOrEqual' as const), attribute: attributeName, value: text.map(valueOf) }),
  fc.record({ type: fc.constant('present' as const), attribute: attributeName }),
  fc
    .record({
      attribute: attributeName,
      initial: fc.option(fragment, { nil: undefined }),
      any: fc.array(fragment, { maxLength: 2 }),
      final: fc.option(fragment, { nil: undefined }),
    })
    .filter((s) => s.initial !== undefined || s.final !== undefined || s.any.length > 0)
    .map((s): Filter => ({
      type: 'substrings',
      attribute: s.attribute,
      any: s.any.map(valueOf),
      ...(s.initial === undefined ? {} : { initial: valueOf(s.initial) }),
      ...(s.final === undefined ? {} : { final: valueOf(s.final) }),
    })),
  fc.record({
    type: fc.constant('extensibleMatch' as const),
    matchingRule: fc.constant('caseIgnoreMatch'),
    attribute: attributeName,
    value: text.map(valueOf),
    dnAttributes: fc.boolean(),
  }),
);
const filter: fc.Arbitrary<Filter> = fc.letrec<{ f: Filter }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ type: fc.constant('and' as const), filters: fc.array(tie('f'), { maxLength: 3 }) }),
    fc.record({ type: fc.constant('or' as const), filters: fc.array(tie('f'), { maxLength: 3 }) }),
    fc.record({ type: fc.constant('not' as const), filter: tie('f') }),
  ),
})).f;

interface Op {
  readonly kind: 'move' | 'delete';
  readonly a: number;
  readonly b: number;
}
const tree = fc.record({
  parents: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
  attributes: fc.array(entryAttributes, { minLength: 30, maxLength: 30 }),
  ops: fc.array(fc.record({ kind: fc.constantFrom('move' as const, 'delete' as const), a: fc.nat(), b: fc.nat() }), { maxLength: 6 }),
});
const scopeSpec = fc.record({ pick: fc.nat(), scope: fc.constantFrom<SearchScope>('base', 'one', 'sub', 'children'), afterPick: fc.nat() });

const EVERYTHING: Filter = { type: 'and', filters: [] };

/** Every entry: the subtrees of all suffix entries (the one-level children of id 0). */
function allEntries(txn: ReadTxn): StoredEntry[] {
  const suffixes = [...txn.candidates({ baseId: 0, scope: 'one' }, EVERYTHING)];
  return suffixes.flatMap((s) => [...txn.candidates({ baseId: s.id, scope: 'sub' }, EVERYTHING)]).sort((a, b) => a.id - b.id);
}

/** Builds the tree through write(); returns the live entries (the model) read back afterwards. */
async function build(backend: LmdbBackend, t: { parents: number[]; attributes: Attribute[][]; ops: Op[] }): Promise<StoredEntry[]> {
  await backend.write((txn) => {
    const ids: number[] = [];
    t.parents.forEach((p, i) => {
      // Entry i hangs under an earlier entry, or is a new suffix when p lands outside the earlier ones.
      const parent = i === 0 || p % (i + 1) === i ? undefined : txn.getById(ids[p % i] ?? 0);
      const rdn = `cn=n${i}`;
      const dn = parent === undefined ? `${rdn},o=s${i}` : `${rdn},${parent.dn}`;
      ids.push(txn.add(parent?.id ?? 0, dn, dn.toLowerCase(), t.attributes[i] ?? []).id);
    });
  });
  for (const op of t.ops) {
    await backend.write((txn) => {
      const live = allEntries(txn);
      if (live.length === 0) return;
      const entry = live[op.a % live.length] as StoredEntry;
      if (op.kind === 'delete') {
        if (live.length > 1 && !txn.hasChildren(entry.id)) txn.delete(entry.id);
        return;
      }
      const target = live[op.b % live.length] as StoredEntry;
      const inside = [...txn.candidates({ baseId: entry.id, scope: 'sub' }, EVERYTHING)].some((e) => e.id === target.id);
      if (inside || target.id === entry.parentId) return;
      const rdn = entry.dn.split(',')[0] ?? '';
      const dn = `${rdn},${target.dn}`;
      txn.move(entry.id, target.id, dn, dn.toLowerCase(), entry.attributes);
    });
  }
  return backend.read(allEntries);
}

function inScope(entries: ReadonlyMap<number, StoredEntry>, id: number, baseId: number, scope: SearchScope): boolean {
  if (scope === 'base') return id === baseId;
  const entry = entries.get(id);
  if (scope === 'one') return entry?.parentId === baseId;
  if (scope === 'sub' && id === baseId) return true;
  for (let p = entry?.parentId ?? 0; p !== 0; p = entries.get(p)?.parentId ?? 0) if (p === baseId) return true;
  return false;
}

async function checkTree(indexes: readonly IndexSpec[], exact: boolean): Promise<void> {
  await fc.assert(
    fc.asyncProperty(tree, fc.array(fc.tuple(scopeSpec, filter), { minLength: 20, maxLength: 40 }), async (t, queries) => {
      const path = tempDir();
      const backend = new LmdbBackend(testOptions(path, indexes));
      await backend.open();
      try {
        const list = await build(backend, t);
        const entries = new Map(list.map((e) => [e.id, e]));
        assert.deepEqual(backend.verifyIntegrity(), []);
        backend.read((txn) => {
          for (const [{ pick, scope, afterPick }, f] of queries) {
            const base = list[pick % list.length] as StoredEntry;
            const spec = { baseId: base.id, scope };
            const compiled = compileFilter(f, caseIgnoreMatchingContext);
            const scoped = list.filter((e) => inScope(entries, e.id, base.id, scope)).map((e) => e.id);
            const truth = scoped.filter((id) => compiled(filterEntry(entries.get(id) as StoredEntry)) === TRUE);
            const got = [...txn.candidates(spec, f)].map((e) => e.id);
            const label = `${scope} under ${base.dn} ${formatFilter(f)} → ${got.join(',')}`;
            assert.deepEqual(got, [...got].sort((a, b) => a - b), `ascending: ${label}`);
            assert.equal(new Set(got).size, got.length, `no duplicates: ${label}`);
            for (const id of got) assert.ok(scoped.includes(id), `in scope ${id}: ${label}`);
            for (const id of truth) assert.ok(got.includes(id), `match ${id} missing: ${label}`);
            const plan = txn.plan(spec, f);
            assert.ok(plan.estimate >= 0, label);
            if (exact) {
              // Without indexes only the absolute-false filter (|) (RFC 4526) can narrow anything.
              assert.ok(plan.kind === 'scan' || formatFilter(f).includes('(|)'), `${plan.description}: ${label}`);
              if (plan.kind === 'scan') assert.deepEqual(got, scoped, label);
            }
            const after = got.length === 0 ? afterPick % 5 : (got[afterPick % got.length] as number);
            assert.deepEqual([...txn.candidates(spec, f, after)].map((e) => e.id), got.filter((id) => id > after), `after ${after}: ${label}`);
          }
        });
      } finally {
        await backend.close();
        rmSync(path, { recursive: true, force: true });
      }
    }),
    { numRuns: 60 },
  );
}

test('candidates ⊇ true matches, within scope, ascending, resumable (indexed)', async () => {
  await checkTree(DEFAULT_INDEXES, false);
});

test('candidates with every index kind on every attribute', async () => {
  const all: IndexSpec[] = ['objectclass', 'uid', 'cn', 'mail', 'description', 'jpegphoto'].map((attribute) => ({ attribute, kinds: ['eq', 'pres', 'sub'] }));
  await checkTree(all, false);
});

test('candidates without indexes are exactly the scope', async () => {
  await checkTree([], true);
});
