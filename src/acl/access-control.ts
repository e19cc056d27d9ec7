import type { Attribute } from '../protocol/index.js';
import { TRUE, compileFilter, parseFilter } from '../filter/index.js';
import type { CompiledFilter, FilterEntry } from '../filter/index.js';
import type { Schema } from '../schema/index.js';
import { AttributeSelector, ENTRY } from './attribute-selector.js';
import { inScope } from './scope.js';
import type { AccessContext, AccessRule, EntryFacts, Right, Subject, TargetScope } from './types.js';
import { SECRET_ATTRIBUTES } from './types.js';
import { validateRules } from './validate.js';

type SubjectTest = (ctx: AccessContext, entryNdn: string) => boolean;

interface CompiledGrant {
  readonly subject: SubjectTest;
  /** With implications: write ⊇ read ⊇ {search, compare}. */
  readonly rights: ReadonlySet<Right>;
  /** On a secret attribute nothing implies read: only read itself gives read, search and compare. */
  readonly secretRights: ReadonlySet<Right>;
}

interface CompiledRule {
  readonly name: string;
  readonly base: string;
  readonly scope: TargetScope;
  readonly filter: CompiledFilter | undefined;
  readonly attributes: AttributeSelector;
  readonly grants: readonly CompiledGrant[];
}

function expand(rights: readonly Right[], secret: boolean): Set<Right> {
  const out = new Set(rights);
  if (!secret && out.has('write')) out.add('read');
  if (out.has('read')) {
    out.add('search');
    out.add('compare');
  }
  return out;
}

function compileSubject(subject: Subject, normalizeDn: (dn: string) => string): SubjectTest {
  switch (subject.kind) {
    case 'any':
      return () => true;
    case 'anonymous':
      return (ctx) => ctx.requester.kind === 'anonymous';
    case 'authenticated':
      return (ctx) => ctx.requester.kind === 'dn';
    case 'self':
      return (ctx, entryNdn) => ctx.requester.kind === 'dn' && ctx.requester.ndn === entryNdn;
    case 'dn': {
      const ndn = normalizeDn(subject.dn);
      return (ctx) => ctx.requester.kind === 'dn' && ctx.requester.ndn === ndn;
    }
    case 'group': {
      // An anonymous client is nobody's member, whatever the member index holds.
      const ndn = normalizeDn(subject.dn);
      return (ctx) => ctx.requester.kind === 'dn' && ctx.isMemberOf(ndn);
    }
  }
}

/**
 * The access-control engine: deny by default, ordered rules, first applicable rule wins.
 *
 * Model: OpenLDAP's `access to <what> by <who> <access>` (slapd.access(5)), as typed data.
 * - A rule APPLIES to (entry, attribute) when the entry's DN is in the target's subtree and scope (default:
 *   the whole directory, `sub`), the target's filter is TRUE for the entry (evaluated on the stored entry
 *   with the schema's matching rules; FALSE and Undefined do not apply), and the attribute is selected
 *   (see Target; `'entry'` stands for the entry itself).
 * - The FIRST applicable rule decides: allow when one of its grants matches the requester and holds the
 *   right, else deny. There is no fall-through to later rules: a rule is a complete statement about its
 *   target, like slapd's implicit `by * none` ending each `access` directive (slapd's `break` is not
 *   offered, so that a rule can be read on its own). No applicable rule: deny.
 * - Implications: `write` implies `read`; `read` implies `search` and `compare`. `auth`, `add` and
 *   `delete` stand alone. On the secret attributes (userPassword, authPassword) `write` does NOT imply
 *   `read`, so "change your own password" never becomes "read your own hash".
 *
 * What each operation asks (the server's side of the contract; all inside the write's transaction):
 * - Search: the base needs `search` (or `read`) on 'entry', else noSuchObject as if absent (RFC 4511
 *   §4.5.1 gives no other answer that would not disclose it); an entry is returned only with `read` on
 *   'entry' (visibleAttributes), with only the attributes it may `read`; a filter item on an attribute
 *   without `search` evaluates as if the attribute were absent (searchableView / searchableAttribute).
 * - Compare: `compare` on the attribute; an entry without `read` on 'entry' is noSuchObject.
 * - Add: `add` on 'entry' of the new entry (its DN and attributes as facts) and `write` on each attribute.
 * - Delete: `delete` on 'entry'. Modify: `write` on each attribute changed.
 * - ModifyDN: `delete` on 'entry' of the old name, `add` on 'entry' of the new one, `write` on RDN attributes.
 * - Bind: `auth` on userPassword of the bind entry (granted to everyone by default).
 * An entry the requester may not see answers noSuchObject; one it may see answers insufficientAccessRights.
 */
export class AccessControl {
  readonly #rules: readonly CompiledRule[];
  readonly #secrets: AttributeSelector;

  /**
   * Throws the DN or filter parse error of a bad rule: run {@link AccessControl.validate} first for
   * errors that name the rule. `normalizeDn` must be the function that produced EntryFacts.ndn.
   */
  constructor(rules: readonly AccessRule[], schema: Schema, normalizeDn: (dn: string) => string) {
    this.#secrets = new AttributeSelector(schema, SECRET_ATTRIBUTES);
    this.#rules = rules.map((rule) => ({
      name: rule.name,
      base: rule.target.subtree === undefined ? '' : normalizeDn(rule.target.subtree),
      scope: rule.target.scope ?? 'sub',
      filter: rule.target.filter === undefined ? undefined : compileFilter(parseFilter(rule.target.filter), schema.matchingContext),
      attributes: new AttributeSelector(schema, rule.target.attributes, rule.target.exceptAttributes),
      grants: rule.grants.map((grant) => ({
        subject: compileSubject(grant.subject, normalizeDn),
        rights: expand(grant.rights, false),
        secretRights: expand(grant.rights, true),
      })),
    }));
  }

  /** One error per bad rule: bad DN, bad filter, unknown attribute, duplicate name. */
  static validate(rules: readonly AccessRule[], schema: Schema): string[] {
    return validateRules(rules, schema);
  }

  /** May the requester exercise `right` on this attribute of this entry ('entry' for the entry itself)? */
  allowed(ctx: AccessContext, entry: EntryFacts, attribute: string, right: Right): boolean {
    return this.#decide(ctx, entry, attribute, right, this.#entryMatcher(entry));
  }

  /** The name of the rule that decides for (entry, attribute), or undefined (denied by default): for logs. */
  decidingRule(entry: EntryFacts, attribute: string): string | undefined {
    const applies = this.#entryMatcher(entry);
    return this.#rules.find((rule, i) => rule.attributes.includes(attribute) && applies(i))?.name;
  }

  /** `search` on an attribute = may use it in a filter. */
  searchableAttribute(ctx: AccessContext, entry: EntryFacts, attribute: string): boolean {
    return this.allowed(ctx, entry, attribute, 'search');
  }

  /**
   * The entry as a filter may see it: attributes the requester cannot search are absent, so an item on
   * them is FALSE (presence, equality) and never tells whether a hidden value matched.
   * (`:dn:` matching reads the DN, which a requester that may search the entry already knows.)
   */
  searchableView(ctx: AccessContext, entry: EntryFacts): FilterEntry {
    const applies = this.#entryMatcher(entry);
    const memo = new Map<string, boolean>();
    const searchable = (attribute: string): boolean => {
      let ok = memo.get(attribute);
      if (ok === undefined) {
        ok = this.#decide(ctx, entry, attribute, 'search', applies);
        memo.set(attribute, ok);
      }
      return ok;
    };
    const inner = entry.filterEntry;
    const view: FilterEntry = {
      dn: inner.dn,
      getValues: (attribute) => (searchable(attribute) ? inner.getValues(attribute) : undefined),
    };
    const types = inner.attributeTypes;
    if (types === undefined) return view;
    return { ...view, attributeTypes: () => types.call(inner).filter(searchable) };
  }

  /** A search result: undefined when the entry itself is not readable, else its readable attributes. */
  visibleAttributes(ctx: AccessContext, entry: EntryFacts, attributes: readonly Attribute[]): Attribute[] | undefined {
    const applies = this.#entryMatcher(entry);
    if (!this.#decide(ctx, entry, ENTRY, 'read', applies)) return undefined;
    return attributes.filter((attribute) => this.#decide(ctx, entry, attribute.type, 'read', applies));
  }

  /** Whether rule i applies to the entry (scope and filter), each computed at most once per call. */
  #entryMatcher(entry: EntryFacts): (i: number) => boolean {
    const known: (boolean | undefined)[] = [];
    return (i) => {
      let result = known[i];
      if (result === undefined) {
        const rule = this.#rules[i] as CompiledRule;
        result = inScope(entry.ndn, rule.base, rule.scope) && (rule.filter === undefined || rule.filter(entry.filterEntry) === TRUE);
        known[i] = result;
      }
      return result;
    };
  }

  #decide(ctx: AccessContext, entry: EntryFacts, attribute: string, right: Right, applies: (i: number) => boolean): boolean {
    for (let i = 0; i < this.#rules.length; i++) {
      const rule = this.#rules[i] as CompiledRule;
      if (!rule.attributes.includes(attribute) || !applies(i)) continue;
      const secret = this.#secrets.includes(attribute);
      return rule.grants.some((g) => (secret ? g.secretRights : g.rights).has(right) && g.subject(ctx, entry.ndn));
    }
    return false;
  }
}
