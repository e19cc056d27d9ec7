import type { Filter } from '../filter/index.js';
import type { Attribute } from '../protocol/index.js';

/**
 * The storage backend's contract with the server. The backend stores and finds entries transactionally;
 * every LDAP semantic (schema checks, access control, controls, matching) stays in the server, which passes
 * the schema's normalisers in through `BackendOptions`.
 */

/** Positive integers, allocated inside write transactions; a suffix (root) entry has parent 0. */
export type EntryId = number;

export interface StoredEntry {
  readonly id: EntryId;
  readonly parentId: EntryId;
  /** The DN as given (pretty form). */
  readonly dn: string;
  /** The normalised DN, computed by the server; unique across the database. */
  readonly ndn: string;
  /** User and stored operational attributes; values are Buffers, round-tripped byte for byte. */
  readonly attributes: readonly Attribute[];
}

export type IndexKindName = 'eq' | 'pres' | 'sub';

export interface IndexSpec {
  /** Canonical lower-case attribute key (as returned by `attributeKey`). */
  readonly attribute: string;
  readonly kinds: readonly IndexKindName[];
}

export type SubstringPosition = 'initial' | 'any' | 'final';

export interface BackendOptions {
  /** Data directory (created if missing). */
  readonly path: string;
  readonly indexes: readonly IndexSpec[];
  /** Canonical attribute key for an attribute description ('commonName;lang-en' → 'cn'); must be stable. */
  readonly attributeKey: (description: string) => string;
  /**
   * Normalised equality key of a value (and of an equality assertion), or undefined when it can't be keyed
   * (throwing an LdapError means the same; any other exception is a bug and propagates).
   */
  readonly equalityKey: (attributeKey: string, value: Buffer) => string | undefined;
  /** Normalised string of a value for substring indexing, or undefined. */
  readonly substringKey: (attributeKey: string, value: Buffer) => string | undefined;
  /**
   * Normalised form of one substring-assertion component, such that a value matches only if this string
   * occurs in `substringKey(value)` (at the start for 'initial', at the end for 'final'): the schema's SUBSTR
   * rule `normalizeSubstring`. Optional: without it the component goes through `substringKey` and has
   * its spaces trimmed (RFC 4518 §2.6.1 pads values with spaces), which is safe for that normaliser.
   */
  readonly substringAssertionKey?: (attributeKey: string, component: Buffer, position: SubstringPosition) => string | undefined;
  /**
   * The attribute keys whose values an assertion on `attributeKey` can match: the type itself and its
   * subtypes (RFC 4512 §2.5.1: `(name=x)` also matches `cn` and `sn`). Optional; default `[attributeKey]`.
   * An index is used for a filter only when every listed key has it.
   */
  readonly subtypeKeys?: (attributeKey: string) => readonly string[];
  /**
   * Further equality keys a stored value stands for: an objectClass value also stands for its superclasses
   * (X.501: an entry of class inetOrgPerson is a person), so `(objectClass=person)` finds it through the index.
   * Optional; default none.
   */
  readonly impliedEqualityKeys?: (attributeKey: string, key: string) => readonly string[];
  /** LMDB map size in bytes; default 64 GiB (address space only: the file grows as data is written). */
  readonly mapSize?: number;
  /** Default false: every commit is fsync'd before its promise resolves. True is for throwaway/import use. */
  readonly noSync?: boolean;
}

export type SearchScope = 'base' | 'one' | 'sub' | 'children';

export interface SearchScopeSpec {
  readonly baseId: EntryId;
  readonly scope: SearchScope;
}

export interface CandidatePlan {
  readonly kind: 'indexed' | 'scan';
  /** Upper bound on the number of candidates (capped counts: see planner.ts). */
  readonly estimate: number;
  /** For logs, e.g. "eq(uid) ∩ sub-scope". */
  readonly description: string;
}

export interface ReadTxn {
  getById(id: EntryId): StoredEntry | undefined;
  getByNdn(ndn: string): StoredEntry | undefined;
  idOfNdn(ndn: string): EntryId | undefined;
  hasChildren(id: EntryId): boolean;
  countChildren(id: EntryId): number;
  /** Ids (ascending) whose normalised `attributeKey` value equals `key`; undefined when there is no eq index. */
  idsWithEquality(attributeKey: string, key: string): EntryId[] | undefined;
  plan(scope: SearchScopeSpec, filter: Filter): CandidatePlan;
  /**
   * Candidates for a search, lazily, in ascending id order, all within the scope, a superset of the entries
   * matching `filter` (the server re-tests each one). `afterId` resumes a paged search: only ids > afterId.
   */
  candidates(scope: SearchScopeSpec, filter: Filter, afterId?: EntryId): Iterable<StoredEntry>;
  entryCount(): number;
}

export interface WriteTxn extends ReadTxn {
  /** Inserts an entry; parentId must exist (or be 0 for a suffix entry). Duplicate ndn → entryAlreadyExists (68). */
  add(parentId: EntryId, dn: string, ndn: string, attributes: readonly Attribute[]): StoredEntry;
  /** Replaces all attributes of an entry; index rows are updated by diffing old and new keys. */
  replace(id: EntryId, attributes: readonly Attribute[]): StoredEntry;
  /** Deletes a leaf; notAllowedOnNonLeaf (66) when it has children. */
  delete(id: EntryId): void;
  /**
   * Renames/moves an entry with its subtree. Descendants' dn and ndn get their old suffix (',' + old dn /
   * ndn) replaced by the new one; `attributes` replace the entry's own (RDN attribute changes).
   */
  move(id: EntryId, newParentId: EntryId, newDn: string, newNdn: string, attributes: readonly Attribute[]): StoredEntry;
}
