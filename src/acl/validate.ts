import { Dn } from '../dn/index.js';
import { LdapError } from '../errors/index.js';
import { isValidAttributeDescription, parseFilter } from '../filter/index.js';
import { splitAttributeDescription } from '../schema/index.js';
import type { Schema } from '../schema/index.js';
import { ENTRY } from './attribute-selector.js';
import { SECRET_ATTRIBUTES } from './types.js';
import type { AccessRule } from './types.js';

const SECRET_NAMES = new Set(SECRET_ATTRIBUTES.map((a) => a.toLowerCase()));

function message(error: unknown): string {
  if (error instanceof LdapError) return error.message;
  throw error;
}

function dnProblem(text: string): string | undefined {
  try {
    Dn.parse(text);
    return undefined;
  } catch (error) {
    return message(error);
  }
}

/** Unknown to the schema: an ACL on a misspelt name would silently protect nothing. */
function attributeProblem(name: string, schema: Schema): string | undefined {
  if (name === '*' || name === '+' || name.toLowerCase() === ENTRY) return undefined;
  if (!isValidAttributeDescription(name)) return `invalid attribute description '${name}'`;
  const { type } = splitAttributeDescription(name);
  // The secrets are always known names, so a rule about authPassword is valid before its schema is loaded.
  if (schema.attributeType(type) === undefined && !SECRET_NAMES.has(type.toLowerCase())) return `unknown attribute '${name}'`;
  return undefined;
}

function ruleProblem(rule: AccessRule, schema: Schema): string | undefined {
  const { subtree, filter, attributes, exceptAttributes } = rule.target;
  if (subtree !== undefined) {
    const problem = dnProblem(subtree);
    if (problem !== undefined) return `target.subtree '${subtree}': ${problem}`;
  }
  if (filter !== undefined) {
    try {
      parseFilter(filter);
    } catch (error) {
      return `target.filter '${filter}': ${message(error)}`;
    }
  }
  for (const [field, list] of [['attributes', attributes], ['exceptAttributes', exceptAttributes]] as const) {
    for (const name of list ?? []) {
      const problem = attributeProblem(name, schema);
      if (problem !== undefined) return `target.${field}: ${problem}`;
    }
  }
  for (const [g, grant] of rule.grants.entries()) {
    const subject = grant.subject;
    if (subject.kind !== 'dn' && subject.kind !== 'group') continue;
    const problem = dnProblem(subject.dn);
    if (problem !== undefined) return `grants[${g}].subject ${subject.kind} '${subject.dn}': ${problem}`;
  }
  return undefined;
}

/**
 * One line per bad rule, `rule <index> '<name>': <field>: <problem>`, for the first problem of each rule
 * (the rest are often consequences of it). Empty when every rule can be compiled.
 */
export function validateRules(rules: readonly AccessRule[], schema: Schema): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    let problem = ruleProblem(rule, schema);
    if (problem === undefined && seen.has(rule.name)) problem = 'name: duplicate rule name';
    seen.add(rule.name);
    if (problem !== undefined) problems.push(`rule ${i} '${rule.name}': ${problem}`);
  }
  return problems;
}
