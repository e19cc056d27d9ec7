import { isUtf8 } from 'node:buffer';
import { extensibleFromEquality, extensibleFromOrdering } from './matching.js';
import type {
  EqualityRule,
  ExtensibleRule,
  MatchingContext,
  OrderingRule,
  SubstringPosition,
  SubstringRule,
} from './matching.js';

/**
 * A schema-less MatchingContext: every attribute type is known and compares as a Directory String
 * with caseIgnoreMatch / caseIgnoreOrderingMatch / caseIgnoreSubstringsMatch (RFC 4517 §4.2.11-13).
 * String preparation is a practical subset of RFC 4518: map line breaks, tabs and Unicode spaces to
 * SPACE and drop soft hyphens and zero-width characters (§2.2), fold case, NFKC (§2.3), then the
 * insignificant-space handling of §2.6.1. Values that are not UTF-8 are invalid → Undefined.
 * The schema layer replaces all of this with per-syntax rules.
 */

const MAP_TO_NOTHING = /[\u00ad\u200b-\u200d\u2060\ufeff\p{Variation_Selector}]/gu;
const MAP_TO_SPACE = /[\t\n\v\f\r\u0085\p{Zs}\u2028\u2029]/gu;

function prepare(value: Buffer, foldCase: boolean): string | undefined {
  if (!isUtf8(value)) return undefined;
  let text = value.toString('utf8').replace(MAP_TO_NOTHING, '');
  if (foldCase) text = text.toLowerCase();
  return text.normalize('NFKC').replace(MAP_TO_SPACE, ' ');
}

function words(text: string): string[] {
  return text.split(' ').filter((word) => word !== '');
}

/** Equality and ordering: leading/trailing spaces are insignificant, inner runs count as one. */
function collapse(text: string | undefined): string | undefined {
  return text === undefined ? undefined : words(text).join(' ');
}

/**
 * RFC 4518 §2.6.1 for substrings: a value becomes ` w1  w2 ` (one space at each end, inner runs
 * doubled) so that `foo *` (initial ` foo `) matches "foo bar" but not "foobar".
 */
function spacedValue(text: string): string {
  const list = words(text);
  return list.length === 0 ? '  ' : ` ${list.join('  ')} `;
}

function spacedSubstring(text: string, position: SubstringPosition): string {
  if (text === '') return '';
  const list = words(text);
  if (list.length === 0) return ' ';
  const lead = position === 'initial' || text.startsWith(' ') ? ' ' : '';
  const trail = position === 'final' || text.endsWith(' ') ? ' ' : '';
  return `${lead}${list.join('  ')}${trail}`;
}

/** UTF-16 code unit order; it differs from code point order only between astral and U+E000..U+FFFF. */
function compareStrings(a: unknown, b: unknown): number {
  const x = a as string;
  const y = b as string;
  return x < y ? -1 : x > y ? 1 : 0;
}

function stringEquality(foldCase: boolean): EqualityRule {
  return { normalize: (value) => collapse(prepare(value, foldCase)), equals: (a, b) => a === b };
}

function stringOrdering(foldCase: boolean): OrderingRule {
  return { normalize: (value) => collapse(prepare(value, foldCase)), compare: compareStrings };
}

function stringSubstrings(foldCase: boolean): SubstringRule {
  return {
    normalizeValue(value) {
      const text = prepare(value, foldCase);
      return text === undefined ? undefined : spacedValue(text);
    },
    normalizeSubstring(substring, position) {
      const text = prepare(substring, foldCase);
      return text === undefined ? undefined : spacedSubstring(text, position);
    },
  };
}

const caseIgnoreEquality = stringEquality(true);
const caseIgnoreOrdering = stringOrdering(true);
const caseIgnoreSubstrings = stringSubstrings(true);

/** Octets as a 'latin1' string: one char per byte, so === and < are octet comparisons. */
const octetString = {
  normalize: (value: Buffer): string => value.toString('latin1'),
  equals: (a: unknown, b: unknown): boolean => a === b,
  compare: compareStrings,
};

/** Extensible-match rules by name and OID (RFC 4517 §4.2). */
const RULES: readonly (readonly [readonly string[], ExtensibleRule])[] = [
  [['caseIgnoreMatch', '2.5.13.2'], extensibleFromEquality(caseIgnoreEquality)],
  [['caseIgnoreOrderingMatch', '2.5.13.3'], extensibleFromOrdering(caseIgnoreOrdering)],
  [['caseExactMatch', '2.5.13.5'], extensibleFromEquality(stringEquality(false))],
  [['caseExactOrderingMatch', '2.5.13.6'], extensibleFromOrdering(stringOrdering(false))],
  [['octetStringMatch', '2.5.13.17'], extensibleFromEquality(octetString)],
  [['octetStringOrderingMatch', '2.5.13.18'], extensibleFromOrdering(octetString)],
];

// Descriptors are case-insensitive (RFC 4512 §1.4); numeric OIDs have no case.
const rulesByName = new Map(RULES.flatMap(([names, rule]) => names.map((name) => [name.toLowerCase(), rule] as const)));

function splitDescription(description: string): { type: string; options: string[] } {
  const [type = '', ...options] = description.toLowerCase().split(';');
  return { type, options };
}

export const caseIgnoreMatchingContext: MatchingContext = {
  equality: () => caseIgnoreEquality,
  ordering: () => caseIgnoreOrdering,
  substrings: () => caseIgnoreSubstrings,
  matchingRule: (oid) => rulesByName.get(oid.toLowerCase()),
  /** RFC 4512 §2.5.2: `cn;lang-en` is a subtype of `cn` (options are a proper superset, same type). */
  isSubtype(attribute, of) {
    const a = splitDescription(attribute);
    const b = splitDescription(of);
    return a.type === b.type && a.options.length > b.options.length && b.options.every((o) => a.options.includes(o));
  },
};
