/**
 * Schema definitions as written (RFC 4512 §4.1): references to other elements are still names or
 * OIDs. The builder resolves them into AttributeType / ObjectClass objects.
 */

export const AttributeUsage = ['userApplications', 'directoryOperation', 'distributedOperation', 'dSAOperation'] as const;
export type AttributeUsage = (typeof AttributeUsage)[number];

export const ObjectClassKind = ['ABSTRACT', 'STRUCTURAL', 'AUXILIARY'] as const;
export type ObjectClassKind = (typeof ObjectClassKind)[number];

/** An `X-` extension (RFC 4512 §4.2: `extensions = *( SP xstring SP qdstrings )`). */
export interface Extension {
  readonly name: string;
  readonly values: readonly string[];
}

interface Common {
  readonly oid: string;
  readonly names: readonly string[];
  readonly description?: string;
  readonly obsolete: boolean;
  readonly extensions: readonly Extension[];
}

export interface AttributeTypeDefinition extends Common {
  readonly kind: 'attributeType';
  readonly sup?: string;
  readonly equality?: string;
  readonly ordering?: string;
  readonly substr?: string;
  readonly syntax?: string;
  /** The `{len}` suffix of SYNTAX: a suggested upper bound (RFC 4512 §4.1.2), not enforced. */
  readonly syntaxLength?: number;
  readonly singleValue: boolean;
  readonly collective: boolean;
  readonly noUserModification: boolean;
  readonly usage: AttributeUsage;
}

export interface ObjectClassDefinition extends Common {
  readonly kind: 'objectClass';
  readonly sup: readonly string[];
  /** RFC 4512 §4.1.1: STRUCTURAL when no kind is given. */
  readonly classKind: ObjectClassKind;
  readonly must: readonly string[];
  readonly may: readonly string[];
}

/** SyntaxDescription (RFC 4512 §4.1.5): no NAME, no OBSOLETE. */
export interface SyntaxDefinition {
  readonly kind: 'syntax';
  readonly oid: string;
  readonly description?: string;
  readonly extensions: readonly Extension[];
}

export interface MatchingRuleDefinition extends Common {
  readonly kind: 'matchingRule';
  readonly syntax: string;
}

export interface MatchingRuleUseDefinition extends Common {
  readonly kind: 'matchingRuleUse';
  readonly applies: readonly string[];
}

export type SchemaDefinition =
  | AttributeTypeDefinition
  | ObjectClassDefinition
  | SyntaxDefinition
  | MatchingRuleDefinition
  | MatchingRuleUseDefinition;

/** How error messages name each kind: the OpenLDAP configuration keyword. */
export const KIND_LABEL = {
  attributeType: 'attributetype',
  objectClass: 'objectclass',
  syntax: 'ldapsyntax',
  matchingRule: 'matchingrule',
  matchingRuleUse: 'matchingruleuse',
} as const;
