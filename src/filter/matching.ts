/**
 * What the evaluator needs from the schema layer. The filter layer knows no schema (layering: filter <
 * schema), so the schema implements `MatchingContext`, as slapd's matching rules back `test_filter`.
 *
 * Normalisers signal "this value is not valid for the rule's syntax" by returning `undefined` or by
 * throwing an LdapError (for example an invalidAttributeSyntax one); RFC 4511 §4.5.1.7 makes the item
 * Undefined then. Any other exception is a bug and propagates.
 */

/** An entry as the evaluator sees it. */
export interface FilterEntry {
  readonly dn: string;
  /** Values of exactly this attribute description; `undefined` when the entry has none. */
  getValues(attribute: string): readonly Buffer[] | undefined;
  /**
   * The attribute descriptions the entry holds. Optional: needed only for subtype expansion and for an
   * extensible match without an attribute type, and `MatchingContext.attributeTypesOf` takes precedence.
   */
  attributeTypes?(): readonly string[];
}

/** An EQUALITY (or approximate) rule. `equals` receives two results of `normalize`. */
export interface EqualityRule {
  normalize(value: Buffer): unknown;
  equals(a: unknown, b: unknown): boolean;
}

/** An ORDERING rule. `compare` receives two results of `normalize`; it must return 0 for values the equality rule deems equal. */
export interface OrderingRule {
  normalize(value: Buffer): unknown;
  /** Negative when a < b, zero when equal, positive when a > b. */
  compare(a: unknown, b: unknown): number;
}

/** Where a substring sits in a SubstringFilter; RFC 4518 §2.6.1 treats spaces at the ends differently per position. */
export type SubstringPosition = 'initial' | 'any' | 'final';

/**
 * A SUBSTR rule. Both normalisers produce strings that are then matched by plain prefix / ordered
 * non-overlapping search / suffix; a rule over raw octets can map bytes to a 'latin1' string.
 */
export interface SubstringRule {
  normalizeValue(value: Buffer): string | undefined;
  normalizeSubstring(substring: Buffer, position: SubstringPosition): string | undefined;
}

/** A matching rule named in an extensible match (RFC 4511 §4.5.1.7.7). */
export interface ExtensibleRule {
  /** Whether the rule may be applied to values of this attribute type (otherwise: inappropriate, Undefined). */
  appliesTo(attribute: string): boolean;
  normalizeAssertion(value: Buffer): unknown;
  normalizeValue(value: Buffer): unknown;
  /** `value` and `assertion` are results of the normalisers above. */
  matches(value: unknown, assertion: unknown): boolean;
}

export interface MatchingContext {
  /** `undefined` when the attribute type is unknown or has no EQUALITY rule: the item is Undefined. */
  equality(attribute: string): EqualityRule | undefined;
  ordering(attribute: string): OrderingRule | undefined;
  substrings(attribute: string): SubstringRule | undefined;
  /** Falls back to `equality` when absent or when it returns undefined (RFC 4511 §4.5.1.7.6 leaves approx to the server). */
  approx?(attribute: string): EqualityRule | undefined;
  /** A rule by numeric OID or by name. */
  matchingRule(oid: string): ExtensibleRule | undefined;
  /** Attribute descriptions of an entry, for an extensible match without type and for subtypes; defaults to `entry.attributeTypes()`. */
  attributeTypesOf?(entry: FilterEntry): readonly string[];
  /** The AVAs of every RDN of the entry's DN, for `:dn:` (RFC 4511 §4.5.1.7.7 dnAttributes). None when absent. */
  dnAttributeValues?(entry: FilterEntry): readonly { readonly type: string; readonly value: Buffer }[];
  /** Whether `attribute` is a proper subtype of `of` (RFC 4512 §2.5.2 options, §4.1.2 SUP). */
  isSubtype?(attribute: string, of: string): boolean;
}

/** An EQUALITY rule used as an extensible-match rule (`(cn:caseIgnoreMatch:=x)`, or `(cn:=x)` with no rule). */
export function extensibleFromEquality(
  rule: EqualityRule,
  appliesTo: (attribute: string) => boolean = () => true,
): ExtensibleRule {
  return {
    appliesTo,
    normalizeAssertion: (value) => rule.normalize(value),
    normalizeValue: (value) => rule.normalize(value),
    matches: (value, assertion) => rule.equals(value, assertion),
  };
}

/**
 * An ORDERING rule used as an extensible-match rule: X.501 defines it as "value is less than the
 * assertion", so `(x:caseIgnoreOrderingMatch:=m)` holds for values before `m`.
 */
export function extensibleFromOrdering(
  rule: OrderingRule,
  appliesTo: (attribute: string) => boolean = () => true,
): ExtensibleRule {
  return {
    appliesTo,
    normalizeAssertion: (value) => rule.normalize(value),
    normalizeValue: (value) => rule.normalize(value),
    matches: (value, assertion) => rule.compare(value, assertion) < 0,
  };
}
