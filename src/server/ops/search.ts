import { randomBytes } from 'node:crypto';
import { LdapError, ResultCode } from '../../errors/index.js';
import { compileFilter, formatFilter, TRUE } from '../../filter/index.js';
import type { Filter } from '../../filter/index.js';
import {
  assertionControl,
  makeResponseControl,
  pagedResultsControl,
  sortRequestControl,
  sortResponseControl,
} from '../../protocol/index.js';
import type { Attribute, Control, ResolvedControls, SearchRequest, SortKey } from '../../protocol/index.js';
import type { AccessContext } from '../../acl/index.js';
import { accessContext } from '../access.js';
import type { Identity } from '../session.js';
import type { ReadTxn, StoredEntry } from '../../backend/index.js';
import { AttributeSelection } from '../attribute-selection.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { presentEntry, computedValues } from '../operational.js';
import { rootDseEntry, subschemaEntry } from '../root-dse.js';
import { advertisedSaslMechanisms } from './sasl-bind.js';
import { EntryView } from '../entry-view.js';
import { result } from '../respond.js';

/** How many matching entries one read transaction collects before they are sent (and the socket may push back). */
const BATCH = 64;

/** A paged-results cursor (RFC 2696): where the next page starts, for a search that must not change between pages. */
export interface PagedCursor {
  readonly fingerprint: string;
  afterId: number;
  /** For sorted searches: the sorted ids, consumed page by page. */
  sortedIds?: number[];
  returned: number;
}

const cursorsByConnection = new WeakMap<object, Map<string, PagedCursor>>();

function cursorsOf(ctx: RequestContext): Map<string, PagedCursor> {
  let map = cursorsByConnection.get(ctx.connection);
  if (map === undefined) {
    map = new Map();
    cursorsByConnection.set(ctx.connection, map);
  }
  return map;
}

export async function search(server: ServerContext, request: SearchRequest, ctx: RequestContext, controls: ResolvedControls): Promise<OperationOutcome> {
  const directory = server.directory;
  const log = {
    base: request.baseObject,
    scope: request.scope,
    filter: safeFormat(request.filter),
    attrs: request.attributes.join(','),
  };

  // The root DSE (RFC 4512 §5.1) and the subschema subentry (§4.2) live outside the suffix.
  if (request.baseObject === '' ) {
    if (request.scope !== 'base') throw new LdapError(ResultCode.noSuchObject, 'the root DSE has no subordinates; search a naming context');
    const entry = rootDseEntry(server, advertisedSaslMechanisms(ctx.session));
    return sendSpecial(server, request, ctx, entry, log);
  }
  const target = directory.target(request.baseObject);
  if (target.ndn === directory.subschemaNdn) {
    if (request.scope !== 'base') return { result: result(ResultCode.success), log: { ...log, entries: 0 } };
    return sendSpecial(server, request, ctx, subschemaEntry(server), log);
  }

  const identity = ctx.session.identity;
  const paged = controls.get(pagedResultsControl);
  const sort = controls.get(sortRequestControl);
  const assertion = controls.get(assertionControl);
  const selection = new AttributeSelection(request.attributes, directory.schema);
  const test = compileFilter(request.filter, directory.schema.matchingContext);

  // One snapshot for everything decided before the first entry: the requester's rights, the base, the plan.
  const { isAdmin, base, plan } = directory.backend.read((txn) => {
    const entry = directory.require(txn, target);
    // RFC 4511 §4.5.1 with access control: a base the requester may not search looks absent.
    const access = accessContext(txn, identity);
    const facts = { ndn: entry.ndn, filterEntry: viewOf(server, txn, entry) };
    if (!server.access.allowed(access, facts, 'entry', 'search')) {
      throw new LdapError(ResultCode.noSuchObject, `no such entry: ${target.dn.toString()}`, { matchedDn: directory.matchedDn(txn, target.dn) });
    }
    if (assertion !== undefined && !matches(server, txn, entry, assertion.value)) {
      throw new LdapError(ResultCode.assertionFailed, 'the assertion control does not match the base entry');
    }
    return { isAdmin: directory.isAdmin(txn, identity), base: entry, plan: txn.plan({ baseId: entry.id, scope: request.scope }, request.filter) };
  });
  const scope = { baseId: base.id, scope: request.scope } as const;
  const sizeLimit = effectiveLimit(request.sizeLimit, isAdmin ? 0 : server.limits.sizeLimit);
  // An unindexed sweep of the whole naming context is what enumeration tools do and what no application needs:
  // refused for non-administrators (it is still scored, so the attempt is seen).
  // Every search is scored for bulk enumeration (BloodHound-style sweeps); alerts are raised by the detector.
  const observe = (entriesReturned: number, pagedCookie: boolean, sizeLimitHit: boolean): void =>
    server.enumerationDetector?.observeSearch({
      identity: identity.kind === 'dn' ? identity.ndn : 'anonymous',
      address: ctx.session.remoteAddress,
      isAdmin,
      baseDn: target.ndn,
      namingContext: directory.suffixNdn,
      scope: request.scope,
      filter: request.filter,
      attributes: request.attributes,
      entriesReturned,
      pagedCookie,
      sizeLimitHit,
    });
  if (!isAdmin && plan.kind === 'scan' && base.ndn === directory.suffixNdn && (request.scope === 'sub' || request.scope === 'children')) {
    observe(0, false, false);
    throw new LdapError(ResultCode.adminLimitExceeded, 'unindexed search of the whole directory refused; search a narrower base or an indexed attribute');
  }
  const timeLimit = effectiveLimit(request.timeLimit, isAdmin ? 0 : server.limits.timeLimit);
  const deadline = timeLimit === 0 ? Infinity : Date.now() + timeLimit * 1000;


  // RFC 2696 §3: the cookie names server state; a stale or foreign cookie is an error, size 0 abandons the search.
  const cursors = cursorsOf(ctx);
  const fingerprint = `${target.ndn}|${request.scope}|${safeFormat(request.filter)}|${request.attributes.join(',')}|${request.typesOnly}|${sort === undefined ? '' : JSON.stringify(sort.value)}`;
  let cursor: PagedCursor | undefined;
  let cookieKey: string | undefined;
  if (paged !== undefined) {
    if (paged.value.cookie.length > 0) {
      cookieKey = paged.value.cookie.toString('hex');
      cursor = cursors.get(cookieKey);
      if (cursor === undefined || cursor.fingerprint !== fingerprint) {
        throw new LdapError(ResultCode.unwillingToPerform, 'paged results cookie is invalid or belongs to another search');
      }
      cursors.delete(cookieKey);
      if (paged.value.size === 0) {
        return { result: result(ResultCode.success), controls: [pagedDone()], log: { ...log, entries: 0, paged: 'abandoned' } };
      }
    } else {
      if (cursors.size >= server.limits.maxCursorsPerConnection) {
        throw new LdapError(ResultCode.adminLimitExceeded, `too many open paged searches on this connection (${cursors.size})`);
      }
      cursor = { fingerprint, afterId: 0, returned: 0 };
    }
  }

  const requestedPage = paged !== undefined && paged.value.size > 0 ? paged.value.size : Infinity;
  const pageSize = paged !== undefined && !isAdmin ? Math.min(requestedPage, server.limits.maxPageSize) : requestedPage;
  let sent = 0;
  let sortResponse: Control | undefined;

  const checkLimits = (): void => {
    if (Date.now() > deadline) throw new LdapError(ResultCode.timeLimitExceeded, `time limit of ${timeLimit} s exceeded`);
  };

  const total = (): number => (cursor?.returned ?? 0) + sent;
  let moreMatches = (): boolean => false;
  const overSize = (): boolean => sizeLimit > 0 && total() >= sizeLimit;

  if (sort !== undefined) {
    // Sorting needs every match first (RFC 2891); the set is bounded by the sort limit.
    let ids = cursor?.sortedIds;
    if (ids === undefined) {
      const matched = directory.backend.read((txn) => {
        const found: StoredEntry[] = [];
        const access = accessContext(txn, identity);
        for (const entry of txn.candidates(scope, request.filter)) {
          if (ctx.signal.aborted) break;
          if (!visibleMatch(server, txn, access, entry, test)) continue;
          found.push(entry);
          if (found.length > server.limits.maxSortEntries) {
            throw new LdapError(ResultCode.adminLimitExceeded, `more than ${server.limits.maxSortEntries} entries to sort`);
          }
        }
        return found;
      });
      ids = sortEntries(server, matched, sort.value).map((e) => e.id);
      sortResponse = makeResponseControl(sortResponseControl, { sortResult: 'success' });
    }
    let index = 0;
    while (index < ids.length && sent < pageSize && !ctx.signal.aborted) {
      if (overSize()) break;
      checkLimits();
      const chunk = ids.slice(index, index + Math.min(BATCH, pageSize - sent));
      const batch = directory.backend.read((txn) => {
        const view = new Presentation(server, txn, selection, request.typesOnly, identity);
        const out: { entry: StoredEntry; attributes: Attribute[] }[] = [];
        for (const id of chunk) {
          const entry = txn.getById(id);
          const attributes = entry === undefined ? undefined : view.present(entry);
          if (entry !== undefined && attributes !== undefined) out.push({ entry, attributes });
        }
        return out;
      });
      const room = sizeLimit > 0 ? Math.max(0, sizeLimit - total()) : batch.length;
      const outgoing = batch.slice(0, room);
      touchDecoys(server, ctx, outgoing.map((item) => item.entry.ndn));
      await ctx.sendMany(outgoing.map((item) => ({ type: 'searchResultEntry', objectName: item.entry.dn, attributes: item.attributes })));
      sent += outgoing.length;
      index += chunk.length;
      if (index < ids.length) await yieldToIo();
    }
    moreMatches = () => index < (ids?.length ?? 0);
    if (cursor !== undefined) {
      cursor.sortedIds = ids.slice(index);
      cursor.returned += sent;
      if (cursor.sortedIds.length === 0) cursor = undefined;
    }
  } else {
    let afterId = cursor?.afterId ?? 0;
    let exhausted = false;
    while (!exhausted && sent < pageSize && !ctx.signal.aborted && !overSize()) {
      checkLimits();
      const want = Math.min(BATCH, pageSize - sent, sizeLimit > 0 ? sizeLimit - total() : BATCH);
      const batch = directory.backend.read((txn) => {
        const view = new Presentation(server, txn, selection, request.typesOnly, identity);
        const out: { entry: StoredEntry; attributes: Attribute[] }[] = [];
        let last = afterId;
        let done = true;
        for (const entry of txn.candidates(scope, request.filter, afterId)) {
          last = entry.id;
          const attributes = view.matchAndPresent(entry, test);
          if (attributes !== undefined) {
            out.push({ entry, attributes });
            if (out.length >= want) {
              done = false;
              break;
            }
          }
          if (Date.now() > deadline) {
            done = false;
            break;
          }
        }
        return { out, last, done };
      });
      if (ctx.signal.aborted) break;
      touchDecoys(server, ctx, batch.out.map((item) => item.entry.ndn));
      // One socket write per batch: each entry is its own LDAPMessage, but they leave together.
      await ctx.sendMany(batch.out.map((item) => ({ type: 'searchResultEntry', objectName: item.entry.dn, attributes: item.attributes })));
      sent += batch.out.length;
      afterId = batch.last;
      exhausted = batch.done;
      if (!exhausted) await yieldToIo();
    }
    const scannedTo = afterId;
    moreMatches = () => !exhausted && directory.backend.read((txn) => anotherMatch(server, txn, identity, scope, request.filter, test, scannedTo));
    if (cursor !== undefined) {
      cursor.afterId = afterId;
      cursor.returned += sent;
      if (exhausted) cursor = undefined;
    }
  }

  const responseControls: Control[] = [];
  if (sortResponse !== undefined) responseControls.push(sortResponse);
  if (paged !== undefined) {
    if (cursor !== undefined && !overSize()) {
      const key = randomBytes(12);
      cursors.set(key.toString('hex'), cursor);
      responseControls.push(makeResponseControl(pagedResultsControl, { size: 0, cookie: key }));
    } else {
      responseControls.push(pagedDone());
    }
  }
  const entries = sent;
  const outcomeLog = { ...log, entries, plan: plan.description };
  const sizeLimitHit = overSize() && !ctx.signal.aborted && moreMatches();
  observe(entries, cookieKey !== undefined, sizeLimitHit);
  // RFC 4511 §4.5.1.4: sizeLimitExceeded only when more entries matched than were returned.
  if (sizeLimitHit) {
    return { result: result(ResultCode.sizeLimitExceeded, `size limit of ${sizeLimit} entries exceeded`), controls: responseControls, log: outcomeLog };
  }
  return { result: result(ResultCode.success), controls: responseControls, log: outcomeLog };
}

/** A decoy entry returned by a search raises a honeytoken alert (it has no legitimate reader). */
function touchDecoys(server: ServerContext, ctx: RequestContext, ndns: readonly string[]): void {
  const decoys = server.honeytokens;
  if (decoys === undefined) return;
  const identity = ctx.session.identity;
  for (const ndn of ndns) {
    if (decoys.isDecoy(ndn)) {
      server.alert(decoys.onRead({ ndn, identity: identity.kind === 'dn' ? identity.ndn : 'anonymous', address: ctx.session.remoteAddress, operation: 'search' }));
    }
  }
}

/**
 * Lets the event loop run between batches: without it a search whose sends never block would run to the end in
 * microtasks, starving other connections and leaving an Abandon for it unread until it is too late.
 */
function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function pagedDone(): Control {
  return makeResponseControl(pagedResultsControl, { size: 0, cookie: Buffer.alloc(0) });
}

/** Whether any candidate after `afterId` matches: the difference between a complete result and a truncated one. */
function anotherMatch(
  server: ServerContext,
  txn: ReadTxn,
  identity: Identity,
  scope: { baseId: number; scope: SearchRequest['scope'] },
  filter: Filter,
  test: ReturnType<typeof compileFilter>,
  afterId: number,
): boolean {
  const access = accessContext(txn, identity);
  for (const entry of txn.candidates(scope, filter, afterId)) {
    if (visibleMatch(server, txn, access, entry, test)) return true;
  }
  return false;
}

/** 0 means "no limit" on both sides (RFC 4511 §4.5.1.4); the server's limit caps the client's. */
function effectiveLimit(client: number, server: number): number {
  if (server === 0) return client;
  if (client === 0) return server;
  return Math.min(client, server);
}

function safeFormat(filter: Filter): string {
  try {
    return formatFilter(filter);
  } catch {
    return '(?)';
  }
}

/** The filter's view of an entry: stored attributes plus computed operational ones (entryDN, memberOf…). */
export function viewOf(server: ServerContext, txn: ReadTxn, entry: StoredEntry): EntryView {
  return new EntryView(entry.dn, entry.attributes, server.directory.schema, (key) => computedValues(server, txn, entry, key));
}

/**
 * Whether the requester may read the entry and the filter is TRUE for it, evaluated on what the requester may
 * search: an attribute it may not search is absent, so a filter cannot probe what a search could not return.
 */
function visibleMatch(server: ServerContext, txn: ReadTxn, access: AccessContext, entry: StoredEntry, test: ReturnType<typeof compileFilter>): boolean {
  const facts = { ndn: entry.ndn, filterEntry: viewOf(server, txn, entry) };
  if (!server.access.allowed(access, facts, 'entry', 'read')) return false;
  return test(server.access.searchableView(access, facts)) === TRUE;
}

function matches(server: ServerContext, txn: ReadTxn, entry: StoredEntry, filter: Filter): boolean {
  return compileFilter(filter, server.directory.schema.matchingContext)(viewOf(server, txn, entry)) === TRUE;
}

/** Formats entries for one search: attribute selection, typesOnly and computed operational attributes. */
class Presentation {
  readonly #server: ServerContext;
  readonly #txn: ReadTxn;
  readonly #selection: AttributeSelection;
  readonly #typesOnly: boolean;
  readonly #access: AccessContext;

  constructor(server: ServerContext, txn: ReadTxn, selection: AttributeSelection, typesOnly: boolean, identity: Identity) {
    this.#server = server;
    this.#txn = txn;
    this.#selection = selection;
    this.#typesOnly = typesOnly;
    this.#access = accessContext(txn, identity);
  }

  /**
   * The hot path of a search: one view and one set of access facts per entry, used for the read check, the filter
   * (on what the requester may search) and the attributes returned. Undefined when the entry is not returned.
   */
  matchAndPresent(entry: StoredEntry, test: ReturnType<typeof compileFilter>): Attribute[] | undefined {
    const server = this.#server;
    const facts = { ndn: entry.ndn, filterEntry: viewOf(server, this.#txn, entry) };
    if (!server.access.allowed(this.#access, facts, 'entry', 'read')) return undefined;
    if (test(server.access.searchableView(this.#access, facts)) !== TRUE) return undefined;
    const attributes = presentEntry(server, this.#txn, entry, this.#selection, this.#typesOnly);
    return server.access.visibleAttributes(this.#access, facts, attributes);
  }

  /** The entry as this requester may see it, or undefined when it may not read the entry at all. */
  present(entry: StoredEntry): Attribute[] | undefined {
    const attributes = presentEntry(this.#server, this.#txn, entry, this.#selection, this.#typesOnly);
    const facts = { ndn: entry.ndn, filterEntry: viewOf(this.#server, this.#txn, entry) };
    return this.#server.access.visibleAttributes(this.#access, facts, attributes);
  }
}

async function sendSpecial(
  server: ServerContext,
  request: SearchRequest,
  ctx: RequestContext,
  entry: { dn: string; attributes: ReturnType<typeof rootDseEntry>['attributes'] },
  log: Record<string, unknown>,
): Promise<OperationOutcome> {
  const view = new EntryView(entry.dn, entry.attributes, server.directory.schema);
  const test = compileFilter(request.filter, server.directory.schema.matchingContext);
  if (test(view) !== TRUE) return { result: result(ResultCode.success), log: { ...log, entries: 0 } };
  const selection = new AttributeSelection(request.attributes, server.directory.schema);
  await ctx.send({ type: 'searchResultEntry', objectName: entry.dn, attributes: selection.apply(entry.attributes, request.typesOnly) });
  return { result: result(ResultCode.success), log: { ...log, entries: 1 } };
}

function sortEntries(server: ServerContext, entries: StoredEntry[], keys: readonly SortKey[]): StoredEntry[] {
  const schema = server.directory.schema;
  const ctxRules = schema.matchingContext;
  const prepared = entries.map((entry) => {
    const view = new EntryView(entry.dn, entry.attributes, schema);
    const sortValues = keys.map((key) => {
      const rule = ctxRules.ordering(key.attributeType);
      const values = view.getValues(key.attributeType) ?? [];
      if (values.length === 0) return undefined;
      const normalized = values.map((v) => (rule !== undefined ? rule.normalize(v) : v.toString('utf8')));
      // RFC 2891 §1.1: a multi-valued attribute sorts by its least value (greatest when reversed).
      normalized.sort((a, b) => (rule !== undefined ? rule.compare(a, b) : String(a).localeCompare(String(b))));
      return key.reverseOrder ? normalized[normalized.length - 1] : normalized[0];
    });
    return { entry, sortValues };
  });
  prepared.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as SortKey;
      const x = a.sortValues[i];
      const y = b.sortValues[i];
      // Entries without the attribute sort after all others, whatever the direction (RFC 2891 §2.2).
      if (x === undefined && y === undefined) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const rule = ctxRules.ordering(key.attributeType);
      let c = rule !== undefined ? rule.compare(x, y) : String(x).localeCompare(String(y));
      if (key.reverseOrder) c = -c;
      if (c !== 0) return c;
    }
    return a.entry.id - b.entry.id;
  });
  return prepared.map((p) => p.entry);
}
