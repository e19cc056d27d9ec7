import type {
  AttributeTypeDefinition,
  AttributeUsage,
  Extension,
  MatchingRuleDefinition,
  MatchingRuleUseDefinition,
  ObjectClassDefinition,
  ObjectClassKind,
  SchemaDefinition,
  SyntaxDefinition,
} from './definitions.js';
import { AttributeUsage as USAGES, KIND_LABEL } from './definitions.js';
import { SchemaParseError } from './errors.js';
import { TokenError, tokenize } from './tokenizer.js';
import type { Token } from './tokenizer.js';

export const NUMERIC_OID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))+$/;
export const DESCR = /^[A-Za-z][A-Za-z0-9-]*$/;
const XSTRING = /^X-[A-Za-z_-]+$/;

export interface ParseOptions {
  /**
   * Maps an OID as written to a numeric OID: OpenLDAP `objectIdentifier` macros (`OLcfg:1.2`).
   * Applied to the definition's own OID and to SYNTAX. Return undefined to keep the word as it is.
   */
  readonly resolveOid?: (word: string) => string | undefined;
}

type Kind = SchemaDefinition['kind'];

/** Fields collected while reading; checked and shaped per kind at the end. */
interface Fields {
  oid: string;
  names: string[];
  description?: string;
  obsolete: boolean;
  sup: string[];
  equality?: string;
  ordering?: string;
  substr?: string;
  syntax?: string;
  syntaxLength?: number;
  singleValue: boolean;
  collective: boolean;
  noUserModification: boolean;
  usage?: AttributeUsage;
  classKind?: ObjectClassKind;
  must: string[];
  may: string[];
  applies: string[];
  extensions: Extension[];
}

const KEYWORDS: Record<Kind, ReadonlySet<string>> = {
  attributeType: new Set(['NAME', 'DESC', 'OBSOLETE', 'SUP', 'EQUALITY', 'ORDERING', 'SUBSTR', 'SYNTAX', 'SINGLE-VALUE', 'COLLECTIVE', 'NO-USER-MODIFICATION', 'USAGE']),
  objectClass: new Set(['NAME', 'DESC', 'OBSOLETE', 'SUP', 'ABSTRACT', 'STRUCTURAL', 'AUXILIARY', 'MUST', 'MAY']),
  syntax: new Set(['DESC']),
  matchingRule: new Set(['NAME', 'DESC', 'OBSOLETE', 'SYNTAX']),
  matchingRuleUse: new Set(['NAME', 'DESC', 'OBSOLETE', 'APPLIES']),
};

/** Best-effort name of a definition for an error message, even when the text does not parse. */
function identify(text: string): string | undefined {
  return /\bNAME\s*\(?\s*'([^']*)'/i.exec(text)?.[1] ?? /^\s*\(\s*([^\s()$']+)/.exec(text)?.[1];
}

class Reader {
  #i = 0;
  constructor(readonly tokens: readonly Token[], readonly fail: (problem: string) => never) {}

  peek(): Token | undefined {
    return this.tokens[this.#i];
  }

  next(what: string): Token {
    const token = this.tokens[this.#i++];
    if (token === undefined) this.fail(`unexpected end of description, expected ${what}`);
    return token;
  }

  atEnd(): boolean {
    return this.#i >= this.tokens.length;
  }

  expect(kind: Token['kind'], what: string): Token {
    const token = this.next(what);
    if (token.kind !== kind) this.fail(`expected ${what} but found '${token.text}' at position ${token.position}`);
    return token;
  }

  /** `oid` (a quoted OID is tolerated, as OpenLDAP does). */
  oid(what: string): string {
    const token = this.next(what);
    if (token.kind !== 'word' && token.kind !== 'quoted') this.fail(`expected ${what} but found '${token.text}' at position ${token.position}`);
    return token.text;
  }

  /** `oids = oid / ( LPAREN WSP oidlist WSP RPAREN )`, `oidlist = oid *( WSP DOLLAR WSP oid )`. */
  oids(what: string): string[] {
    if (this.peek()?.kind !== 'lparen') return [this.oid(what)];
    this.next('(');
    const list: string[] = [];
    for (;;) {
      const token = this.peek();
      if (token?.kind === 'rparen') break;
      if (token?.kind === 'dollar' && list.length > 0) this.next('$');
      list.push(this.oid(what));
    }
    this.next(')');
    if (list.length === 0) this.fail(`empty list of ${what}`);
    return list;
  }

  /** `qdstrings = qdstring / ( LPAREN WSP qdstringlist WSP RPAREN )` (also qdescrs). */
  quotedList(what: string): string[] {
    if (this.peek()?.kind !== 'lparen') return [this.expect('quoted', what).text];
    this.next('(');
    const list: string[] = [];
    while (this.peek()?.kind !== 'rparen') list.push(this.expect('quoted', what).text);
    this.next(')');
    if (list.length === 0) this.fail(`empty list of ${what}`);
    return list;
  }
}

function parseUsage(word: string, fail: (problem: string) => never): AttributeUsage {
  const usage = USAGES.find((u) => u.toLowerCase() === word.toLowerCase());
  if (usage === undefined) fail(`unknown USAGE '${word}'`);
  return usage;
}

function readFields(kind: Kind, reader: Reader, fields: Fields, options: ParseOptions, fail: (p: string) => never): void {
  const seen = new Set<string>();
  const resolve = (word: string): string => options.resolveOid?.(word) ?? word;
  for (;;) {
    const token = reader.next("')'");
    if (token.kind === 'rparen') break;
    if (token.kind !== 'word') fail(`unexpected '${token.text}' at position ${token.position}`);
    const keyword = token.text.toUpperCase();
    if (XSTRING.test(token.text)) {
      fields.extensions.push({ name: token.text, values: reader.quotedList(`values of ${token.text}`) });
      continue;
    }
    if (!KEYWORDS[kind].has(keyword)) fail(`unknown keyword '${token.text}'`);
    const group = keyword === 'ABSTRACT' || keyword === 'STRUCTURAL' || keyword === 'AUXILIARY' ? 'KIND' : keyword;
    if (seen.has(group)) fail(group === 'KIND' ? 'more than one of ABSTRACT, STRUCTURAL, AUXILIARY' : `${keyword} given twice`);
    seen.add(group);
    switch (keyword) {
      case 'NAME':
        fields.names = reader.quotedList('a name');
        for (const name of fields.names) if (!DESCR.test(name)) fail(`invalid name '${name}'`);
        break;
      case 'DESC':
        fields.description = reader.expect('quoted', 'a quoted description').text;
        break;
      case 'OBSOLETE':
        fields.obsolete = true;
        break;
      case 'SUP':
        fields.sup = reader.oids('a superior');
        if (kind === 'attributeType' && fields.sup.length > 1) fail('an attribute type has at most one SUP');
        break;
      case 'EQUALITY':
        fields.equality = reader.oid('a matching rule');
        break;
      case 'ORDERING':
        fields.ordering = reader.oid('a matching rule');
        break;
      case 'SUBSTR':
        fields.substr = reader.oid('a matching rule');
        break;
      case 'SYNTAX': {
        // noidlen = numericoid [ LCURLY len RCURLY ]
        const word = reader.oid('a syntax OID');
        const match = /^([^{}]+)(?:\{(\d+)\})?$/.exec(word);
        if (match === null) fail(`invalid SYNTAX '${word}'`);
        const oid = resolve(match[1] as string);
        if (!NUMERIC_OID.test(oid)) fail(`SYNTAX '${word}' is not a numeric OID`);
        fields.syntax = oid;
        if (match[2] !== undefined) fields.syntaxLength = Number(match[2]);
        break;
      }
      case 'SINGLE-VALUE':
        fields.singleValue = true;
        break;
      case 'COLLECTIVE':
        fields.collective = true;
        break;
      case 'NO-USER-MODIFICATION':
        fields.noUserModification = true;
        break;
      case 'USAGE':
        fields.usage = parseUsage(reader.oid('a usage'), fail);
        break;
      case 'ABSTRACT':
      case 'STRUCTURAL':
      case 'AUXILIARY':
        fields.classKind = keyword;
        break;
      case 'MUST':
        fields.must = reader.oids('attribute types');
        break;
      case 'MAY':
        fields.may = reader.oids('attribute types');
        break;
      case 'APPLIES':
        fields.applies = reader.oids('attribute types');
        break;
    }
  }
}

function shape(kind: Kind, f: Fields, fail: (p: string) => never): SchemaDefinition {
  const common = {
    oid: f.oid,
    names: f.names,
    ...(f.description === undefined ? {} : { description: f.description }),
    obsolete: f.obsolete,
    extensions: f.extensions,
  };
  switch (kind) {
    case 'attributeType': {
      // RFC 4512 §4.1.2: at least one of SUP and SYNTAX; collective attributes are user attributes.
      if (f.sup.length === 0 && f.syntax === undefined) fail('needs SUP or SYNTAX');
      const usage = f.usage ?? 'userApplications';
      if (f.collective && usage !== 'userApplications') fail('COLLECTIVE requires USAGE userApplications');
      if (f.noUserModification && usage === 'userApplications') fail('NO-USER-MODIFICATION requires an operational USAGE');
      const def: AttributeTypeDefinition = {
        kind,
        ...common,
        ...(f.sup[0] === undefined ? {} : { sup: f.sup[0] }),
        ...(f.equality === undefined ? {} : { equality: f.equality }),
        ...(f.ordering === undefined ? {} : { ordering: f.ordering }),
        ...(f.substr === undefined ? {} : { substr: f.substr }),
        ...(f.syntax === undefined ? {} : { syntax: f.syntax }),
        ...(f.syntaxLength === undefined ? {} : { syntaxLength: f.syntaxLength }),
        singleValue: f.singleValue,
        collective: f.collective,
        noUserModification: f.noUserModification,
        usage,
      };
      return def;
    }
    case 'objectClass': {
      const def: ObjectClassDefinition = { kind, ...common, sup: f.sup, classKind: f.classKind ?? 'STRUCTURAL', must: f.must, may: f.may };
      return def;
    }
    case 'syntax': {
      const def: SyntaxDefinition = {
        kind,
        oid: f.oid,
        ...(f.description === undefined ? {} : { description: f.description }),
        extensions: f.extensions,
      };
      return def;
    }
    case 'matchingRule': {
      if (f.syntax === undefined) fail('needs SYNTAX');
      const def: MatchingRuleDefinition = { kind, ...common, syntax: f.syntax };
      return def;
    }
    case 'matchingRuleUse': {
      if (f.applies.length === 0) fail('needs APPLIES');
      const def: MatchingRuleUseDefinition = { kind, ...common, applies: f.applies };
      return def;
    }
  }
}

/** Parses one RFC 4512 §4.1 description of the given kind. Throws SchemaParseError with a one-line message. */
export function parseDescription(kind: Kind, text: string, options: ParseOptions = {}): SchemaDefinition {
  const label = KIND_LABEL[kind];
  let ident = identify(text);
  const fail = (problem: string): never => {
    throw new SchemaParseError(ident === undefined ? `${label}: ${problem}` : `${label} '${ident}': ${problem}`);
  };
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (error) {
    if (error instanceof TokenError) fail(error.message);
    throw error;
  }
  const reader = new Reader(tokens, fail);
  reader.expect('lparen', "'('");
  const written = reader.oid('a numeric OID');
  const oid = options.resolveOid?.(written) ?? written;
  if (!NUMERIC_OID.test(oid)) fail(`'${written}' is not a numeric OID${written.includes(':') ? '' : ' or a known macro'}`);
  const fields: Fields = {
    oid, names: [], obsolete: false, sup: [], singleValue: false, collective: false, noUserModification: false,
    must: [], may: [], applies: [], extensions: [],
  };
  // Messages name the definition by its first NAME, else by its OID.
  const failNamed = (problem: string): never => {
    ident = fields.names[0] ?? ident ?? oid;
    return fail(problem);
  };
  readFields(kind, reader, fields, options, failNamed);
  if (!reader.atEnd()) failNamed(`unexpected '${reader.peek()?.text}' after the closing ')'`);
  return shape(kind, fields, failNamed);
}

export function parseAttributeTypeDescription(text: string, options?: ParseOptions): AttributeTypeDefinition {
  return parseDescription('attributeType', text, options) as AttributeTypeDefinition;
}

export function parseObjectClassDescription(text: string, options?: ParseOptions): ObjectClassDefinition {
  return parseDescription('objectClass', text, options) as ObjectClassDefinition;
}

export function parseSyntaxDescription(text: string, options?: ParseOptions): SyntaxDefinition {
  return parseDescription('syntax', text, options) as SyntaxDefinition;
}

export function parseMatchingRuleDescription(text: string, options?: ParseOptions): MatchingRuleDefinition {
  return parseDescription('matchingRule', text, options) as MatchingRuleDefinition;
}

export function parseMatchingRuleUseDescription(text: string, options?: ParseOptions): MatchingRuleUseDefinition {
  return parseDescription('matchingRuleUse', text, options) as MatchingRuleUseDefinition;
}
