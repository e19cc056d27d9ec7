import type { Transaction } from 'lmdb';
import { decodeEntry } from './entry-codec.js';
import { indexRows } from './index-rows.js';
import { dnKey, idKey, pairKey, readId, trailingId } from './keyspace.js';
import type { BackendContext } from './stores.js';
import type { StoredEntry } from './types.js';

/**
 * Cross-checks every table against id2entry in one snapshot (an offline `db check`, and the oracle of
 * the crash tests): each entry has exactly its dn2id, children, ancestors and index rows, and no row
 * refers to anything else. Returns human-readable problems; empty means consistent. Memory grows with
 * the database: this is a maintenance tool, not something the server runs.
 */
export function verifyIntegrity(ctx: BackendContext, transaction: Transaction): string[] {
  const { stores } = ctx;
  const problems: string[] = [];
  const entries = new Map<number, StoredEntry>();
  for (const { key, value } of stores.id2entry.getRange({ transaction })) {
    const id = trailingId(key);
    try {
      entries.set(id, decodeEntry(id, value));
    } catch (error) {
      problems.push(`id2entry ${id}: ${(error as Error).message}`);
    }
  }
  const count = stores.meta.get('count', { transaction });
  if ((typeof count === 'number' ? count : 0) !== entries.size) {
    problems.push(`meta count ${String(count)} but ${entries.size} entries`);
  }
  const nextId = stores.meta.get('nextId', { transaction });
  let maxId = 0;
  for (const id of entries.keys()) if (id > maxId) maxId = id;
  if (entries.size > 0 && !(typeof nextId === 'number' && nextId > maxId)) {
    problems.push(`meta nextId ${String(nextId)} is not above the largest id ${maxId}`);
  }

  const chainOf = (entry: StoredEntry): number[] => {
    const chain: number[] = [];
    for (let p = entry.parentId; p !== 0; ) {
      const parent = entries.get(p);
      if (parent === undefined || chain.length > entries.size) {
        problems.push(`entry ${entry.id} (${entry.dn}): parent chain broken at ${p}`);
        break;
      }
      chain.push(p);
      p = parent.parentId;
    }
    return chain;
  };
  const expected = { dn2id: new Map<string, number>(), children: new Set<string>(), ancestors: new Set<string>(), index: new Set<string>() };
  for (const entry of entries.values()) {
    expected.dn2id.set(dnKey(entry.ndn).toString('latin1'), entry.id);
    expected.children.add(pairKey(idKey(entry.parentId), entry.id).toString('latin1'));
    for (const a of chainOf(entry)) expected.ancestors.add(pairKey(idKey(a), entry.id).toString('latin1'));
    for (const prefix of indexRows(ctx, entry.attributes).values()) {
      expected.index.add(pairKey(prefix, entry.id).toString('latin1'));
    }
  }

  const seenDn = new Set<string>();
  for (const { key, value } of stores.dn2id.getRange({ transaction })) {
    const name = key.toString('latin1');
    seenDn.add(name);
    const want = expected.dn2id.get(name);
    if (want !== readId(value, 0)) problems.push(`dn2id ${JSON.stringify(key.toString('utf8'))} → ${readId(value, 0)}, expected ${String(want)}`);
  }
  for (const [name, id] of expected.dn2id) if (!seenDn.has(name)) problems.push(`dn2id row missing for entry ${id}`);

  for (const table of ['children', 'ancestors', 'index'] as const) {
    const want = expected[table];
    const seen = new Set<string>();
    for (const key of stores[table].getKeys({ transaction })) {
      const name = key.toString('latin1');
      seen.add(name);
      if (!want.has(name)) problems.push(`${table}: unexpected row ${key.toString('hex')} (id ${trailingId(key)})`);
    }
    for (const name of want) {
      if (!seen.has(name)) problems.push(`${table}: missing row ${Buffer.from(name, 'latin1').toString('hex')}`);
    }
  }
  return problems;
}
