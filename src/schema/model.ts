import type { EqualityRule, OrderingRule, SubstringPosition, SubstringRule } from '../filter/index.js';
import type { AttributeTypeDefinition, AttributeUsage, ObjectClassDefinition, ObjectClassKind } from './definitions.js';

/** An LDAP syntax (RFC 4512 §4.1.5) with its value check (RFC 4517 §3.3). */
export interface Syntax {
  readonly oid: string;
  readonly description: string;
  /** False for binary syntaxes (published as `X-NOT-HUMAN-READABLE 'TRUE'`). */
  readonly humanReadable: boolean;
  /** Whether `value` is a valid LDAP-specific encoding for this syntax. */
  validate(value: Buffer): boolean;
  toDescription(): string;
}

interface RuleCommon {
  readonly oid: string;
  readonly names: readonly string[];
  readonly primaryName: string;
  /** The assertion syntax (RFC 4512 §4.1.3 SYNTAX). */
  readonly syntaxOid: string;
  readonly description?: string;
  readonly obsolete: boolean;
  toDescription(): string;
}

/**
 * An EQUALITY rule. `normalize` gives the key form (two values match when their keys are equal) and
 * throws an invalidAttributeSyntax LdapError for a value the rule cannot evaluate.
 */
export interface EqualityMatchingRule extends RuleCommon, EqualityRule {
  readonly usage: 'equality';
  normalize(value: Buffer): string;
}

export interface OrderingMatchingRule extends RuleCommon, OrderingRule {
  readonly usage: 'ordering';
}

export interface SubstringsMatchingRule extends RuleCommon, SubstringRule {
  readonly usage: 'substrings';
  normalizeValue(value: Buffer): string;
  normalizeSubstring(substring: Buffer, position: SubstringPosition): string;
}

export type MatchingRule = EqualityMatchingRule | OrderingMatchingRule | SubstringsMatchingRule;

export interface AttributeType {
  readonly oid: string;
  readonly names: readonly string[];
  /** The first NAME, or the OID when there is none. */
  readonly primaryName: string;
  readonly sup?: AttributeType;
  /** Effective rules and syntax: inherited from SUP when the definition has none (RFC 4512 §2.5.1). */
  readonly equality?: EqualityMatchingRule;
  readonly ordering?: OrderingMatchingRule;
  readonly substr?: SubstringsMatchingRule;
  readonly syntax: Syntax;
  readonly singleValue: boolean;
  readonly collective: boolean;
  readonly noUserModification: boolean;
  readonly usage: AttributeUsage;
  readonly obsolete: boolean;
  readonly description?: string;
  /** The definition as written (own fields only, references by name). */
  readonly definition: AttributeTypeDefinition;
  toDescription(): string;
}

export interface ObjectClass {
  readonly oid: string;
  readonly names: readonly string[];
  readonly primaryName: string;
  /** Own superclasses; `top` is implied for a class without SUP (RFC 4512 §2.4.1). */
  readonly sup: readonly ObjectClass[];
  readonly kind: ObjectClassKind;
  /** The class's own MUST and MAY; see allMust / allMay for the inherited sets. */
  readonly must: readonly AttributeType[];
  readonly may: readonly AttributeType[];
  readonly obsolete: boolean;
  readonly description?: string;
  readonly definition: ObjectClassDefinition;
  toDescription(): string;
}

/** The class and all its superclasses, each once, the class first. */
export function superclassesOf(oc: ObjectClass): ObjectClass[] {
  const out: ObjectClass[] = [];
  const visit = (c: ObjectClass): void => {
    if (out.includes(c)) return;
    out.push(c);
    for (const s of c.sup) visit(s);
  };
  visit(oc);
  return out;
}

/** MUST over the SUP chain (RFC 4512 §2.4: a class inherits its superclasses' requirements). */
export function allMust(oc: ObjectClass): AttributeType[] {
  return memo(mustCache, oc, () => [...new Set(superclassesOf(oc).flatMap((c) => c.must))]);
}

/** MAY over the SUP chain. */
export function allMay(oc: ObjectClass): AttributeType[] {
  return memo(mayCache, oc, () => [...new Set(superclassesOf(oc).flatMap((c) => c.may))]);
}

// Object classes are immutable once a schema is built, so their closures are computed once; callers get copies,
// since they are free to modify what they receive.
const mustCache = new WeakMap<ObjectClass, readonly AttributeType[]>();
const mayCache = new WeakMap<ObjectClass, readonly AttributeType[]>();

function memo(cache: WeakMap<ObjectClass, readonly AttributeType[]>, oc: ObjectClass, compute: () => AttributeType[]): AttributeType[] {
  let value = cache.get(oc);
  if (value === undefined) {
    value = compute();
    cache.set(oc, value);
  }
  return [...value];
}

/** Whether `type` is `of` or lies below it in a SUP chain. */
export function isSameOrSubtypeOf(type: AttributeType, of: AttributeType): boolean {
  for (let t: AttributeType | undefined = type; t !== undefined; t = t.sup) if (t === of) return true;
  return false;
}
