import type { FilterEntry } from '../filter/index.js';

/**
 * The rights a rule can grant. `auth` is the right to use an attribute for authentication only (a bind
 * checks userPassword with it), as OpenLDAP's `auth` level; it is implied by nothing and implies nothing.
 */
export const RIGHTS = ['read', 'search', 'compare', 'write', 'add', 'delete', 'auth'] as const;
export type Right = (typeof RIGHTS)[number];

/** Every right: what administrators hold. */
export const ALL_RIGHTS: readonly Right[] = Object.freeze([...RIGHTS]);

export const SCOPES = ['base', 'one', 'sub', 'children'] as const;
export type TargetScope = (typeof SCOPES)[number];

export type Subject =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'self' }
  | { readonly kind: 'dn'; readonly dn: string }
  | { readonly kind: 'group'; readonly dn: string }
  | { readonly kind: 'any' };

/**
 * What a rule is about. `attributes` lists attribute descriptions (aliases and subtypes are resolved
 * through the schema: `name` covers `cn` and `sn`, `cn` covers `commonName` and `cn;lang-fr`), `'*'`
 * (every user attribute), `'+'` (every operational attribute) and `'entry'` (the entry itself, needed to
 * see, add or delete it). Omitted: the entry and every attribute. The secret attributes (userPassword,
 * authPassword) are covered only where they are named: neither `'*'` nor an omitted list reaches them.
 */
export interface Target {
  /** Base DN; default the whole directory (the root DN). */
  readonly subtree?: string;
  /** Default 'sub' (the base and everything below it). */
  readonly scope?: TargetScope;
  /** RFC 4515; the rule applies only to entries for which it is TRUE. */
  readonly filter?: string;
  readonly attributes?: readonly string[];
  readonly exceptAttributes?: readonly string[];
}

export interface Grant {
  readonly subject: Subject;
  readonly rights: readonly Right[];
}

export interface AccessRule {
  readonly name: string;
  readonly target: Target;
  readonly grants: readonly Grant[];
}

export interface AclConfig {
  /** Members of this group manage everything (except reading secrets, see defaultRules). */
  readonly adminGroupDn: string;
  /** What authenticated users may read of people and groups; default DEFAULT_READABLE_ATTRIBUTES. */
  readonly readableAttributes: readonly string[];
  readonly peopleBase: string;
  readonly groupsBase: string;
  /** Extra rules, evaluated BEFORE the defaults (see rulesFromConfig). */
  readonly rules?: readonly AccessRule[];
}

/** The attributes of people and groups that authenticated users may read by default: no secrets. */
export const DEFAULT_READABLE_ATTRIBUTES: readonly string[] = Object.freeze([
  'objectClass', 'cn', 'sn', 'givenName', 'displayName', 'uid', 'mail', 'telephoneNumber', 'title', 'ou', 'o',
  'description', 'member', 'uniqueMember', 'memberUid', 'memberOf', 'uidNumber', 'gidNumber', 'homeDirectory',
  'loginShell', 'entryUUID',
]);

/**
 * Attributes holding password hashes or SCRAM verifiers (RFC 3112 authPassword, RFC 5803). Nobody reads
 * them, not even their owner, unless a rule names them and grants `read` explicitly; on them `write`
 * does not imply `read`.
 */
export const SECRET_ATTRIBUTES: readonly string[] = Object.freeze(['userPassword', 'authPassword']);

/** The requester and how to answer group membership (from the member index, inside the transaction). */
export interface AccessContext {
  readonly requester: { readonly kind: 'anonymous' } | { readonly kind: 'dn'; readonly ndn: string };
  /** `groupNdn` is normalised with the same function the AccessControl was given. */
  isMemberOf(groupNdn: string): boolean;
}

/** The entry a decision is about: its normalised DN and its attributes, for filter targets. */
export interface EntryFacts {
  readonly ndn: string;
  readonly filterEntry: FilterEntry;
}
