import type { Dn, ValueNormalizer } from '../dn/index.js';
import { LdapError, ResultCode } from '../errors/index.js';
import type { MatchingContext } from '../filter/index.js';
import type { Attribute } from '../protocol/index.js';
import { splitAttributeDescription } from './attribute-description.js';
import { DEFAULT_SCHEMA_TEXTS } from './builtin/index.js';
import { buildSchema, mergeDefinitions } from './builder.js';
import type { SchemaDefinitions } from './builder.js';
import { OidMacros, readSchemaDocument } from './documents.js';
import { checkEntry, resolveObjectClasses, structuralClassOf } from './entry-check.js';
import { invalidSyntax } from './errors.js';
import { createMatchingContext } from './matching-context.js';
import type { AttributeType, MatchingRule, ObjectClass, Syntax } from './model.js';
import { otherRules } from './rules-other.js';
import { stringRules } from './rules-string.js';
import { subschemaAttributes } from './subschema.js';
import { builtinSyntaxes } from './syntaxes.js';
import { createValueNormalizer } from './value-normalizer.js';

const EMPTY: SchemaDefinitions = { syntaxes: [], attributeTypes: [], objectClasses: [] };
const BUILTIN_SYNTAX_OIDS = new Set(builtinSyntaxes().map((s) => s.oid));

function index<T extends { oid: string; names: readonly string[] }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  // Names are case-insensitive (RFC 4512 §1.4): indexed as written and lower-cased, so the usual
  // spelling is found without lower-casing on every lookup.
  for (const item of items) for (const key of [item.oid, ...item.names, ...item.names.map((n) => n.toLowerCase())]) map.set(key, item);
  return map;
}

function find<T>(map: ReadonlyMap<string, T>, key: string): T | undefined {
  return map.get(key) ?? map.get(key.toLowerCase());
}

/**
 * An immutable LDAP schema (RFC 4512): syntaxes and matching rules (built in), attribute types and
 * object classes (from schema texts), with the checks and matching the server applies to entries.
 */
export class Schema {
  static #default: Schema | undefined;

  readonly attributeTypes: readonly AttributeType[];
  readonly objectClasses: readonly ObjectClass[];
  readonly syntaxes: readonly Syntax[];
  readonly matchingRules: readonly MatchingRule[];
  readonly valueNormalizer: ValueNormalizer;
  readonly matchingContext: MatchingContext;
  readonly #definitions: SchemaDefinitions;
  readonly #types: Map<string, AttributeType>;
  readonly #classes: Map<string, ObjectClass>;
  readonly #rules: Map<string, MatchingRule>;
  readonly #syntaxes: Map<string, Syntax>;

  private constructor(definitions: SchemaDefinitions) {
    this.#definitions = definitions;
    this.valueNormalizer = createValueNormalizer((type) => this.attributeType(type));
    const lookup = { valueNormalizer: this.valueNormalizer, oidOf: (descr: string) => this.#oidOf(descr) };
    const built = buildSchema(definitions, builtinSyntaxes(), [...stringRules(), ...otherRules(lookup)]);
    this.attributeTypes = Object.freeze(built.attributeTypes);
    this.objectClasses = Object.freeze(built.objectClasses);
    this.syntaxes = Object.freeze(built.syntaxes);
    this.matchingRules = Object.freeze(built.matchingRules);
    this.#types = index(built.attributeTypes);
    this.#classes = index(built.objectClasses);
    this.#rules = index(built.matchingRules);
    this.#syntaxes = new Map(built.syntaxes.map((s) => [s.oid, s]));
    this.matchingContext = createMatchingContext(this);
  }

  /** System + core + cosine + inetOrgPerson + NIS + groups (see src/schema/builtin). Built once, shared. */
  static createDefault(): Schema {
    Schema.#default ??= Schema.fromDescriptions(DEFAULT_SCHEMA_TEXTS, Schema.system());
    return Schema.#default;
  }

  /** Only the built-in syntaxes and matching rules: a base for a schema written entirely by hand. */
  static system(): Schema {
    return new Schema(EMPTY);
  }

  /**
   * A schema extended by texts in any of the three forms (bare RFC 4512 descriptions, OpenLDAP `.schema`,
   * OpenLDAP LDIF schema), on top of `base` (default: {@link createDefault}). OID macros carry over from
   * one text to the next. Throws SchemaParseError with a one-line message naming the bad definition.
   */
  static fromDescriptions(texts: readonly string[], base: Schema = Schema.createDefault()): Schema {
    const macros = new OidMacros();
    const items = texts.flatMap((text) => readSchemaDocument(text, macros));
    return new Schema(mergeDefinitions(base.#definitions, items, BUILTIN_SYNTAX_OIDS));
  }

  attributeType(nameOrOid: string): AttributeType | undefined {
    return find(this.#types, nameOrOid);
  }

  objectClass(nameOrOid: string): ObjectClass | undefined {
    return find(this.#classes, nameOrOid);
  }

  matchingRule(nameOrOid: string): MatchingRule | undefined {
    return find(this.#rules, nameOrOid);
  }

  syntax(oid: string): Syntax | undefined {
    return this.#syntaxes.get(oid);
  }

  #oidOf(descr: string): string | undefined {
    return (this.attributeType(descr) ?? this.objectClass(descr) ?? this.matchingRule(descr))?.oid;
  }

  /** The type of an attribute description (options ignored); undefinedAttributeType when unknown. */
  #require(attribute: string): AttributeType {
    const type = this.attributeType(attribute) ?? this.attributeType(splitAttributeDescription(attribute).type);
    if (type === undefined) throw new LdapError(ResultCode.undefinedAttributeType, `undefined attribute type '${attribute}'`);
    return type;
  }

  /** Syntax check of one value: invalidAttributeSyntax `<attr>: value #<index> invalid per <syntax>`. */
  validateValue(attribute: string, value: Buffer, index = 0): void {
    const type = this.#require(attribute);
    if (!type.syntax.validate(value)) throw invalidSyntax(`${attribute}: value #${index} invalid per ${type.syntax.description}`);
  }

  /**
   * The EQUALITY key of one value, for indexes and duplicate detection; undefined when the type has
   * no EQUALITY rule. Throws invalidAttributeSyntax (21) for a value invalid for the syntax or rule.
   */
  equalityKey(attribute: string, value: Buffer): string | undefined {
    const type = this.#require(attribute);
    if (!type.syntax.validate(value)) throw invalidSyntax(`${attribute}: value #0 invalid per ${type.syntax.description}`);
    const rule = type.equality;
    if (rule === undefined) return undefined;
    try {
      return rule.normalize(value);
    } catch (error) {
      if (error instanceof LdapError) throw invalidSyntax(`${attribute}: value #0 invalid per ${rule.primaryName}`);
      throw error;
    }
  }

  /** The SUBSTR-rule form of a value (RFC 4518 §2.6.1 spacing for strings), or undefined without SUBSTR. */
  substringKey(attribute: string, value: Buffer): string | undefined {
    const rule = this.#require(attribute).substr;
    if (rule === undefined) return undefined;
    try {
      return rule.normalizeValue(value);
    } catch (error) {
      if (error instanceof LdapError) throw invalidSyntax(`${attribute}: value #0 invalid per ${rule.primaryName}`);
      throw error;
    }
  }

  /** See entry-check.ts: codes 17, 21, 20, 19, 65, 64 with messages naming the attribute or class. */
  checkEntry(dn: Dn, attributes: readonly Attribute[]): void {
    checkEntry(this, dn, attributes);
  }

  structuralObjectClass(objectClassValues: readonly Buffer[]): ObjectClass {
    return structuralClassOf(resolveObjectClasses(this, objectClassValues));
  }

  isOperational(attribute: string): boolean {
    const type = this.attributeType(splitAttributeDescription(attribute).type);
    return type !== undefined && type.usage !== 'userApplications';
  }

  isSingleValued(attribute: string): boolean {
    return this.attributeType(splitAttributeDescription(attribute).type)?.singleValue === true;
  }

  isUserModifiable(attribute: string): boolean {
    return this.attributeType(splitAttributeDescription(attribute).type)?.noUserModification !== true;
  }

  subschemaAttributes(): Attribute[] {
    return subschemaAttributes(this);
  }
}
