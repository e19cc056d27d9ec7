import { LdapError } from '../errors/index.js';
import type { ExtensibleMatchFilter, Filter, SubstringsFilter } from './ast.js';
import { extensibleFromEquality } from './matching.js';
import type { EqualityRule, ExtensibleRule, FilterEntry, MatchingContext } from './matching.js';
import { FALSE, TRUE, UNDEFINED, triNot } from './tri.js';
import type { Tri } from './tri.js';

/**
 * A filter prepared for one MatchingContext: rules are looked up and assertion values normalised once,
 * here, so a search that tests thousands of entries does not redo that work per entry or per value.
 */
export type CompiledFilter = (entry: FilterEntry) => Tri;

/** RFC 4511 §4.5.1.7 evaluation of `filter` against one entry. Prefer `compileFilter` for many entries. */
export function evaluateFilter(filter: Filter, entry: FilterEntry, ctx: MatchingContext): Tri {
  return compileFilter(filter, ctx)(entry);
}

const alwaysUndefined: CompiledFilter = () => UNDEFINED;

export function compileFilter(filter: Filter, ctx: MatchingContext): CompiledFilter {
  switch (filter.type) {
    case 'and': {
      // RFC 4511 §4.5.1.7: FALSE if any is FALSE, else Undefined if any is Undefined; (&) is TRUE (RFC 4526).
      const parts = filter.filters.map((f) => compileFilter(f, ctx));
      return (entry) => {
        let result: Tri = TRUE;
        for (const part of parts) {
          const value = part(entry);
          if (value === FALSE) return FALSE;
          if (value === UNDEFINED) result = UNDEFINED;
        }
        return result;
      };
    }
    case 'or': {
      const parts = filter.filters.map((f) => compileFilter(f, ctx));
      return (entry) => {
        let result: Tri = FALSE;
        for (const part of parts) {
          const value = part(entry);
          if (value === TRUE) return TRUE;
          if (value === UNDEFINED) result = UNDEFINED;
        }
        return result;
      };
    }
    case 'not': {
      const inner = compileFilter(filter.filter, ctx);
      return (entry) => triNot(inner(entry));
    }
    case 'equality':
      return compileEquality(filter.attribute, filter.value, ctx.equality(filter.attribute), ctx);
    case 'approxMatch':
      return compileEquality(
        filter.attribute,
        filter.value,
        ctx.approx?.(filter.attribute) ?? ctx.equality(filter.attribute),
        ctx,
      );
    case 'greaterOrEqual':
    case 'lessOrEqual':
      return compileOrdering(filter.attribute, filter.value, filter.type === 'greaterOrEqual', ctx);
    case 'present': {
      // RFC 4511 §4.5.1.7.5: TRUE when the attribute or a subtype is present. An unknown type cannot be
      // present, so it is FALSE rather than Undefined (as slapd computes it).
      const attribute = filter.attribute;
      return (entry) => (valuesOf(entry, attribute, ctx).length > 0 ? TRUE : FALSE);
    }
    case 'substrings':
      return compileSubstrings(filter, ctx);
    case 'extensibleMatch':
      return compileExtensible(filter, ctx);
  }
}

/**
 * Runs a normaliser. `undefined` means the value is not valid for the rule: a normaliser says so by
 * returning undefined or throwing an LdapError. Other exceptions are bugs and are not swallowed.
 */
function tryNormalize<T>(normalize: (value: Buffer) => T, value: Buffer): T | undefined {
  try {
    return normalize(value);
  } catch (error) {
    if (error instanceof LdapError) return undefined;
    throw error;
  }
}

/** `true` = matches, `false` = does not, `undefined` = this value could not be evaluated. */
type ValueTest = (value: Buffer) => boolean | undefined;

function typesOf(entry: FilterEntry, ctx: MatchingContext): readonly string[] | undefined {
  return ctx.attributeTypesOf?.(entry) ?? entry.attributeTypes?.();
}

/** Value groups of the attribute and, when the context knows subtypes, of its subtypes present in the entry. */
function valuesOf(entry: FilterEntry, attribute: string, ctx: MatchingContext): (readonly Buffer[])[] {
  const groups: (readonly Buffer[])[] = [];
  const own = entry.getValues(attribute);
  if (own !== undefined && own.length > 0) groups.push(own);
  if (ctx.isSubtype !== undefined) {
    for (const type of typesOf(entry, ctx) ?? []) {
      if (!ctx.isSubtype(type, attribute)) continue;
      const values = entry.getValues(type);
      if (values !== undefined && values.length > 0) groups.push(values);
    }
  }
  return groups;
}

/**
 * TRUE if some value matches; otherwise Undefined if some value could not be evaluated (slapd's
 * test_ava_filter does the same), otherwise FALSE, which is also the answer for an absent attribute.
 */
function matchValues(groups: readonly (readonly Buffer[])[], test: ValueTest): Tri {
  let result: Tri = FALSE;
  for (const group of groups) {
    for (const value of group) {
      const matched = test(value);
      if (matched === true) return TRUE;
      if (matched === undefined) result = UNDEFINED;
    }
  }
  return result;
}

function compileEquality(
  attribute: string,
  value: Buffer,
  rule: EqualityRule | undefined,
  ctx: MatchingContext,
): CompiledFilter {
  // RFC 4511 §4.5.1.7: unknown type, no EQUALITY rule, or an assertion invalid for the syntax → Undefined.
  if (rule === undefined) return alwaysUndefined;
  const assertion = tryNormalize((v) => rule.normalize(v), value);
  if (assertion === undefined) return alwaysUndefined;
  const test: ValueTest = (v) => {
    const normalized = tryNormalize((x) => rule.normalize(x), v);
    return normalized === undefined ? undefined : rule.equals(normalized, assertion);
  };
  return (entry) => matchValues(valuesOf(entry, attribute, ctx), test);
}

function compileOrdering(attribute: string, value: Buffer, greater: boolean, ctx: MatchingContext): CompiledFilter {
  // RFC 4511 §4.5.1.7.3/4: no ORDERING rule means the server cannot decide → Undefined.
  const rule = ctx.ordering(attribute);
  if (rule === undefined) return alwaysUndefined;
  const assertion = tryNormalize((v) => rule.normalize(v), value);
  if (assertion === undefined) return alwaysUndefined;
  const test: ValueTest = (v) => {
    const normalized = tryNormalize((x) => rule.normalize(x), v);
    if (normalized === undefined) return undefined;
    const order = rule.compare(normalized, assertion);
    return greater ? order >= 0 : order <= 0;
  };
  return (entry) => matchValues(valuesOf(entry, attribute, ctx), test);
}

function compileSubstrings(filter: SubstringsFilter, ctx: MatchingContext): CompiledFilter {
  const rule = ctx.substrings(filter.attribute);
  if (rule === undefined) return alwaysUndefined;
  let invalid = false;
  const prepare = (piece: Buffer, position: 'initial' | 'any' | 'final'): string => {
    const normalized = tryNormalize((v) => rule.normalizeSubstring(v, position), piece);
    if (normalized === undefined) invalid = true;
    return normalized ?? '';
  };
  const initial = filter.initial === undefined ? undefined : prepare(filter.initial, 'initial');
  const any = filter.any.map((piece) => prepare(piece, 'any'));
  const final = filter.final === undefined ? undefined : prepare(filter.final, 'final');
  if (invalid) return alwaysUndefined;
  const test: ValueTest = (v) => {
    const normalized = tryNormalize((x) => rule.normalizeValue(x), v);
    return normalized === undefined ? undefined : matchSubstrings(normalized, initial, any, final);
  };
  const attribute = filter.attribute;
  return (entry) => matchValues(valuesOf(entry, attribute, ctx), test);
}

/**
 * RFC 4511 §4.5.1.7.2: `initial` must be a prefix, `final` a suffix, and the `any` pieces must occur in
 * order without overlapping each other or those ends. Taking the leftmost occurrence of each `any` is
 * optimal: it leaves the most room for the rest.
 */
export function matchSubstrings(
  value: string,
  initial: string | undefined,
  any: readonly string[],
  final: string | undefined,
): boolean {
  let from = 0;
  let end = value.length;
  if (initial !== undefined) {
    if (!value.startsWith(initial)) return false;
    from = initial.length;
  }
  if (final !== undefined) {
    end = value.length - final.length;
    if (end < from || !value.endsWith(final)) return false;
  }
  for (const piece of any) {
    const at = value.indexOf(piece, from);
    if (at < 0 || at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}

function sameOrSubtype(type: string, of: string, ctx: MatchingContext): boolean {
  return type.toLowerCase() === of.toLowerCase() || ctx.isSubtype?.(type, of) === true;
}

/**
 * RFC 4511 §4.5.1.7.7. With a rule and a type: the rule applied to that type (Undefined if the rule
 * does not apply to it). With a type only: the type's EQUALITY rule. With a rule only: every attribute of
 * the entry the rule applies to (Undefined if the entry cannot list its attributes). `dnAttributes` also
 * tests the AVAs of the entry's DN, selected the same way.
 */
function compileExtensible(filter: ExtensibleMatchFilter, ctx: MatchingContext): CompiledFilter {
  const { attribute, matchingRule, dnAttributes } = filter;
  let rule: ExtensibleRule | undefined;
  if (matchingRule !== undefined) {
    rule = ctx.matchingRule(matchingRule);
  } else if (attribute !== undefined) {
    const equality = ctx.equality(attribute);
    rule = equality === undefined ? undefined : extensibleFromEquality(equality);
  }
  if (rule === undefined) return alwaysUndefined;
  const r = rule;
  if (attribute !== undefined && !r.appliesTo(attribute)) return alwaysUndefined;
  const assertion = tryNormalize((v) => r.normalizeAssertion(v), filter.value);
  if (assertion === undefined) return alwaysUndefined;
  const test: ValueTest = (v) => {
    const normalized = tryNormalize((x) => r.normalizeValue(x), v);
    return normalized === undefined ? undefined : r.matches(normalized, assertion);
  };

  const matchAttributes = (entry: FilterEntry): Tri => {
    if (attribute !== undefined) return matchValues(valuesOf(entry, attribute, ctx), test);
    const types = typesOf(entry, ctx);
    if (types === undefined) return UNDEFINED;
    const groups: (readonly Buffer[])[] = [];
    for (const type of types) {
      if (r.appliesTo(type)) groups.push(entry.getValues(type) ?? []);
    }
    return matchValues(groups, test);
  };
  if (!dnAttributes) return matchAttributes;

  return (entry) => {
    let result = matchAttributes(entry);
    if (result === TRUE) return TRUE;
    for (const ava of ctx.dnAttributeValues?.(entry) ?? []) {
      const selected = attribute !== undefined ? sameOrSubtype(ava.type, attribute, ctx) : r.appliesTo(ava.type);
      if (!selected) continue;
      const matched = test(ava.value);
      if (matched === true) return TRUE;
      if (matched === undefined) result = UNDEFINED;
    }
    return result;
  };
}
