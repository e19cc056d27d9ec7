/**
 * The search filter as data (RFC 4511 §4.5.1.7):
 *
 *   Filter ::= CHOICE {
 *     and             [0] SET SIZE (1..MAX) OF filter Filter,
 *     or              [1] SET SIZE (1..MAX) OF filter Filter,
 *     not             [2] Filter,
 *     equalityMatch   [3] AttributeValueAssertion,
 *     substrings      [4] SubstringFilter,
 *     greaterOrEqual  [5] AttributeValueAssertion,
 *     lessOrEqual     [6] AttributeValueAssertion,
 *     present         [7] AttributeDescription,
 *     approxMatch     [8] AttributeValueAssertion,
 *     extensibleMatch [9] MatchingRuleAssertion, ... }
 *
 * Assertion values are bytes: how they compare is the matching rule's business, never the codec's.
 * `and`/`or` may be empty here: RFC 4526 absolute true `(&)` and false `(|)`.
 */
export type Filter =
  | AndFilter
  | OrFilter
  | NotFilter
  | EqualityFilter
  | SubstringsFilter
  | GreaterOrEqualFilter
  | LessOrEqualFilter
  | PresentFilter
  | ApproxMatchFilter
  | ExtensibleMatchFilter;

export interface AndFilter {
  readonly type: 'and';
  readonly filters: readonly Filter[];
}
export interface OrFilter {
  readonly type: 'or';
  readonly filters: readonly Filter[];
}
export interface NotFilter {
  readonly type: 'not';
  readonly filter: Filter;
}
export interface EqualityFilter {
  readonly type: 'equality';
  readonly attribute: string;
  readonly value: Buffer;
}
export interface GreaterOrEqualFilter {
  readonly type: 'greaterOrEqual';
  readonly attribute: string;
  readonly value: Buffer;
}
export interface LessOrEqualFilter {
  readonly type: 'lessOrEqual';
  readonly attribute: string;
  readonly value: Buffer;
}
export interface ApproxMatchFilter {
  readonly type: 'approxMatch';
  readonly attribute: string;
  readonly value: Buffer;
}
export interface PresentFilter {
  readonly type: 'present';
  readonly attribute: string;
}
/** `initial` and `final` appear at most once, first and last (RFC 4511 §4.5.1.7.2). */
export interface SubstringsFilter {
  readonly type: 'substrings';
  readonly attribute: string;
  readonly initial?: Buffer;
  readonly any: readonly Buffer[];
  readonly final?: Buffer;
}
/** At least one of `matchingRule` and `attribute` is present (RFC 4511 §4.5.1.7.7). */
export interface ExtensibleMatchFilter {
  readonly type: 'extensibleMatch';
  readonly matchingRule?: string;
  readonly attribute?: string;
  readonly value: Buffer;
  readonly dnAttributes: boolean;
}

export type FilterType = Filter['type'];
