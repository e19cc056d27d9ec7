import { formatFilter } from '../filter/index.js';
import type { Filter } from '../filter/index.js';
import type { SecurityAlert } from './alerts.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';

/**
 * Bulk directory enumeration (BloodHound/SharpHound, ldapdomaindump, adidnsdump-style sweeps) looks
 * different from application traffic: it searches the whole naming context, with unselective filters
 * (`(objectClass=*)`, class sweeps), for attack-relevant attributes (SPNs, adminCount, delegation,
 * userAccountControl bits), pages through everything, and asks many *different* questions in a short time.
 * An application asks the same few selective questions (`(uid=jdoe)` under ou=people, `(member=<dn>)`
 * under ou=groups) over and over, returning a handful of entries each.
 *
 * Every search gets a score (weights below); scores are summed over a sliding window (12 buckets per window)
 * per identity and per address. When a window's total reaches the threshold, ONE alert is raised; that window
 * re-arms only once its total has cooled below half the threshold (hysteresis), so a long scan produces one
 * alert, not one per search. `anonymous` is not tracked as an identity (it is everyone); anonymous sweeps
 * are caught per address.
 *
 * Against false positives, the per-search ("static") score counts only for the first occurrence of the same
 * search (base, scope, filter) in the window, and a paged continuation only adds paging and entry scores:
 * breadth is the signal, not repetition. Memory is bounded: at most `maxKeys` windows (least recently used
 * evicted), each holding 12 buckets and at most 64 remembered searches and filter shapes.
 */
export const ENUMERATION_REASONS = [
  'subtree-from-naming-context',
  'match-all-filter',
  'class-sweep',
  'sensitive-attribute',
  'bitwise-match',
  'size-limit',
  'distinct-searches',
  'entries-returned',
  'paging',
] as const;
export type EnumerationReason = (typeof ENUMERATION_REASONS)[number];

/** Points per search for each reason (entries-returned: per `entriesPerPoint` entries past the allowance). */
export const ENUMERATION_WEIGHTS: Readonly<Record<EnumerationReason, number>> = Object.freeze({
  /** scope sub/children from the naming context (or the root): "give me everything". */
  'subtree-from-naming-context': 10,
  /** filter made only of presence tests, e.g. (objectClass=*), (|(cn=*)(uid=*)), or absolute true (&). */
  'match-all-filter': 20,
  /** filter made only of class tests (objectClass/objectCategory/sAMAccountType equality) and presence. */
  'class-sweep': 10,
  /** presence/substring test on an attack-relevant attribute, or equality on adminCount/userAccountControl. */
  'sensitive-attribute': 25,
  /** bitwise AND/OR (1.2.840.113556.1.4.803/.804) or in-chain (…1941) extensible match: UAC flag hunting. */
  'bitwise-match': 25,
  /** the search hit its size limit: it asked for more than a client is allowed to see at once. */
  'size-limit': 5,
  /** each distinct filter shape past `distinctShapes` in the window. */
  'distinct-searches': 5,
  'entries-returned': 1,
  /** each paged continuation past `continuationPages` in the window. */
  paging: 3,
});

/** What a window tolerates before those reasons start scoring. */
export const ENUMERATION_ALLOWANCES = Object.freeze({
  distinctShapes: 8,
  entries: 1000,
  entriesPerPoint: 20,
  continuationPages: 5,
});

/** Filter attributes whose probing is reconnaissance (lowercase). */
export const SENSITIVE_FILTER_ATTRIBUTES: ReadonlySet<string> = new Set([
  'serviceprincipalname',
  'admincount',
  'useraccountcontrol',
  'msds-allowedtodelegateto',
  'msds-allowedtoactonbehalfofotheridentity',
  'userpassword',
  'unicodepwd',
  'sidhistory',
  'member',
  'memberof',
  'uniquemember',
  'ms-mcs-admpwd',
  'msds-keycredentiallink',
]);
/** Of those, the flag attributes where even an equality test (`(admincount=1)`) is a sweep. */
const FLAG_ATTRIBUTES: ReadonlySet<string> = new Set(['admincount', 'useraccountcontrol']);
/** Never copied into alert evidence (a filter on them may hold a password guess). */
const SECRET_ATTRIBUTES: ReadonlySet<string> = new Set(['userpassword', 'unicodepwd', 'ms-mcs-admpwd']);
const CLASS_ATTRIBUTES: ReadonlySet<string> = new Set(['objectclass', '2.5.4.0', 'objectcategory', 'samaccounttype']);
const BITWISE_RULES: ReadonlySet<string> = new Set(['1.2.840.113556.1.4.803', '1.2.840.113556.1.4.804', '1.2.840.113556.1.4.1941']);

export interface SearchEvent {
  /** `anonymous` or the bound DN. */
  readonly identity: string;
  readonly address: string;
  readonly isAdmin: boolean;
  readonly baseDn: string;
  /** The naming context the base lies in. */
  readonly namingContext: string;
  readonly scope: 'base' | 'one' | 'sub' | 'children';
  readonly filter: Filter;
  readonly attributes: readonly string[];
  readonly entriesReturned: number;
  /** A continuation page of a paged search (RFC 2696 cookie present). */
  readonly pagedCookie: boolean;
  readonly sizeLimitHit: boolean;
}

export interface EnumerationDetectorOptions {
  readonly clock?: Clock | undefined;
  readonly windowSeconds: number;
  readonly thresholds: { readonly score: number };
  readonly onAlert: (alert: SecurityAlert) => void;
  /** Ignore searches by administrators (default false). */
  readonly exemptAdmins?: boolean | undefined;
  /** Windows kept at most (default 10 000). */
  readonly maxKeys?: number | undefined;
}

const BUCKETS = 12;
const REMEMBERED = 64;
const SAMPLES = 5;
const SAMPLE_MAX_CHARS = 200;

interface Bucket {
  index: number;
  score: number;
  searches: number;
  entries: number;
  pages: number;
  reasons: Map<EnumerationReason, number>;
}

interface Window {
  buckets: Bucket[];
  /** hash of base|scope|filter → last seen (ms); insertion order is recency. */
  searches: Map<number, number>;
  /** hash of the filter's shape → last seen. */
  shapes: Map<number, number>;
  samples: { at: number; filter: string }[];
  armed: boolean;
  firstAt: number;
}

export class EnumerationDetector {
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #bucketMs: number;
  readonly #threshold: number;
  readonly #onAlert: (alert: SecurityAlert) => void;
  readonly #exemptAdmins: boolean;
  readonly #maxKeys: number;
  readonly #windows = new Map<string, Window>();

  constructor(opts: EnumerationDetectorOptions) {
    if (!(opts.windowSeconds > 0)) throw new RangeError(`windowSeconds must be positive (got ${opts.windowSeconds})`);
    if (!(opts.thresholds.score > 0)) throw new RangeError(`thresholds.score must be positive (got ${opts.thresholds.score})`);
    this.#clock = opts.clock ?? systemClock;
    this.#windowMs = opts.windowSeconds * 1000;
    this.#bucketMs = this.#windowMs / BUCKETS;
    this.#threshold = opts.thresholds.score;
    this.#onAlert = opts.onAlert;
    this.#exemptAdmins = opts.exemptAdmins ?? false;
    this.#maxKeys = opts.maxKeys ?? 10_000;
  }

  /** Windows currently kept (for monitoring and tests). */
  get size(): number {
    return this.#windows.size;
  }

  /** The current score of an identity's or address's window (for monitoring and tests). */
  score(kind: 'identity' | 'address', key: string): number {
    const w = this.#windows.get(`${kind}\0${key}`);
    if (w === undefined) return 0;
    this.#prune(w, this.#clock.now());
    return w.buckets.reduce((sum, b) => sum + b.score, 0);
  }

  observeSearch(event: SearchEvent): void {
    if (this.#exemptAdmins && event.isAdmin) return;
    const now = this.#clock.now();
    const staticReasons = event.pagedCookie ? [] : classifySearch(event);
    const searchHash = hash(`${event.baseDn.toLowerCase()}\0${event.scope}\0${safeFormat(event.filter)}`);
    const shapeHash = hash(shape(event.filter));
    const kinds: ['identity' | 'address', string][] = [['address', event.address]];
    if (event.identity !== 'anonymous') kinds.unshift(['identity', event.identity]);
    const crossed: { kind: 'identity' | 'address'; window: Window; total: number }[] = [];
    for (const [kind, key] of kinds) {
      const w = this.#window(`${kind}\0${key}`, now);
      this.#prune(w, now);
      const reasons = new Map<EnumerationReason, number>();
      const add = (reason: EnumerationReason, points: number): void => {
        if (points > 0) reasons.set(reason, (reasons.get(reason) ?? 0) + points);
      };
      if (!remember(w.searches, searchHash, now)) for (const r of staticReasons) add(r, ENUMERATION_WEIGHTS[r]);
      if (!event.pagedCookie && !remember(w.shapes, shapeHash, now) && w.shapes.size > ENUMERATION_ALLOWANCES.distinctShapes) {
        add('distinct-searches', ENUMERATION_WEIGHTS['distinct-searches']);
      }
      const before = w.buckets.reduce((sum, b) => sum + b.entries, 0);
      const over = (n: number): number => Math.floor(Math.max(0, n - ENUMERATION_ALLOWANCES.entries) / ENUMERATION_ALLOWANCES.entriesPerPoint);
      add('entries-returned', (over(before + event.entriesReturned) - over(before)) * ENUMERATION_WEIGHTS['entries-returned']);
      const pages = w.buckets.reduce((sum, b) => sum + b.pages, 0) + (event.pagedCookie ? 1 : 0);
      if (event.pagedCookie && pages > ENUMERATION_ALLOWANCES.continuationPages) add('paging', ENUMERATION_WEIGHTS.paging);

      const bucket = this.#bucket(w, now);
      let points = 0;
      for (const [reason, p] of reasons) {
        points += p;
        bucket.reasons.set(reason, (bucket.reasons.get(reason) ?? 0) + 1);
      }
      bucket.score += points;
      bucket.searches += 1;
      bucket.entries += event.entriesReturned;
      if (event.pagedCookie) bucket.pages += 1;
      if (points > 0) addSample(w, now, event.filter);

      const total = w.buckets.reduce((sum, b) => sum + b.score, 0);
      if (!w.armed && total < this.#threshold / 2) w.armed = true;
      if (w.armed && total >= this.#threshold) {
        w.armed = false;
        crossed.push({ kind, window: w, total });
      }
    }
    const first = crossed[0];
    if (first !== undefined) this.#onAlert(this.#alert(event, now, first.window, first.total, crossed.map((c) => c.kind)));
  }

  #alert(event: SearchEvent, now: number, w: Window, total: number, windows: string[]): SecurityAlert {
    const reasons: Record<string, number> = {};
    let searches = 0;
    let entries = 0;
    let pages = 0;
    for (const b of w.buckets) {
      searches += b.searches;
      entries += b.entries;
      pages += b.pages;
      for (const [r, n] of b.reasons) reasons[r] = (reasons[r] ?? 0) + n;
    }
    const high = (reasons['sensitive-attribute'] ?? 0) > 0 || (reasons['bitwise-match'] ?? 0) > 0;
    return {
      kind: 'enumeration',
      severity: high ? 'high' : 'medium',
      identity: event.identity,
      address: event.address,
      evidence: {
        windows,
        windowSeconds: this.#windowMs / 1000,
        score: total,
        threshold: this.#threshold,
        searches,
        entriesReturned: entries,
        continuationPages: pages,
        distinctFilterShapes: w.shapes.size,
        reasons,
        sampleFilters: w.samples.map((s) => s.filter),
        firstSeen: new Date(Math.max(w.firstAt, now - this.#windowMs)).toISOString(),
      },
      at: new Date(now).toISOString(),
    };
  }

  #window(key: string, now: number): Window {
    let w = this.#windows.get(key);
    if (w === undefined) {
      w = { buckets: [], searches: new Map(), shapes: new Map(), samples: [], armed: true, firstAt: now };
      if (this.#windows.size >= this.#maxKeys) {
        // In batches: one delete per insertion rescans V8's Map tombstones every time.
        let n = Math.max(1, Math.floor(this.#maxKeys / 64));
        for (const k of this.#windows.keys()) {
          if (n-- <= 0) break;
          this.#windows.delete(k);
        }
      }
    } else {
      this.#windows.delete(key);
    }
    this.#windows.set(key, w);
    return w;
  }

  #bucket(w: Window, now: number): Bucket {
    const index = Math.floor(now / this.#bucketMs);
    const last = w.buckets[w.buckets.length - 1];
    if (last !== undefined && last.index === index) return last;
    const bucket: Bucket = { index, score: 0, searches: 0, entries: 0, pages: 0, reasons: new Map() };
    w.buckets.push(bucket);
    return bucket;
  }

  /** Drops buckets, searches, shapes and samples older than the window. */
  #prune(w: Window, now: number): void {
    const oldest = Math.floor(now / this.#bucketMs) - BUCKETS + 1;
    while ((w.buckets[0]?.index ?? oldest) < oldest) w.buckets.shift();
    const cutoff = now - this.#windowMs;
    for (const map of [w.searches, w.shapes]) {
      for (const [k, at] of map) {
        if (at > cutoff) break;
        map.delete(k);
      }
    }
    while ((w.samples[0]?.at ?? now) <= cutoff) w.samples.shift();
    if (w.buckets.length === 0) w.firstAt = now;
  }
}

/** The per-search reasons, from the search alone. */
export function classifySearch(event: SearchEvent): EnumerationReason[] {
  const out: EnumerationReason[] = [];
  const wide = event.scope === 'sub' || event.scope === 'children';
  const base = event.baseDn.toLowerCase();
  if (wide && (base === '' || base === event.namingContext.toLowerCase())) out.push('subtree-from-naming-context');
  const leaves: Filter[] = [];
  collectLeaves(event.filter, leaves);
  const isAbsoluteTrue = event.filter.type === 'and' && event.filter.filters.length === 0;
  const presence = (f: Filter): boolean => f.type === 'present';
  const classTest = (f: Filter): boolean => f.type === 'equality' && CLASS_ATTRIBUTES.has(attr(f.attribute));
  if (isAbsoluteTrue || (leaves.length > 0 && leaves.every(presence))) out.push('match-all-filter');
  else if (leaves.length > 0 && leaves.every((f) => presence(f) || classTest(f))) out.push('class-sweep');
  if (leaves.some(sensitiveLeaf)) out.push('sensitive-attribute');
  if (leaves.some((f) => f.type === 'extensibleMatch' && f.matchingRule !== undefined && BITWISE_RULES.has(f.matchingRule))) {
    out.push('bitwise-match');
  }
  if (event.sizeLimitHit) out.push('size-limit');
  return out;
}

function sensitiveLeaf(f: Filter): boolean {
  switch (f.type) {
    case 'present':
    case 'substrings':
      return SENSITIVE_FILTER_ATTRIBUTES.has(attr(f.attribute));
    case 'equality':
    case 'greaterOrEqual':
    case 'lessOrEqual':
      return FLAG_ATTRIBUTES.has(attr(f.attribute));
    default:
      return false;
  }
}

function collectLeaves(f: Filter, out: Filter[]): void {
  if (f.type === 'and' || f.type === 'or') for (const sub of f.filters) collectLeaves(sub, out);
  else if (f.type === 'not') collectLeaves(f.filter, out);
  else out.push(f);
}

/** Attribute description → lowercase type without options (`userCertificate;binary` → `usercertificate`). */
function attr(description: string): string {
  const semi = description.indexOf(';');
  return (semi < 0 ? description : description.slice(0, semi)).toLowerCase();
}

/** The filter with its values blanked: `(&(uid=?)(objectclass=?))`. Distinct shapes measure breadth. */
function shape(f: Filter): string {
  switch (f.type) {
    case 'and':
      return `(&${f.filters.map(shape).join('')})`;
    case 'or':
      return `(|${f.filters.map(shape).join('')})`;
    case 'not':
      return `(!${shape(f.filter)})`;
    case 'present':
      return `(${attr(f.attribute)}=*)`;
    case 'substrings':
      return `(${attr(f.attribute)}=?*)`;
    case 'extensibleMatch':
      return `(${attr(f.attribute ?? '')}:${f.matchingRule ?? ''}:=?)`;
    default:
      return `(${attr(f.attribute)}${f.type}?)`;
  }
}

/** The filter for evidence: values of secret attributes redacted, length bounded, never throws. */
function sample(f: Filter): string {
  const redact = (g: Filter): Filter => {
    switch (g.type) {
      case 'and':
      case 'or':
        return { ...g, filters: g.filters.map(redact) };
      case 'not':
        return { ...g, filter: redact(g.filter) };
      case 'present':
        return g;
      case 'substrings':
        return SECRET_ATTRIBUTES.has(attr(g.attribute)) ? { type: 'substrings', attribute: g.attribute, any: [REDACTED] } : g;
      default:
        return SECRET_ATTRIBUTES.has(attr(g.attribute ?? '')) ? { ...g, value: REDACTED } : g;
    }
  };
  const text = safeFormat(redact(f));
  return text.length > SAMPLE_MAX_CHARS ? `${text.slice(0, SAMPLE_MAX_CHARS)}…` : text;
}
const REDACTED = Buffer.from('[REDACTED]');

function addSample(w: Window, now: number, f: Filter): void {
  const text = sample(f);
  const i = w.samples.findIndex((s) => s.filter === text);
  if (i >= 0) w.samples.splice(i, 1);
  else if (w.samples.length >= SAMPLES) w.samples.shift();
  w.samples.push({ at: now, filter: text });
}

function safeFormat(f: Filter): string {
  try {
    return formatFilter(f);
  } catch {
    return shape(f);
  }
}

/** Marks `key` as seen now; true when it had been seen in the window already. Keeps at most REMEMBERED. */
function remember(map: Map<number, number>, key: number, now: number): boolean {
  const seen = map.delete(key);
  if (!seen && map.size >= REMEMBERED) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
  map.set(key, now);
  return seen;
}

/** FNV-1a, 32 bits: windows remember searches by hash so a key's memory does not depend on filter sizes. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
