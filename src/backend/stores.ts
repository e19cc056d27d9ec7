import type { Database, RootDatabase, Transaction } from 'lmdb';
import { LdapError } from '../errors/index.js';
import { pairKey, rangeAfter, trailingId } from './keyspace.js';
import type { BackendOptions, IndexKindName, SubstringPosition } from './types.js';

/** The named databases of one environment (keyspace.ts documents what each holds). */
export interface Stores {
  readonly root: RootDatabase;
  readonly meta: Database<unknown, string>;
  readonly id2entry: Database<Buffer, Buffer>;
  readonly dn2id: Database<Buffer, Buffer>;
  readonly children: Database<Buffer, Buffer>;
  readonly ancestors: Database<Buffer, Buffer>;
  readonly index: Database<Buffer, Buffer>;
}

/** Everything a transaction object needs: the stores plus the server's normalisers. */
export interface BackendContext {
  readonly stores: Stores;
  readonly indexed: ReadonlyMap<string, ReadonlySet<IndexKindName>>;
  readonly attributeKey: (description: string) => string;
  readonly equalityKey: (attributeKey: string, value: Buffer) => string | undefined;
  readonly substringKey: (attributeKey: string, value: Buffer) => string | undefined;
  readonly substringAssertionKey: (attributeKey: string, component: Buffer, position: SubstringPosition) => string | undefined;
  readonly subtypeKeys: (attributeKey: string) => readonly string[];
  readonly impliedEqualityKeys: (attributeKey: string, key: string) => readonly string[];
}

/**
 * A normaliser call where an LdapError means "this value has no key" (the filter layer's convention:
 * an invalid value makes the assertion Undefined, so it can never be an equality/substring TRUE). Any
 * other exception is a bug and propagates.
 */
function keyed<A extends unknown[]>(fn: (...args: A) => string | undefined): (...args: A) => string | undefined {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof LdapError) return undefined;
      throw error;
    }
  };
}

export function makeContext(stores: Stores, options: BackendOptions): BackendContext {
  const indexed = new Map<string, Set<IndexKindName>>();
  for (const spec of options.indexes) {
    const kinds = indexed.get(spec.attribute) ?? new Set<IndexKindName>();
    for (const kind of spec.kinds) kinds.add(kind);
    indexed.set(spec.attribute, kinds);
  }
  const substringKey = keyed(options.substringKey);
  return {
    stores,
    indexed,
    attributeKey: options.attributeKey,
    equalityKey: keyed(options.equalityKey),
    substringKey,
    // RFC 4518 §2.6.1 pads a normalised value with spaces at both ends; a component's own padding may
    // not be in the value at that place, so without a component normaliser only the inner text is used.
    substringAssertionKey: options.substringAssertionKey
      ? keyed(options.substringAssertionKey)
      : (attribute, component) => substringKey(attribute, component)?.replace(/^ +| +$/g, ''),
    subtypeKeys: options.subtypeKeys ?? ((attribute) => [attribute]),
    impliedEqualityKeys: options.impliedEqualityKeys ?? (() => []),
  };
}

/** Options passed to every lmdb read: the snapshot transaction, or undefined inside a write transaction. */
export type ReadOptions = { transaction: Transaction } | undefined;

type GetFast = (key: Buffer, options?: ReadOptions) => Buffer | undefined;

/**
 * The value at `key`, in lmdb's volatile shared buffer: valid only until the next read. Callers copy
 * or decode immediately.
 */
export function getFast(db: Database<Buffer, Buffer>, key: Buffer, options: ReadOptions): Buffer | undefined {
  return (db.getBinaryFast as unknown as GetFast).call(db, key, options);
}

export function exists(db: Database<Buffer, Buffer>, key: Buffer, options: ReadOptions): boolean {
  return getFast(db, key, options) !== undefined;
}

/** Ids of the rows `prefix ‖ id` with id > afterId, ascending, lazily (a cursor, not an array). */
export function* idsUnder(
  db: Database<Buffer, Buffer>,
  prefix: Buffer,
  afterId: number,
  options: ReadOptions,
): Generator<number, void, undefined> {
  const { start, end } = rangeAfter(prefix, afterId);
  const range = options === undefined ? { start, end } : { start, end, transaction: options.transaction };
  for (const key of db.getKeys(range)) yield trailingId(key);
}

/** Number of rows under `prefix`, counting at most `cap` (a planner estimate, not an exact size). */
export function cappedCount(db: Database<Buffer, Buffer>, prefix: Buffer, cap: number, options: ReadOptions): number {
  const { start, end } = rangeAfter(prefix, 0);
  const range = { start, end, limit: cap, ...(options === undefined ? {} : { transaction: options.transaction }) };
  let n = 0;
  for (const _ of db.getKeys(range)) n++;
  return n;
}

export function hasRow(db: Database<Buffer, Buffer>, prefix: Buffer, id: number, options: ReadOptions): boolean {
  return exists(db, pairKey(prefix, id), options);
}
