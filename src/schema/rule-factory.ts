import type { SubstringPosition } from '../filter/index.js';
import type { MatchingRuleDefinition } from './definitions.js';
import { invalidSyntax } from './errors.js';
import { formatMatchingRule } from './format-description.js';
import type { EqualityMatchingRule, MatchingRule, OrderingMatchingRule, SubstringsMatchingRule } from './model.js';

/**
 * Builds matching-rule objects from plain functions that return `undefined` for a value the rule cannot
 * evaluate; the objects throw an invalidAttributeSyntax LdapError instead, which the filter evaluator
 * turns into Undefined (RFC 4511 §4.5.1.7) and the schema into result code 21.
 */

export type EqualityImpl = (value: Buffer) => string | undefined;
export interface OrderingImpl<T> {
  normalize(value: Buffer): T | undefined;
  compare(a: T, b: T): number;
}
export interface SubstringsImpl {
  value(value: Buffer): string | undefined;
  piece(value: Buffer, position: SubstringPosition): string | undefined;
}

interface RuleHead {
  readonly oid: string;
  readonly name: string;
  readonly syntax: string;
}

function common(head: RuleHead) {
  const definition: MatchingRuleDefinition = {
    kind: 'matchingRule', oid: head.oid, names: [head.name], obsolete: false, syntax: head.syntax, extensions: [],
  };
  return {
    oid: head.oid,
    names: definition.names,
    primaryName: head.name,
    syntaxOid: head.syntax,
    obsolete: false,
    toDescription: () => formatMatchingRule(definition),
  };
}

function fail(name: string): never {
  throw invalidSyntax(`value invalid per ${name}`);
}

export function equalityRule(head: RuleHead, impl: EqualityImpl): EqualityMatchingRule {
  return Object.freeze({
    ...common(head),
    usage: 'equality' as const,
    normalize: (value: Buffer): string => impl(value) ?? fail(head.name),
    equals: (a: unknown, b: unknown): boolean => a === b,
  });
}

export function orderingRule<T>(head: RuleHead, impl: OrderingImpl<T>): OrderingMatchingRule {
  return Object.freeze({
    ...common(head),
    usage: 'ordering' as const,
    normalize: (value: Buffer): unknown => impl.normalize(value) ?? fail(head.name),
    compare: (a: unknown, b: unknown): number => impl.compare(a as T, b as T),
  });
}

export function substringsRule(head: RuleHead, impl: SubstringsImpl): SubstringsMatchingRule {
  return Object.freeze({
    ...common(head),
    usage: 'substrings' as const,
    normalizeValue: (value: Buffer): string => impl.value(value) ?? fail(head.name),
    normalizeSubstring: (value: Buffer, position: SubstringPosition): string => impl.piece(value, position) ?? fail(head.name),
  });
}

/** Code-unit order of strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { MatchingRule };
