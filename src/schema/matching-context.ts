import { Dn } from '../dn/index.js';
import { LdapError } from '../errors/index.js';
import { extensibleFromEquality, extensibleFromOrdering, matchSubstrings } from '../filter/index.js';
import type { ExtensibleRule, FilterEntry, MatchingContext } from '../filter/index.js';
import { splitAttributeDescription } from './attribute-description.js';
import { invalidSyntax } from './errors.js';
import { isSameOrSubtypeOf } from './model.js';
import type { AttributeType, MatchingRule, SubstringsMatchingRule } from './model.js';
import { ruleAppliesTo } from './rule-use.js';

/** What the context needs from the schema. */
export interface ContextLookup {
  attributeType(nameOrOid: string): AttributeType | undefined;
  matchingRule(nameOrOid: string): MatchingRule | undefined;
}

interface SubstringAssertion {
  readonly initial: string | undefined;
  readonly any: readonly string[];
  readonly final: string | undefined;
}

/**
 * A SUBSTR rule named in an extensible match takes a Substring Assertion (RFC 4517 §3.3.30):
 * `initial*any*final`, with `\2A` and `\5C` as the escapes for `*` and `\`.
 */
function extensibleFromSubstrings(rule: SubstringsMatchingRule, appliesTo: (attribute: string) => boolean): ExtensibleRule {
  return {
    appliesTo,
    normalizeAssertion(value): SubstringAssertion {
      const text = value.toString('utf8');
      if (!text.includes('*')) throw invalidSyntax('value invalid per Substring Assertion');
      const pieces = text.split('*').map((p) => Buffer.from(p.replace(/\\(2[Aa]|5[Cc])/g, (_m, h: string) => (h === '5C' || h === '5c' ? '\\' : '*'))));
      const first = pieces[0] as Buffer;
      const last = pieces[pieces.length - 1] as Buffer;
      return {
        initial: first.length > 0 ? rule.normalizeSubstring(first, 'initial') : undefined,
        any: pieces.slice(1, -1).filter((p) => p.length > 0).map((p) => rule.normalizeSubstring(p, 'any')),
        final: last.length > 0 ? rule.normalizeSubstring(last, 'final') : undefined,
      };
    },
    normalizeValue: (value) => rule.normalizeValue(value),
    matches(value, assertion) {
      const a = assertion as SubstringAssertion;
      return matchSubstrings(value as string, a.initial, a.any, a.final);
    },
  };
}

/** The filter layer's MatchingContext (src/filter/matching.ts) backed by a schema. */
export function createMatchingContext(schema: ContextLookup): MatchingContext {
  const typeOf = (attribute: string): AttributeType | undefined => schema.attributeType(splitAttributeDescription(attribute).type);
  const extensible = new Map<MatchingRule, ExtensibleRule>();
  return {
    equality: (attribute) => typeOf(attribute)?.equality,
    ordering: (attribute) => typeOf(attribute)?.ordering,
    substrings: (attribute) => typeOf(attribute)?.substr,
    matchingRule(oid) {
      const rule = schema.matchingRule(oid);
      if (rule === undefined) return undefined;
      let ext = extensible.get(rule);
      if (ext === undefined) {
        const appliesTo = (attribute: string): boolean => {
          const type = typeOf(attribute);
          return type !== undefined && ruleAppliesTo(rule, type);
        };
        ext =
          rule.usage === 'equality'
            ? extensibleFromEquality(rule, appliesTo)
            : rule.usage === 'ordering'
              ? extensibleFromOrdering(rule, appliesTo)
              : extensibleFromSubstrings(rule, appliesTo);
        extensible.set(rule, ext);
      }
      return ext;
    },
    dnAttributeValues(entry: FilterEntry) {
      try {
        return Dn.parse(entry.dn).rdns.flatMap((rdn) => rdn.avas.filter((ava) => !ava.hexEncoded));
      } catch (error) {
        if (error instanceof LdapError) return [];
        throw error;
      }
    },
    /**
     * RFC 4512 §2.5.2/§2.5.1: `attribute` is a subtype of `of` when its type is `of`'s type or below it
     * (SUP chain, so `cn` and `sn` are subtypes of `name`) and its options include `of`'s. The same type
     * spelt differently (`cn` / `commonName`) also counts, so that the evaluator looks up the values
     * under the spelling the entry uses.
     */
    isSubtype(attribute, of) {
      const a = splitAttributeDescription(attribute);
      const b = splitAttributeDescription(of);
      if (!b.options.every((o) => a.options.includes(o))) return false;
      const ta = schema.attributeType(a.type);
      const tb = schema.attributeType(b.type);
      if (ta === undefined || tb === undefined) {
        return a.type.toLowerCase() === b.type.toLowerCase() && a.options.length > b.options.length;
      }
      if (ta === tb) return a.options.length > b.options.length || attribute.toLowerCase() !== of.toLowerCase();
      return isSameOrSubtypeOf(ta, tb);
    },
  };
}
