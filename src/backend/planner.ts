import type { Filter, SubstringsFilter } from '../filter/index.js';
import { idKey, indexPrefix, trigrams } from './keyspace.js';
import type { BackendContext, ReadOptions } from './stores.js';
import { cappedCount, hasRow, idsUnder } from './stores.js';
import type { IndexKindName, SearchScopeSpec } from './types.js';

/**
 * Candidate planning. A filter becomes a `Restriction`: either ALL (the indexes cannot narrow it) or an
 * `IdSet`, a lazily iterable ascending id sequence that can also answer membership. AND drives the
 * smallest member and probes the others row by row (one B-tree lookup per candidate: no id lists are
 * materialised, unlike OpenLDAP's IDLs); OR merges its members' sequences. NOT, ordering, approximate and
 * unindexed assertions narrow nothing except through a presence index (each of them implies presence).
 * Every leaf is in a positive position (NOT is never descended into), so each set is a superset of the
 * entries for which its filter is TRUE, and the server re-tests every candidate (RFC 4511 §4.5.1.7).
 */
export interface IdSet {
  /**
   * Number of ids, counted up to `limit` (a result equal to `limit` means "at least"). Counting is lazy and
   * bounded because it walks index rows: an intersection counts each member only up to the smallest count found
   * so far, so a selective index next to a huge subtree never pays for counting the subtree.
   */
  estimate(limit: number): number;
  readonly description: string;
  ids(afterId: number): Iterable<number>;
  has(id: number): boolean;
}

export const ALL = 'all' as const;
export type Restriction = IdSet | typeof ALL;

/** Counting stops here: estimates only need to tell selective sets from large ones. */
export const ESTIMATE_CAP = 4096;

const EMPTY: IdSet = { estimate: () => 0, description: 'none', ids: () => [], has: () => false };

/** Memoises a bounded count: a count below the limit it was taken with is exact and answers any later limit. */
function lazyCount(count: (limit: number) => number): (limit: number) => number {
  let known = -1;
  let knownLimit = 0;
  return (limit) => {
    if (known >= 0 && (known < knownLimit || limit <= knownLimit)) return Math.min(known, limit);
    known = count(limit);
    knownLimit = limit;
    return known;
  };
}

export function intersect(sets: readonly IdSet[]): IdSet {
  if (sets.length === 1) return sets[0] as IdSet;
  // The driver is the smallest member. Members are counted in the order given (callers put index sets before
  // scopes), each only up to the smallest count so far; a tie keeps the earlier member.
  let driver = sets[0] as IdSet;
  let smallest = driver.estimate(ESTIMATE_CAP);
  for (const set of sets.slice(1)) {
    if (smallest === 0) break;
    const n = set.estimate(smallest);
    if (n < smallest) {
      driver = set;
      smallest = n;
    }
  }
  const probes = sets.filter((s) => s !== driver);
  const ordered = [driver, ...probes];
  const has = (id: number): boolean => probes.every((p) => p.has(id));
  return {
    estimate: (limit) => driver.estimate(limit),
    description: [...new Set(ordered.map((s) => s.description))].join(' ∩ '),
    *ids(afterId) {
      for (const id of driver.ids(afterId)) if (has(id)) yield id;
    },
    has: (id) => driver.has(id) && has(id),
  };
}

export function union(sets: readonly IdSet[]): IdSet {
  if (sets.length === 0) return EMPTY;
  if (sets.length === 1) return sets[0] as IdSet;
  return {
    estimate: (limit) => {
      let n = 0;
      for (const s of sets) {
        n += s.estimate(limit - n);
        if (n >= limit) return limit;
      }
      return n;
    },
    description: `(${sets.map((s) => s.description).join(' ∪ ')})`,
    ids: (afterId) => mergeAscending(sets.map((s) => s.ids(afterId))),
    has: (id) => sets.some((s) => s.has(id)),
  };
}

/** K-way merge of ascending id sequences, dropping duplicates. */
function* mergeAscending(sources: readonly Iterable<number>[]): Generator<number, void, undefined> {
  const heads: { it: Iterator<number>; value: number }[] = [];
  try {
    for (const source of sources) {
      const it = source[Symbol.iterator]();
      const next = it.next();
      if (next.done === true) it.return?.();
      else heads.push({ it, value: next.value });
    }
    let last = -1;
    while (heads.length > 0) {
      let min = 0;
      for (let i = 1; i < heads.length; i++) if ((heads[i]?.value ?? 0) < (heads[min]?.value ?? 0)) min = i;
      const head = heads[min] as { it: Iterator<number>; value: number };
      if (head.value !== last) {
        last = head.value;
        yield head.value;
      }
      const next = head.it.next();
      if (next.done === true) heads.splice(min, 1);
      else head.value = next.value;
    }
  } finally {
    for (const head of heads) head.it.return?.();
  }
}

export class Planner {
  readonly #ctx: BackendContext;
  readonly #options: ReadOptions;

  constructor(ctx: BackendContext, options: ReadOptions) {
    this.#ctx = ctx;
    this.#options = options;
  }

  /** The ids of one index key (or all ids carrying `prefix`) as an IdSet. */
  #indexSet(prefix: Buffer, description: string): IdSet {
    const db = this.#ctx.stores.index;
    const options = this.#options;
    return {
      estimate: lazyCount((limit) => cappedCount(db, prefix, limit, options)),
      description,
      ids: (afterId) => idsUnder(db, prefix, afterId, options),
      has: (id) => hasRow(db, prefix, id, options),
    };
  }

  scope(spec: SearchScopeSpec): IdSet {
    const { baseId } = spec;
    const base: IdSet = {
      estimate: (limit) => Math.min(1, limit),
      description: 'base',
      ids: (afterId) => (baseId > afterId ? [baseId] : []),
      has: (id) => id === baseId,
    };
    if (spec.scope === 'base') return base;
    const { children, ancestors } = this.#ctx.stores;
    const options = this.#options;
    const prefix = idKey(baseId);
    const db = spec.scope === 'one' ? children : ancestors;
    const below: IdSet = {
      estimate: lazyCount((limit) => cappedCount(db, prefix, limit, options)),
      description: `${spec.scope === 'one' ? 'one' : 'children'}-scope`,
      ids: (afterId) => idsUnder(db, prefix, afterId, options),
      has: (id) => hasRow(db, prefix, id, options),
    };
    if (spec.scope !== 'sub') return below;
    // The base can have a larger id than some of its descendants (an older subtree moved under it),
    // so it is merged into the sequence rather than put first.
    return { ...union([base, below]), estimate: (limit) => Math.min(limit, below.estimate(limit) + 1), description: 'sub-scope' };
  }

  restrict(filter: Filter): Restriction {
    switch (filter.type) {
      case 'and': {
        const parts = filter.filters.map((f) => this.restrict(f)).filter((r): r is IdSet => r !== ALL);
        return parts.length === 0 ? ALL : intersect(parts);
      }
      case 'or': {
        const parts = filter.filters.map((f) => this.restrict(f));
        // (|) is absolute false (RFC 4526): no entry at all.
        if (parts.some((r) => r === ALL)) return ALL;
        return union(parts as IdSet[]);
      }
      case 'not':
        return ALL;
      case 'equality':
        return this.#equality(filter.attribute, filter.value) ?? this.#presence(filter.attribute) ?? ALL;
      case 'present':
      case 'approxMatch':
      case 'greaterOrEqual':
      case 'lessOrEqual':
        return this.#presence(filter.attribute) ?? ALL;
      case 'substrings':
        return this.#substrings(filter) ?? this.#presence(filter.attribute) ?? ALL;
      case 'extensibleMatch':
        // With dnAttributes the assertion can also match a DN component (RFC 4511 §4.5.1.7.7).
        if (filter.attribute === undefined || filter.dnAttributes) return ALL;
        return this.#presence(filter.attribute) ?? ALL;
    }
  }

  /** The keys an assertion on `description` can match, when every one of them has a `kind` index. */
  #indexedKeys(description: string, kind: IndexKindName): readonly string[] | undefined {
    const keys = this.#ctx.subtypeKeys(this.#ctx.attributeKey(description));
    if (keys.length === 0) return undefined;
    return keys.every((k) => this.#ctx.indexed.get(k)?.has(kind) === true) ? keys : undefined;
  }

  #presence(description: string): IdSet | undefined {
    const keys = this.#indexedKeys(description, 'pres');
    return keys && union(keys.map((k) => this.#indexSet(indexPrefix('pres', k), `pres(${k})`)));
  }

  #equality(description: string, value: Buffer): IdSet | undefined {
    const keys = this.#indexedKeys(description, 'eq');
    if (keys === undefined) return undefined;
    const sets: IdSet[] = [];
    for (const k of keys) {
      const key = this.#ctx.equalityKey(k, value);
      if (key === undefined) return undefined;
      sets.push(this.#indexSet(indexPrefix('eq', k, key), `eq(${k})`));
    }
    return union(sets);
  }

  #substrings(filter: SubstringsFilter): IdSet | undefined {
    const keys = this.#indexedKeys(filter.attribute, 'sub');
    if (keys === undefined) return undefined;
    const components: [Buffer, 'initial' | 'any' | 'final'][] = filter.any.map((c) => [c, 'any']);
    if (filter.initial !== undefined) components.push([filter.initial, 'initial']);
    if (filter.final !== undefined) components.push([filter.final, 'final']);
    const sets: IdSet[] = [];
    for (const k of keys) {
      const grams = new Set<string>();
      for (const [component, position] of components) {
        const text = this.#ctx.substringAssertionKey(k, component, position);
        if (text !== undefined) for (const gram of trigrams(text)) grams.add(gram);
      }
      // Components shorter than three characters leave nothing to look up: no narrowing for this key.
      if (grams.size === 0) return undefined;
      sets.push(intersect([...grams].map((g) => this.#indexSet(indexPrefix('sub', k, g), `sub(${k})`))));
    }
    return union(sets);
  }
}
