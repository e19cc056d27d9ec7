import { LdapError, ResultCode } from '../errors/index.js';
import type { Attribute } from '../protocol/index.js';
import { encodeEntry, recordParentId } from './entry-codec.js';
import { indexRows } from './index-rows.js';
import { MAX_ID, dnKey, idKey, pairKey } from './keyspace.js';
import { LmdbReadTxn } from './read-txn.js';
import type { BackendContext } from './stores.js';
import { exists, getFast, hasRow, idsUnder } from './stores.js';
import type { EntryId, StoredEntry, WriteTxn } from './types.js';

const EMPTY = Buffer.alloc(0);
/** A parent chain longer than this means a cycle, i.e. a corrupt database. */
const MAX_DEPTH = 100_000;

/**
 * WriteTxn: runs inside one LMDB write transaction (lmdb-js reads through it, so reads see the writes).
 * Every change to an entry touches id2entry, dn2id, children, ancestors and its index rows in the same
 * transaction, so no reader and no crash can ever observe a partial entry.
 */
export class LmdbWriteTxn extends LmdbReadTxn implements WriteTxn {
  /** meta counters, read once per transaction and written back by finish(): the write lock is ours. */
  #nextId: number | undefined;
  #count: number | undefined;
  #countDirty = false;
  /** Parent chains looked up in this transaction; only move() changes chains. */
  readonly #chains = new Map<EntryId, readonly EntryId[]>();
  /** Set when a write failed after it had started changing tables: the transaction must not commit. */
  #broken = false;

  constructor(ctx: BackendContext) {
    super(ctx, undefined);
  }

  #metaNumber(name: 'nextId' | 'count', fallback: number): number {
    const value = this.ctx.stores.meta.get(name);
    return typeof value === 'number' ? value : fallback;
  }

  /** The id counter lives in the database and is read inside this transaction (safe across processes). */
  #allocateId(): EntryId {
    const id = this.#nextId ?? this.#metaNumber('nextId', 1);
    if (id > MAX_ID) throw new LdapError(ResultCode.adminLimitExceeded, 'backend: entry ids exhausted');
    this.#nextId = id + 1;
    return id;
  }

  #adjustCount(delta: number): void {
    this.#count = (this.#count ?? this.#metaNumber('count', 0)) + delta;
    this.#countDirty = true;
  }

  override entryCount(): number {
    this.check();
    return this.#count ?? super.entryCount();
  }

  /**
   * Ends the callback: writes the counters back, or refuses to commit when a write failed part-way and
   * the callback swallowed the error (the caller then aborts the whole transaction).
   */
  finish(): void {
    if (this.#broken) {
      throw new LdapError(ResultCode.other, 'backend: a write failed part-way through; the transaction is rolled back');
    }
    if (this.#nextId !== undefined) this.ctx.stores.meta.putSync('nextId', this.#nextId);
    if (this.#countDirty) this.ctx.stores.meta.putSync('count', this.#count);
  }

  /** Runs the table changes of one operation; everything that can fail on bad input was checked before. */
  #apply<T>(changes: () => T): T {
    try {
      return changes();
    } catch (error) {
      this.#broken = true;
      throw error;
    }
  }

  /** `parentId` and all its ancestors, nearest first (empty for a suffix entry). */
  #chain(parentId: EntryId): readonly EntryId[] {
    const cached = this.#chains.get(parentId);
    if (cached !== undefined) return cached;
    const chain: EntryId[] = [];
    for (let current = parentId; current !== 0; ) {
      const record = getFast(this.ctx.stores.id2entry, idKey(current), undefined);
      if (record === undefined || chain.length > MAX_DEPTH) {
        throw new LdapError(ResultCode.other, `backend: broken parent chain at entry ${current}`);
      }
      chain.push(current);
      current = recordParentId(record);
    }
    this.#chains.set(parentId, chain);
    return chain;
  }

  #requireEntry(id: EntryId): StoredEntry {
    const entry = this.getById(id);
    if (entry === undefined) throw new LdapError(ResultCode.noSuchObject, `backend: no entry with id ${id}`);
    return entry;
  }

  #requireParent(parentId: EntryId): void {
    if (parentId === 0) return;
    if (!Number.isSafeInteger(parentId) || parentId < 0 || !exists(this.ctx.stores.id2entry, idKey(parentId), undefined)) {
      throw new LdapError(ResultCode.noSuchObject, `backend: parent entry ${parentId} does not exist`);
    }
  }

  #assertFreeNdn(ndn: string, dn: string): void {
    if (this.idOfNdn(ndn) !== undefined) throw new LdapError(ResultCode.entryAlreadyExists, `entry already exists: ${dn}`);
  }

  /** Row changes between two attribute sets, computed up front (the normalisers may throw). */
  #indexDiff(before: readonly Attribute[], after: readonly Attribute[]): { removed: Buffer[]; added: Buffer[] } {
    const old = before.length === 0 ? new Map<string, Buffer>() : indexRows(this.ctx, before);
    const next = after.length === 0 ? new Map<string, Buffer>() : indexRows(this.ctx, after);
    const removed: Buffer[] = [];
    const added: Buffer[] = [];
    for (const [name, prefix] of old) if (!next.has(name)) removed.push(prefix);
    for (const [name, prefix] of next) if (!old.has(name)) added.push(prefix);
    return { removed, added };
  }

  #writeIndexDiff(id: EntryId, diff: { removed: Buffer[]; added: Buffer[] }): void {
    const { index } = this.ctx.stores;
    for (const prefix of diff.removed) index.removeSync(pairKey(prefix, id));
    for (const prefix of diff.added) index.putSync(pairKey(prefix, id), EMPTY);
  }

  add(parentId: EntryId, dn: string, ndn: string, attributes: readonly Attribute[]): StoredEntry {
    this.check();
    this.#requireParent(parentId);
    this.#assertFreeNdn(ndn, dn);
    const chain = this.#chain(parentId);
    const diff = this.#indexDiff([], attributes);
    const { id2entry, dn2id, children, ancestors } = this.ctx.stores;
    const id = this.#allocateId();
    const record = encodeEntry(parentId, dn, ndn, attributes);
    this.#apply(() => {
      const key = idKey(id);
      id2entry.putSync(key, record);
      dn2id.putSync(dnKey(ndn), key);
      children.putSync(pairKey(idKey(parentId), id), EMPTY);
      for (const ancestor of chain) ancestors.putSync(pairKey(idKey(ancestor), id), EMPTY);
      this.#writeIndexDiff(id, diff);
      this.#adjustCount(1);
    });
    return { id, parentId, dn, ndn, attributes };
  }

  replace(id: EntryId, attributes: readonly Attribute[]): StoredEntry {
    this.check();
    const old = this.#requireEntry(id);
    const diff = this.#indexDiff(old.attributes, attributes);
    const record = encodeEntry(old.parentId, old.dn, old.ndn, attributes);
    this.#apply(() => {
      this.#writeIndexDiff(id, diff);
      this.ctx.stores.id2entry.putSync(idKey(id), record);
    });
    return { id, parentId: old.parentId, dn: old.dn, ndn: old.ndn, attributes };
  }

  delete(id: EntryId): void {
    this.check();
    const old = this.#requireEntry(id);
    if (this.hasChildren(id)) {
      throw new LdapError(ResultCode.notAllowedOnNonLeaf, `cannot delete a non-leaf entry: ${old.dn}`);
    }
    const chain = this.#chain(old.parentId);
    const diff = this.#indexDiff(old.attributes, []);
    const { id2entry, dn2id, children, ancestors } = this.ctx.stores;
    this.#apply(() => {
      this.#writeIndexDiff(id, diff);
      for (const ancestor of chain) ancestors.removeSync(pairKey(idKey(ancestor), id));
      children.removeSync(pairKey(idKey(old.parentId), id));
      dn2id.removeSync(dnKey(old.ndn));
      id2entry.removeSync(idKey(id));
      this.#adjustCount(-1);
    });
    this.#chains.delete(id);
  }

  move(id: EntryId, newParentId: EntryId, newDn: string, newNdn: string, attributes: readonly Attribute[]): StoredEntry {
    this.check();
    const old = this.#requireEntry(id);
    this.#requireParent(newParentId);
    const { id2entry, dn2id, children, ancestors } = this.ctx.stores;
    if (newParentId === id || hasRow(ancestors, idKey(id), newParentId, undefined)) {
      throw new LdapError(ResultCode.unwillingToPerform, `cannot move an entry below itself: ${old.dn}`);
    }
    if (newNdn !== old.ndn) this.#assertFreeNdn(newNdn, newDn);
    // Everything is read and checked before the first write: the cursor must not walk rows this
    // transaction is changing, and a bad descendant DN must not leave a half-moved subtree.
    const descendants = [...idsUnder(ancestors, idKey(id), 0, undefined)];
    const before = this.#chain(old.parentId);
    const after = this.#chain(newParentId);
    const removedAncestors = before.filter((a) => !after.includes(a));
    const addedAncestors = after.filter((a) => !before.includes(a));
    const renamed =
      newNdn !== old.ndn || newDn !== old.dn ? descendants.map((d) => this.#renamed(this.#requireEntry(d), old, newDn, newNdn)) : [];
    const diff = this.#indexDiff(old.attributes, attributes);
    const record = encodeEntry(newParentId, newDn, newNdn, attributes);
    this.#chains.clear();
    this.#apply(() => {
      if (newParentId !== old.parentId) {
        for (const member of [id, ...descendants]) {
          for (const a of removedAncestors) ancestors.removeSync(pairKey(idKey(a), member));
          for (const a of addedAncestors) ancestors.putSync(pairKey(idKey(a), member), EMPTY);
        }
        children.removeSync(pairKey(idKey(old.parentId), id));
        children.putSync(pairKey(idKey(newParentId), id), EMPTY);
      }
      // All old names go before any new one is written, so no rename can clobber another's key.
      for (const [entry] of renamed) dn2id.removeSync(dnKey(entry.ndn));
      dn2id.removeSync(dnKey(old.ndn));
      for (const [entry, dn, ndn] of renamed) {
        dn2id.putSync(dnKey(ndn), idKey(entry.id));
        id2entry.putSync(idKey(entry.id), encodeEntry(entry.parentId, dn, ndn, entry.attributes));
      }
      dn2id.putSync(dnKey(newNdn), idKey(id));
      this.#writeIndexDiff(id, diff);
      id2entry.putSync(idKey(id), record);
    });
    return { id, parentId: newParentId, dn: newDn, ndn: newNdn, attributes };
  }

  /** A descendant's new names: its old suffix (',' + the moved entry's old dn / ndn) replaced. */
  #renamed(entry: StoredEntry, moved: StoredEntry, newDn: string, newNdn: string): [StoredEntry, string, string] {
    if (!entry.dn.endsWith(`,${moved.dn}`) || !entry.ndn.endsWith(`,${moved.ndn}`)) {
      throw new LdapError(ResultCode.other, `backend: descendant ${entry.dn} does not end with ${moved.dn}`);
    }
    return [
      entry,
      entry.dn.slice(0, entry.dn.length - moved.dn.length) + newDn,
      entry.ndn.slice(0, entry.ndn.length - moved.ndn.length) + newNdn,
    ];
  }
}
