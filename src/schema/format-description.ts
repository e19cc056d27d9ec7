import type {
  AttributeTypeDefinition,
  Extension,
  MatchingRuleDefinition,
  MatchingRuleUseDefinition,
  ObjectClassDefinition,
  SchemaDefinition,
  SyntaxDefinition,
} from './definitions.js';
import { quote } from './tokenizer.js';

/**
 * The RFC 4512 §4.1 string form of a definition, in the order the grammar lists the fields, as the
 * subschema subentry publishes it: `( 2.5.4.3 NAME ( 'cn' 'commonName' ) DESC '...' SUP name )`.
 */

function qdstrings(values: readonly string[]): string {
  return values.length === 1 ? quote(values[0] as string) : `( ${values.map(quote).join(' ')} )`;
}

function oids(values: readonly string[]): string {
  return values.length === 1 ? (values[0] as string) : `( ${values.join(' $ ')} )`;
}

function common(parts: string[], def: { names: readonly string[]; description?: string; obsolete: boolean }): void {
  if (def.names.length > 0) parts.push(`NAME ${qdstrings(def.names)}`);
  if (def.description !== undefined) parts.push(`DESC ${quote(def.description)}`);
  if (def.obsolete) parts.push('OBSOLETE');
}

function finish(parts: string[], extensions: readonly Extension[]): string {
  for (const ext of extensions) parts.push(`${ext.name} ${qdstrings(ext.values)}`);
  parts.push(')');
  return parts.join(' ');
}

export function formatAttributeType(def: AttributeTypeDefinition): string {
  const parts = ['(', def.oid];
  common(parts, def);
  if (def.sup !== undefined) parts.push(`SUP ${def.sup}`);
  if (def.equality !== undefined) parts.push(`EQUALITY ${def.equality}`);
  if (def.ordering !== undefined) parts.push(`ORDERING ${def.ordering}`);
  if (def.substr !== undefined) parts.push(`SUBSTR ${def.substr}`);
  if (def.syntax !== undefined) parts.push(`SYNTAX ${def.syntax}${def.syntaxLength === undefined ? '' : `{${def.syntaxLength}}`}`);
  if (def.singleValue) parts.push('SINGLE-VALUE');
  if (def.collective) parts.push('COLLECTIVE');
  if (def.noUserModification) parts.push('NO-USER-MODIFICATION');
  if (def.usage !== 'userApplications') parts.push(`USAGE ${def.usage}`);
  return finish(parts, def.extensions);
}

export function formatObjectClass(def: ObjectClassDefinition): string {
  const parts = ['(', def.oid];
  common(parts, def);
  if (def.sup.length > 0) parts.push(`SUP ${oids(def.sup)}`);
  parts.push(def.classKind);
  if (def.must.length > 0) parts.push(`MUST ${oids(def.must)}`);
  if (def.may.length > 0) parts.push(`MAY ${oids(def.may)}`);
  return finish(parts, def.extensions);
}

export function formatSyntax(def: SyntaxDefinition): string {
  const parts = ['(', def.oid];
  if (def.description !== undefined) parts.push(`DESC ${quote(def.description)}`);
  return finish(parts, def.extensions);
}

export function formatMatchingRule(def: MatchingRuleDefinition): string {
  const parts = ['(', def.oid];
  common(parts, def);
  parts.push(`SYNTAX ${def.syntax}`);
  return finish(parts, def.extensions);
}

export function formatMatchingRuleUse(def: MatchingRuleUseDefinition): string {
  const parts = ['(', def.oid];
  common(parts, def);
  parts.push(`APPLIES ${oids(def.applies)}`);
  return finish(parts, def.extensions);
}

export function formatDefinition(def: SchemaDefinition): string {
  switch (def.kind) {
    case 'attributeType':
      return formatAttributeType(def);
    case 'objectClass':
      return formatObjectClass(def);
    case 'syntax':
      return formatSyntax(def);
    case 'matchingRule':
      return formatMatchingRule(def);
    case 'matchingRuleUse':
      return formatMatchingRuleUse(def);
  }
}
