import type { AttributeType, MatchingRule } from './model.js';

/**
 * Whether a matching rule may be applied to an attribute type in an extensible match (RFC 4511
 * §4.5.1.7.7) — the relation published as matchingRuleUse (RFC 4512 §4.1.4). A rule applies to the
 * types that use it, to types of its assertion syntax, string rules to every string-syntax type (their
 * values are all character strings), and octet-string rules to every type (every value is octets).
 */

const S = '1.3.6.1.4.1.1466.115.121.1';
const STRING_SYNTAXES = new Set(
  ['15', '26', '44', '11', '36', '50', '58', '41', '22', '51', '52', '39', '16', '17', '21', '25', '35', '3', '30', '31', '37', '54']
    .map((n) => `${S}.${n}`),
);
const OCTET_STRING_RULES = new Set(['2.5.13.17', '2.5.13.18', '2.5.13.19']);

export function ruleAppliesTo(rule: MatchingRule, type: AttributeType): boolean {
  if (type.equality === rule || type.ordering === rule || type.substr === rule) return true;
  if (OCTET_STRING_RULES.has(rule.oid)) return true;
  if (rule.syntaxOid === type.syntax.oid) return true;
  return STRING_SYNTAXES.has(rule.syntaxOid) && STRING_SYNTAXES.has(type.syntax.oid) && isStringRule(rule);
}

/** The caseIgnore/caseExact families (RFC 4517 §4.2.4-13, the IA5 ones) prepare any character string. */
function isStringRule(rule: MatchingRule): boolean {
  return /^case(Ignore|Exact)(IA5)?(Ordering|Substrings)?Match$/.test(rule.primaryName);
}
