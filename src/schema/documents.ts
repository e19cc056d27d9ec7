import type { SchemaDefinition } from './definitions.js';
import { SchemaParseError } from './errors.js';
import { NUMERIC_OID, parseDescription } from './parse-description.js';
import { TokenError, tokenize } from './tokenizer.js';
import type { Token } from './tokenizer.js';

/**
 * The three forms a schema text may take, told apart by their first statements:
 * - OpenLDAP LDIF schema (`olcAttributeTypes: {0}( ... )`, folded lines, base64 values), and the
 *   subschema-subentry LDIF form (`attributeTypes: ( ... )`);
 * - OpenLDAP `.schema` files (`attributetype ( ... )`, `objectclass ( ... )`, `objectIdentifier` macros);
 * - bare RFC 4512 descriptions one after another, each classified by its keywords.
 */

/** A bare description whose kind its keywords do not settle: `( 1.2 NAME 'x' SUP y )`. */
export interface AmbiguousDefinition {
  readonly kind: 'ambiguous';
  readonly text: string;
  readonly resolveOid: (word: string) => string | undefined;
}

export type DocumentItem = SchemaDefinition | AmbiguousDefinition;

const LDIF_KINDS: Record<string, SchemaDefinition['kind'] | 'objectIdentifier'> = {
  attributetypes: 'attributeType',
  olcattributetypes: 'attributeType',
  objectclasses: 'objectClass',
  olcobjectclasses: 'objectClass',
  ldapsyntaxes: 'syntax',
  olcldapsyntaxes: 'syntax',
  matchingrules: 'matchingRule',
  matchingruleuse: 'matchingRuleUse',
  olcobjectidentifier: 'objectIdentifier',
};

const SCHEMA_KINDS: Record<string, SchemaDefinition['kind'] | 'objectIdentifier'> = {
  attributetype: 'attributeType',
  attributetypes: 'attributeType',
  objectclass: 'objectClass',
  objectclasses: 'objectClass',
  ldapsyntax: 'syntax',
  ldapsyntaxes: 'syntax',
  objectidentifier: 'objectIdentifier',
};

const LDIF_LINE = /^(?:dn|(?:olc)?(?:attributetypes|objectclasses|ldapsyntaxes|objectidentifier)|matchingrules|matchingruleuse)\s*::?/im;
// In .schema files statements start in column 0 (indented lines continue the previous one), so a
// wrapped bare description with a line like `  objectClass )` is not taken for one.
const SCHEMA_LINE = /^(?:(?:attributetypes?|objectclass(?:es)?|ldapsyntax(?:es)?)\s+\(|objectidentifier\s)/im;

/** OpenLDAP `objectIdentifier` macros: `name:suffix` or `name` alone stands for an OID. */
export class OidMacros {
  readonly #macros = new Map<string, string>();

  resolve = (word: string): string | undefined => {
    if (NUMERIC_OID.test(word)) return word;
    const colon = word.indexOf(':');
    if (colon < 0) return this.#macros.get(word.toLowerCase());
    const base = this.#macros.get(word.slice(0, colon).toLowerCase());
    const suffix = word.slice(colon + 1);
    return base === undefined || !/^\d+(?:\.\d+)*$/.test(suffix) ? undefined : `${base}.${suffix}`;
  };

  /** `objectIdentifier <name> <oid or macro:suffix>` */
  define(statement: string): void {
    const [name, value, extra] = statement.trim().split(/\s+/);
    if (name === undefined || value === undefined || extra !== undefined || !/^[A-Za-z][\w-]*$/.test(name)) {
      throw new SchemaParseError(`objectidentifier: expected '<name> <oid>' but found '${statement.trim()}'`);
    }
    const oid = this.resolve(value);
    if (oid === undefined) throw new SchemaParseError(`objectidentifier '${name}': '${value}' is not a numeric OID or a known OID macro`);
    this.#macros.set(name.toLowerCase(), oid);
  }
}

/** Reads one balanced `( ... )` group starting at the first non-space character, quotes respected. */
function readGroup(text: string, from: number, context: string): { text: string; end: number } | undefined {
  let i = from;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  if (i >= text.length) return undefined;
  if (text[i] !== '(') throw new SchemaParseError(`${context}: expected '(' but found '${(text.slice(i, i + 20).split('\n')[0] as string).trim()}'`);
  const start = i;
  let depth = 0;
  let quoted = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === "'") quoted = false;
    } else if (ch === "'") quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return { text: text.slice(start, i + 1), end: i + 1 };
  }
  throw new SchemaParseError(`${context}: unbalanced parentheses in '${text.slice(start, start + 40).replace(/\s+/g, ' ')}...'`);
}

function stripComments(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
}

/** Bare descriptions: the kind follows from the keywords used (RFC 4512 §4.1.1-§4.1.5). */
function classify(text: string): SchemaDefinition['kind'] | 'ambiguous' {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (error) {
    // Let the parser report it, with the definition's name.
    if (error instanceof TokenError) return 'attributeType';
    throw error;
  }
  const words = new Set(tokens.filter((t) => t.kind === 'word').map((t) => t.text.toUpperCase()));
  const has = (...list: string[]): boolean => list.some((w) => words.has(w));
  if (has('MUST', 'MAY', 'ABSTRACT', 'STRUCTURAL', 'AUXILIARY')) return 'objectClass';
  if (has('SYNTAX', 'EQUALITY', 'ORDERING', 'SUBSTR', 'SINGLE-VALUE', 'COLLECTIVE', 'NO-USER-MODIFICATION', 'USAGE')) return 'attributeType';
  if (has('APPLIES')) return 'matchingRuleUse';
  if (has('SUP')) return 'ambiguous';
  if (!has('NAME')) return 'syntax';
  return 'ambiguous';
}

function readLdif(text: string, macros: OidMacros, out: DocumentItem[]): void {
  // RFC 2849 folding: a line that starts with one space continues the previous one.
  const lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.startsWith(' ') && lines.length > 0) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = /^([A-Za-z][\w-]*)\s*(::?)\s*(.*)$/.exec(line);
    if (match === null) continue;
    const kind = LDIF_KINDS[(match[1] as string).toLowerCase()];
    if (kind === undefined) continue;
    let value = match[3] as string;
    if (match[2] === '::') value = Buffer.from(value, 'base64').toString('utf8');
    value = value.replace(/^\{\d+\}\s*/, ''); // cn=config ordinal prefix: X-ORDERED 'VALUES'
    if (kind === 'objectIdentifier') macros.define(value);
    else out.push(parseDescription(kind, value, { resolveOid: macros.resolve }));
  }
}

function readSchemaFile(text: string, macros: OidMacros, out: DocumentItem[]): void {
  let rest = stripComments(text);
  for (;;) {
    rest = rest.replace(/^\s+/, '');
    if (rest === '') return;
    const match = /^([A-Za-z]+)\s+/.exec(rest);
    const kind = match === null ? undefined : SCHEMA_KINDS[(match[1] as string).toLowerCase()];
    if (match === null || kind === undefined) {
      throw new SchemaParseError(`schema file: unknown statement '${rest.split(/\s/)[0]}'`);
    }
    rest = rest.slice(match[0].length);
    if (kind === 'objectIdentifier') {
      const eol = rest.indexOf('\n');
      macros.define(eol < 0 ? rest : rest.slice(0, eol));
      rest = eol < 0 ? '' : rest.slice(eol + 1);
      continue;
    }
    const group = readGroup(rest, 0, match[1] as string);
    if (group === undefined) throw new SchemaParseError(`${match[1]}: missing description`);
    out.push(parseDescription(kind, group.text, { resolveOid: macros.resolve }));
    rest = rest.slice(group.end);
  }
}

function readBare(text: string, macros: OidMacros, out: DocumentItem[]): void {
  const body = stripComments(text);
  for (let group = readGroup(body, 0, 'schema description'); group !== undefined; group = readGroup(body, group.end, 'schema description')) {
    const kind = classify(group.text);
    if (kind === 'ambiguous') out.push({ kind, text: group.text, resolveOid: macros.resolve });
    else out.push(parseDescription(kind, group.text, { resolveOid: macros.resolve }));
  }
}

/** Reads one schema text in any of the three forms. `macros` carries OID macros across texts. */
export function readSchemaDocument(text: string, macros: OidMacros = new OidMacros()): DocumentItem[] {
  const out: DocumentItem[] = [];
  if (LDIF_LINE.test(text)) readLdif(text, macros, out);
  else if (SCHEMA_LINE.test(text)) readSchemaFile(text, macros, out);
  else readBare(text, macros, out);
  return out;
}
