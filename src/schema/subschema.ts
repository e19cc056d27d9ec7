import type { Attribute } from '../protocol/index.js';
import { formatMatchingRuleUse } from './format-description.js';
import type { AttributeType, MatchingRule, ObjectClass, Syntax } from './model.js';
import { ruleAppliesTo } from './rule-use.js';

export interface SubschemaSource {
  readonly syntaxes: readonly Syntax[];
  readonly matchingRules: readonly MatchingRule[];
  readonly attributeTypes: readonly AttributeType[];
  readonly objectClasses: readonly ObjectClass[];
}

/** matchingRuleUse values (RFC 4512 §4.1.4): for each rule, the attribute types it applies to. */
export function matchingRuleUses(schema: SubschemaSource): string[] {
  const out: string[] = [];
  for (const rule of schema.matchingRules) {
    const applies = schema.attributeTypes.filter((t) => ruleAppliesTo(rule, t)).map((t) => t.primaryName);
    if (applies.length === 0) continue;
    out.push(formatMatchingRuleUse({ kind: 'matchingRuleUse', oid: rule.oid, names: rule.names, obsolete: false, applies, extensions: [] }));
  }
  return out;
}

const values = (texts: readonly string[]): Buffer[] => texts.map((t) => Buffer.from(t, 'utf8'));

/** The attributes of the subschema subentry `cn=Subschema` (RFC 4512 §4.2), descriptions per §4.1. */
export function subschemaAttributes(schema: SubschemaSource): Attribute[] {
  return [
    { type: 'objectClass', values: values(['top', 'subentry', 'subschema']) },
    { type: 'cn', values: values(['Subschema']) },
    { type: 'ldapSyntaxes', values: values(schema.syntaxes.map((s) => s.toDescription())) },
    { type: 'matchingRules', values: values(schema.matchingRules.map((r) => r.toDescription())) },
    { type: 'matchingRuleUse', values: values(matchingRuleUses(schema)) },
    { type: 'attributeTypes', values: values(schema.attributeTypes.map((t) => t.toDescription())) },
    { type: 'objectClasses', values: values(schema.objectClasses.map((c) => c.toDescription())) },
  ];
}
