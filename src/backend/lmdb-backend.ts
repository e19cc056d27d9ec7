import { mkdirSync } from 'node:fs';
import { open } from 'lmdb';
import type { Database, RootDatabase } from 'lmdb';
import { LdapError, ResultCode } from '../errors/index.js';
import type { Attribute } from '../protocol/index.js';
import { decodeEntry } from './entry-codec.js';
import { indexRows } from './index-rows.js';
import { verifyIntegrity } from './integrity.js';
import { FORMAT_VERSION, KIND_BYTE, indexPrefix, pairKey, rangeAfter, trailingId } from './keyspace.js';
import { LmdbReadTxn } from './read-txn.js';
import { makeContext } from './stores.js';
import type { BackendContext, Stores } from './stores.js';
import type { BackendOptions, EntryId, IndexKindName, ReadTxn, WriteTxn } from './types.js';
import { LmdbWriteTxn } from './write-txn.js';

const DEFAULT_MAP_SIZE = 64 * 1024 ** 3;
const EMPTY = Buffer.alloc(0);
/** Entries or rows handled per step when an index is built or dropped at open. */
const CHUNK = 10_000;

/** One record of an offline import: the parent is named by its ndn ('' or undefined for a suffix entry). */
export interface ImportRecord {
  readonly dn: string;
  readonly ndn: string;
  readonly parentNdn?: string;
  readonly attributes: readonly Attribute[];
}

export interface ImportBatchResult {
  readonly added: number;
  readonly ids: readonly EntryId[];
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * lmdb-js reuses one read transaction per event-loop tick; dropping it first makes the next read start a
 * new snapshot, so a read sees commits made by other processes just before it (a few µs: mdb_txn_renew).
 */
function freshSnapshot(root: RootDatabase): void {
  (root as unknown as { resetReadTxn(): void }).resetReadTxn();
}

/**
 * The LMDB storage backend.
 *
 * Durability. lmdb-js's defaults are not "resolved ⇒ on disk": with `overlappingSync` (its default on
 * Linux) a transaction's promise resolves when the commit is visible and the fsync happens later
 * (`db.flushed`). We open with `overlappingSync: false`, so the writer thread begins its transactions
 * without MDB_NOSYNC and mdb_txn_commit fdatasync's the data pages and writes the meta page through the
 * O_DSYNC descriptor before returning; lmdb-js resolves a transaction's promise only after that commit.
 * `commitDelay` stays 0 and event-turn batching on: write() calls made in the same event turn share one
 * commit (group commit), each in its own child transaction, so a callback that throws rolls back only its
 * own changes. `noSync: true` (tests, offline import) drops the fsync and with it the durability guarantee.
 *
 * Several OS processes may open the same directory: LMDB's write lock is cross-process, read() takes a
 * fresh snapshot each time, and mutable state (id counter, entry count) lives in the `meta` table, read
 * inside each write transaction (a WriteTxn keeps it only for its own lifetime, under the write lock).
 * All processes must be configured with the same indexes: open() builds or drops index rows to match.
 *
 * Caveat for callers: do not modify entries while iterating `candidates()` of the same WriteTxn (LMDB
 * cursors and writes in one transaction); collect the candidates first.
 */
export class LmdbBackend {
  readonly path: string;
  readonly #options: BackendOptions;
  #root: RootDatabase | undefined;
  #ctx: BackendContext | undefined;

  constructor(options: BackendOptions) {
    this.path = options.path;
    this.#options = options;
  }

  async open(): Promise<void> {
    if (this.#root !== undefined) throw new LdapError(ResultCode.other, 'backend: already open');
    mkdirSync(this.path, { recursive: true });
    const root = open({
      path: this.path,
      maxDbs: 8,
      mapSize: this.#options.mapSize ?? DEFAULT_MAP_SIZE,
      noSync: this.#options.noSync ?? false,
      overlappingSync: false,
      commitDelay: 0,
      cache: false,
    });
    const binary = (name: string): Database<Buffer, Buffer> =>
      root.openDB<Buffer, Buffer>(name, { keyEncoding: 'binary', encoding: 'binary' });
    const stores: Stores = {
      root,
      meta: root.openDB<unknown, string>('meta', {}),
      id2entry: binary('id2entry'),
      dn2id: binary('dn2id'),
      children: binary('children'),
      ancestors: binary('ancestors'),
      index: binary('index'),
    };
    const ctx = makeContext(stores, this.#options);
    try {
      root.transactionSync(() => this.#prepare(ctx));
    } catch (error) {
      await root.close();
      throw error;
    }
    this.#root = root;
    this.#ctx = ctx;
  }

  /** Checks the format and brings the index rows in line with the configured indexes. */
  #prepare(ctx: BackendContext): void {
    const { meta } = ctx.stores;
    const format = meta.get('format');
    if (format === undefined) meta.putSync('format', FORMAT_VERSION);
    else if (format !== FORMAT_VERSION) {
      throw new LdapError(ResultCode.other, `backend: ${this.path} has data format ${String(format)}, expected ${FORMAT_VERSION}`);
    }
    const wanted = [...ctx.indexed].flatMap(([attribute, kinds]) => [...kinds].map((k) => `${attribute}:${k}`)).sort();
    const stored = meta.get('indexes');
    const built = Array.isArray(stored) ? (stored as string[]) : [];
    for (const spec of built) if (!wanted.includes(spec)) this.#dropIndex(ctx, spec);
    for (const spec of wanted) if (!built.includes(spec)) this.#buildIndex(ctx, spec);
    if (wanted.join('\n') !== built.join('\n')) meta.putSync('indexes', wanted);
  }

  /** Removes every row of one (attribute, kind), in chunks so a large index never sits in memory. */
  #dropIndex(ctx: BackendContext, spec: string): void {
    const cut = spec.lastIndexOf(':');
    const kind = spec.slice(cut + 1) as IndexKindName;
    if (!(kind in KIND_BYTE)) return;
    // Every row of (kind, attr) starts with kind ‖ esc(attr) 0x00, which is indexPrefix without a key.
    const prefix = indexPrefix(kind, spec.slice(0, cut));
    const end = Buffer.concat([prefix, Buffer.alloc(1, 0xff)]);
    for (;;) {
      const keys = [...ctx.stores.index.getKeys({ start: prefix, end, limit: CHUNK })];
      for (const key of keys) ctx.stores.index.removeSync(key);
      if (keys.length < CHUNK) return;
    }
  }

  /** Adds the rows of one (attribute, kind) for every existing entry, CHUNK entries at a time. */
  #buildIndex(ctx: BackendContext, spec: string): void {
    const cut = spec.lastIndexOf(':');
    const only = { attribute: spec.slice(0, cut), kind: spec.slice(cut + 1) as IndexKindName };
    for (let after = 0; ; ) {
      const { start, end } = rangeAfter(EMPTY, after);
      const rows: Buffer[] = [];
      let seen = 0;
      for (const { key, value } of ctx.stores.id2entry.getRange({ start, end, limit: CHUNK })) {
        after = trailingId(key);
        seen++;
        for (const prefix of indexRows(ctx, decodeEntry(after, value).attributes, only).values()) rows.push(pairKey(prefix, after));
      }
      for (const row of rows) ctx.stores.index.putSync(row, EMPTY);
      if (seen < CHUNK) return;
    }
  }

  async close(): Promise<void> {
    const root = this.#root;
    this.#root = undefined;
    this.#ctx = undefined;
    if (root !== undefined) await root.close();
  }

  #opened(): { root: RootDatabase; ctx: BackendContext } {
    if (this.#root === undefined || this.#ctx === undefined) throw new LdapError(ResultCode.unavailable, 'backend: not open');
    return { root: this.#root, ctx: this.#ctx };
  }

  /**
   * Runs `fn` on a snapshot that includes every commit completed (in any process) before the call.
   * Synchronous; the ReadTxn and any iterator from it are valid only until `fn` returns.
   */
  read<T>(fn: (txn: ReadTxn) => T): T {
    const { root, ctx } = this.#opened();
    freshSnapshot(root);
    const transaction = root.useReadTransaction();
    const txn = new LmdbReadTxn(ctx, { transaction });
    try {
      return fn(txn);
    } finally {
      txn.close();
      transaction.done();
    }
  }

  /**
   * Runs `fn` synchronously inside one LMDB write transaction (its own child transaction of the batch).
   * If `fn` throws, none of its writes happen and the promise rejects with that error; otherwise the
   * promise resolves with fn's result once the commit is on disk (unless noSync). `fn` must not await.
   */
  write<T>(fn: (txn: WriteTxn) => T): Promise<T> {
    try {
      const { root, ctx } = this.#opened();
      return root.childTransaction(() => this.#runWrite(ctx, fn));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new LdapError(ResultCode.other, String(error)));
    }
  }

  #runWrite<T>(ctx: BackendContext, fn: (txn: WriteTxn) => T): T {
    const txn = new LmdbWriteTxn(ctx);
    try {
      const result = fn(txn);
      if (isThenable(result)) throw new LdapError(ResultCode.other, 'backend: a write callback must be synchronous');
      txn.finish();
      return result;
    } finally {
      txn.close();
    }
  }

  /**
   * Offline import: `fn` runs in one synchronous top-level write transaction on this thread (no writer
   * thread round trip, no child transaction), committed before this returns — durable unless the backend
   * was opened with noSync, in which case call `sync()` at the end. A throw rolls the whole batch back.
   */
  writeSync<T>(fn: (txn: WriteTxn) => T): T {
    const { root, ctx } = this.#opened();
    return root.transactionSync(() => this.#runWrite(ctx, fn));
  }

  /**
   * Adds a batch of records in one transaction (see writeSync), resolving each parent by its ndn; parents
   * may be earlier records of the same batch. Missing parent → noSuchObject, duplicate → entryAlreadyExists.
   */
  importBatch(records: Iterable<ImportRecord>): ImportBatchResult {
    return this.writeSync((txn) => {
      const ids: EntryId[] = [];
      for (const record of records) {
        let parentId = 0;
        if (record.parentNdn !== undefined && record.parentNdn !== '') {
          const found = txn.idOfNdn(record.parentNdn);
          if (found === undefined) {
            throw new LdapError(ResultCode.noSuchObject, `parent entry does not exist: ${record.dn}`);
          }
          parentId = found;
        }
        ids.push(txn.add(parentId, record.dn, record.ndn, record.attributes).id);
      }
      return { added: ids.length, ids };
    });
  }

  /** Forces everything committed so far to disk (after a noSync import). */
  sync(): Promise<void> {
    const { root } = this.#opened();
    return new Promise((resolve, reject) => {
      (root as unknown as { sync(cb: (error?: unknown) => void): void }).sync((error) => {
        if (error) reject(new LdapError(ResultCode.other, `backend: sync failed: ${String(error)}`, { cause: error }));
        else resolve();
      });
    });
  }

  /** Cross-checks all tables in one snapshot (see integrity.ts); returns the problems found, none if consistent. */
  verifyIntegrity(): string[] {
    const { root, ctx } = this.#opened();
    freshSnapshot(root);
    const transaction = root.useReadTransaction();
    try {
      return verifyIntegrity(ctx, transaction);
    } finally {
      transaction.done();
    }
  }

  /** For tests and tools: every key of one named database, in key order (not part of the server's API). */
  rawKeys(name: Exclude<keyof Stores, 'root' | 'meta'>): Buffer[] {
    const { root, ctx } = this.#opened();
    freshSnapshot(root);
    const transaction = root.useReadTransaction();
    try {
      return [...ctx.stores[name].getKeys({ transaction })];
    } finally {
      transaction.done();
    }
  }
}
