import type { Filter } from '../filter/index.js';
import { LdapError, ResultCode } from '../errors/index.js';
import { decodeEntry } from './entry-codec.js';
import { dnKey, idKey, indexPrefix, isHashedDnKey, readId } from './keyspace.js';
import { ALL, ESTIMATE_CAP, Planner, intersect } from './planner.js';
import type { IdSet } from './planner.js';
import type { BackendContext, ReadOptions } from './stores.js';
import { getFast, idsUnder } from './stores.js';
import type { CandidatePlan, EntryId, ReadTxn, SearchScopeSpec, StoredEntry } from './types.js';

function isEntryId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0;
}

/**
 * ReadTxn over one LMDB snapshot (a read transaction) or, for the WriteTxn subclass, over the current
 * write transaction (`options` undefined: lmdb then reads through the write txn and sees its changes).
 */
export class LmdbReadTxn implements ReadTxn {
  protected readonly ctx: BackendContext;
  protected readonly options: ReadOptions;
  #closed = false;

  constructor(ctx: BackendContext, options: ReadOptions) {
    this.ctx = ctx;
    this.options = options;
  }

  /** Called when the callback that received this object returns: LMDB's transaction is gone then. */
  close(): void {
    this.#closed = true;
  }

  protected check(): void {
    if (this.#closed) throw new LdapError(ResultCode.other, 'backend: transaction used after its callback returned');
  }

  getById(id: EntryId): StoredEntry | undefined {
    this.check();
    if (!isEntryId(id)) return undefined;
    const record = getFast(this.ctx.stores.id2entry, idKey(id), this.options);
    return record === undefined ? undefined : decodeEntry(id, record);
  }

  idOfNdn(ndn: string): EntryId | undefined {
    this.check();
    const key = dnKey(ndn);
    const value = getFast(this.ctx.stores.dn2id, key, this.options);
    if (value === undefined) return undefined;
    const id = readId(value, 0);
    // A hashed key (over-long DN) is confirmed against the stored ndn.
    if (isHashedDnKey(key) && this.getById(id)?.ndn !== ndn) return undefined;
    return id;
  }

  getByNdn(ndn: string): StoredEntry | undefined {
    const id = this.idOfNdn(ndn);
    return id === undefined ? undefined : this.getById(id);
  }

  hasChildren(id: EntryId): boolean {
    this.check();
    for (const _ of idsUnder(this.ctx.stores.children, idKey(id), 0, this.options)) return true;
    return false;
  }

  countChildren(id: EntryId): number {
    this.check();
    let n = 0;
    for (const _ of idsUnder(this.ctx.stores.children, idKey(id), 0, this.options)) n++;
    return n;
  }

  idsWithEquality(attributeKey: string, key: string): EntryId[] | undefined {
    this.check();
    if (this.ctx.indexed.get(attributeKey)?.has('eq') !== true) return undefined;
    return [...idsUnder(this.ctx.stores.index, indexPrefix('eq', attributeKey, key), 0, this.options)];
  }

  #candidateSet(scope: SearchScopeSpec, filter: Filter): { set: IdSet; indexed: boolean } {
    const planner = new Planner(this.ctx, this.options);
    const inScope = planner.scope(scope);
    const restriction = planner.restrict(filter);
    if (restriction === ALL) return { set: inScope, indexed: false };
    return { set: intersect([restriction, inScope]), indexed: true };
  }

  plan(scope: SearchScopeSpec, filter: Filter): CandidatePlan {
    this.check();
    const { set, indexed } = this.#candidateSet(scope, filter);
    return { kind: indexed ? 'indexed' : 'scan', estimate: set.estimate(ESTIMATE_CAP), description: set.description };
  }

  candidates(scope: SearchScopeSpec, filter: Filter, afterId: EntryId = 0): Iterable<StoredEntry> {
    this.check();
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const txn = this;
    return {
      *[Symbol.iterator]() {
        txn.check();
        const { set } = txn.#candidateSet(scope, filter);
        for (const id of set.ids(afterId)) {
          const entry = txn.getById(id);
          if (entry !== undefined) yield entry;
        }
      },
    };
  }

  entryCount(): number {
    this.check();
    const count = this.options === undefined ? this.ctx.stores.meta.get('count') : this.ctx.stores.meta.get('count', this.options);
    return typeof count === 'number' ? count : 0;
  }
}
