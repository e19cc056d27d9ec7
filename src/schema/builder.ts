import type { AttributeTypeDefinition, ObjectClassDefinition, SchemaDefinition, SyntaxDefinition } from './definitions.js';
import type { DocumentItem } from './documents.js';
import { SchemaParseError } from './errors.js';
import { formatAttributeType, formatObjectClass } from './format-description.js';
import type {
  AttributeType, EqualityMatchingRule, MatchingRule, ObjectClass, OrderingMatchingRule, SubstringsMatchingRule, Syntax,
} from './model.js';
import { parseDescription } from './parse-description.js';
import { opaqueSyntax } from './syntaxes.js';

/** The definitions a schema is made of; a derived schema is rebuilt from its base's plus the new ones. */
export interface SchemaDefinitions {
  readonly syntaxes: readonly SyntaxDefinition[];
  readonly attributeTypes: readonly AttributeTypeDefinition[];
  readonly objectClasses: readonly ObjectClassDefinition[];
}

export interface BuiltSchema {
  readonly syntaxes: readonly Syntax[];
  readonly matchingRules: readonly MatchingRule[];
  readonly attributeTypes: readonly AttributeType[];
  readonly objectClasses: readonly ObjectClass[];
}

const TOP_OID = '2.5.6.0';

function nameOf(def: { names: readonly string[]; oid: string }): string {
  return def.names[0] ?? def.oid;
}

/**
 * Adds document items to a definition set: syntaxes the implementation knows and matching rules are
 * kept as built in (a schema text cannot supply code), matchingRuleUse is derived, and a bare
 * description with only SUP is an object class when SUP names one.
 */
export function mergeDefinitions(base: SchemaDefinitions, items: readonly DocumentItem[], knownSyntaxes: ReadonlySet<string>): SchemaDefinitions {
  const syntaxes = [...base.syntaxes];
  const attributeTypes = [...base.attributeTypes];
  const objectClasses = [...base.objectClasses];
  const classNames = new Set(objectClasses.flatMap((c) => [c.oid, ...c.names.map((n) => n.toLowerCase())]));
  for (const item of items) if (item.kind === 'objectClass') for (const n of [item.oid, ...item.names]) classNames.add(n.toLowerCase());
  for (const item of items) {
    let def: SchemaDefinition;
    if (item.kind === 'ambiguous') {
      const sup = /\bSUP\s+\(?\s*([^\s()$]+)/i.exec(item.text)?.[1]?.toLowerCase();
      def = parseDescription(sup !== undefined && classNames.has(sup) ? 'objectClass' : 'attributeType', item.text, { resolveOid: item.resolveOid });
    } else {
      def = item;
    }
    if (def.kind === 'attributeType') attributeTypes.push(def);
    else if (def.kind === 'objectClass') objectClasses.push(def);
    else if (def.kind === 'syntax' && !knownSyntaxes.has(def.oid) && !syntaxes.some((s) => s.oid === def.oid)) syntaxes.push(def);
  }
  return { syntaxes, attributeTypes, objectClasses };
}

/** A name/OID index that refuses duplicates, with the one-line message the brief asks for. */
function indexDefinitions<T extends { oid: string; names: readonly string[] }>(defs: readonly T[], label: string): Map<string, T> {
  const index = new Map<string, T>();
  for (const def of defs) {
    for (const key of [def.oid, ...def.names.map((n) => n.toLowerCase())]) {
      const other = index.get(key);
      if (other !== undefined) {
        const what = key === def.oid ? `OID ${key}` : `name '${def.names.find((n) => n.toLowerCase() === key)}'`;
        throw new SchemaParseError(`${label} '${nameOf(def)}': duplicate ${what} (already used by '${nameOf(other)}')`);
      }
      index.set(key, def);
    }
  }
  return index;
}

export function buildSchema(defs: SchemaDefinitions, builtinSyntaxes: readonly Syntax[], rules: readonly MatchingRule[]): BuiltSchema {
  const syntaxes = [...builtinSyntaxes, ...defs.syntaxes.map(opaqueSyntax)];
  const syntaxByOid = new Map(syntaxes.map((s) => [s.oid, s]));
  const ruleIndex = new Map<string, MatchingRule>();
  for (const rule of rules) for (const key of [rule.oid, ...rule.names.map((n) => n.toLowerCase())]) ruleIndex.set(key, rule);

  const typeDefs = indexDefinitions(defs.attributeTypes, 'attributetype');
  const types = new Map<AttributeTypeDefinition, AttributeType>();

  const resolveType = (def: AttributeTypeDefinition, chain: readonly AttributeTypeDefinition[]): AttributeType => {
    const done = types.get(def);
    if (done !== undefined) return done;
    const fail = (problem: string): never => {
      throw new SchemaParseError(`attributetype '${nameOf(def)}': ${problem}`);
    };
    let sup: AttributeType | undefined;
    if (def.sup !== undefined) {
      const supDef = typeDefs.get(def.sup.toLowerCase()) ?? fail(`unknown SUP '${def.sup}'`);
      if (supDef === def || chain.includes(supDef)) fail(`SUP '${def.sup}' makes a cycle`);
      sup = resolveType(supDef, [...chain, def]);
      // RFC 4512 §2.5.1: a subtype has the same usage as its supertype.
      if (sup.usage !== def.usage) fail(`USAGE ${def.usage} differs from SUP '${def.sup}' (${sup.usage})`);
    }
    const rule = <R extends MatchingRule>(name: string | undefined, usage: R['usage'], keyword: string): R | undefined => {
      if (name === undefined) return undefined;
      const found = ruleIndex.get(name.toLowerCase()) ?? fail(`unknown ${keyword} '${name}'`);
      if (found.usage !== usage) fail(`${keyword} '${name}' is not an ${usage} rule`);
      return found as R;
    };
    let syntax: Syntax | undefined = sup?.syntax;
    if (def.syntax !== undefined) {
      syntax = syntaxByOid.get(def.syntax);
      if (syntax === undefined) {
        // An unknown syntax in a custom schema: values are taken as octets (Octet String).
        syntax = opaqueSyntax({ kind: 'syntax', oid: def.syntax, extensions: [] });
        syntaxByOid.set(def.syntax, syntax);
        syntaxes.push(syntax);
      }
    }
    const equality = rule<EqualityMatchingRule>(def.equality, 'equality', 'EQUALITY') ?? sup?.equality;
    const ordering = rule<OrderingMatchingRule>(def.ordering, 'ordering', 'ORDERING') ?? sup?.ordering;
    const substr = rule<SubstringsMatchingRule>(def.substr, 'substrings', 'SUBSTR') ?? sup?.substr;
    const type: AttributeType = Object.freeze({
      oid: def.oid,
      names: def.names,
      primaryName: nameOf(def),
      ...(sup === undefined ? {} : { sup }),
      ...(equality === undefined ? {} : { equality }),
      ...(ordering === undefined ? {} : { ordering }),
      ...(substr === undefined ? {} : { substr }),
      syntax: syntax as Syntax,
      singleValue: def.singleValue,
      collective: def.collective,
      noUserModification: def.noUserModification,
      usage: def.usage,
      obsolete: def.obsolete,
      ...(def.description === undefined ? {} : { description: def.description }),
      definition: def,
      toDescription: () => formatAttributeType(def),
    });
    types.set(def, type);
    return type;
  };
  const attributeTypes = defs.attributeTypes.map((def) => resolveType(def, []));

  const classDefs = indexDefinitions(defs.objectClasses, 'objectclass');
  const classes = new Map<ObjectClassDefinition, ObjectClass>();
  const resolveClass = (def: ObjectClassDefinition, chain: readonly ObjectClassDefinition[]): ObjectClass => {
    const done = classes.get(def);
    if (done !== undefined) return done;
    const fail = (problem: string): never => {
      throw new SchemaParseError(`objectclass '${nameOf(def)}': ${problem}`);
    };
    // RFC 4512 §2.4.1: every class other than top descends from top; an absent SUP means top.
    const supNames = def.sup.length === 0 && def.oid !== TOP_OID && classDefs.has(TOP_OID) ? [TOP_OID] : def.sup;
    const sup = supNames.map((name) => {
      const supDef = classDefs.get(name.toLowerCase()) ?? fail(`unknown SUP '${name}'`);
      if (supDef === def || chain.includes(supDef)) fail(`SUP '${name}' makes a cycle`);
      const resolved = resolveClass(supDef, [...chain, def]);
      // RFC 4512 §2.4.1-3: abstract classes only derive from abstract ones, auxiliary not from structural and vice versa.
      const allowed = def.classKind === 'ABSTRACT' ? ['ABSTRACT'] : ['ABSTRACT', def.classKind];
      if (!allowed.includes(resolved.kind)) fail(`${def.classKind} class cannot have ${resolved.kind} superclass '${name}'`);
      return resolved;
    });
    const attrs = (names: readonly string[], keyword: string): AttributeType[] =>
      names.map((name) => {
        const typeDef = typeDefs.get(name.toLowerCase()) ?? fail(`unknown attribute type '${name}' in ${keyword}`);
        return types.get(typeDef) as AttributeType;
      });
    const oc: ObjectClass = Object.freeze({
      oid: def.oid,
      names: def.names,
      primaryName: nameOf(def),
      sup: Object.freeze(sup),
      kind: def.classKind,
      must: Object.freeze(attrs(def.must, 'MUST')),
      may: Object.freeze(attrs(def.may, 'MAY')),
      obsolete: def.obsolete,
      ...(def.description === undefined ? {} : { description: def.description }),
      definition: def,
      toDescription: () => formatObjectClass(def),
    });
    classes.set(def, oc);
    return oc;
  };
  const objectClasses = defs.objectClasses.map((def) => resolveClass(def, []));
  return { syntaxes, matchingRules: rules, attributeTypes, objectClasses };
}
