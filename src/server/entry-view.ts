import type { Attribute } from '../protocol/index.js';
import type { FilterEntry } from '../filter/index.js';
import type { Schema } from '../schema/index.js';
import { splitAttributeDescription, superclassesOf } from '../schema/index.js';

/**
 * Attribute lookups by description the way LDAP means them: `commonName`, `CN` and `2.5.4.3` are one type, and
 * options (`cn;lang-en`) are part of the description. Keys are the schema's canonical names plus options.
 */
export class EntryView implements FilterEntry {
  readonly dn: string;
  readonly #schema: Schema;
  readonly #attributes: readonly Attribute[];
  #byKey: Map<string, Buffer[]> | undefined;
  readonly #extra: ((key: string) => readonly Buffer[] | undefined) | undefined;

  constructor(dn: string, attributes: readonly Attribute[], schema: Schema, extra?: (key: string) => readonly Buffer[] | undefined) {
    this.dn = dn;
    this.#attributes = attributes;
    this.#schema = schema;
    this.#extra = extra;
  }

  #index(): Map<string, Buffer[]> {
    if (this.#byKey === undefined) {
      const map = new Map<string, Buffer[]>();
      for (const attribute of this.#attributes) {
        const key = descriptionKey(this.#schema, attribute.type);
        const existing = map.get(key);
        if (existing === undefined) map.set(key, [...attribute.values]);
        else existing.push(...attribute.values);
      }
      this.#byKey = map;
    }
    return this.#byKey;
  }

  getValues(attribute: string): readonly Buffer[] | undefined {
    const key = descriptionKey(this.#schema, attribute);
    if (SECRET_ATTRIBUTE_KEYS.has(key.split(';')[0] as string)) return undefined;
    const values = this.#index().get(key);
    if (key === 'objectclass' && values !== undefined) return this.#withSuperclasses(values);
    return values ?? this.#extra?.(key);
  }

  /** X.501: an entry of class inetOrgPerson is also a person, so (objectClass=person) matches it. */
  #withSuperclasses(values: readonly Buffer[]): Buffer[] {
    const names = new Set<string>();
    const out: Buffer[] = [...values];
    for (const value of values) {
      const oc = this.#schema.objectClass(value.toString('utf8'));
      if (oc === undefined) continue;
      for (const c of superclassesOf(oc)) {
        if (c === oc || names.has(c.oid)) continue;
        names.add(c.oid);
        out.push(Buffer.from(c.primaryName));
      }
    }
    return out;
  }

  attributeTypes(): readonly string[] {
    return [...this.#index().keys()].filter((k) => !SECRET_ATTRIBUTE_KEYS.has(k.split(';')[0] as string));
  }
}

/**
 * Attributes that hold credentials. No search returns them, no filter can test them and no compare can probe them
 * (RFC 4513 §6.2 leaves this to the server; password-guessing through a filter would bypass every bind
 * defence). Only the bind and Password Modify operations read them.
 */
export const SECRET_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(['userpassword', 'authpassword']);

/** Descriptions repeat in every entry; their keys are computed once per schema. Bounded: a client cannot grow it. */
const keyCache = new WeakMap<Schema, Map<string, string>>();
const KEY_CACHE_LIMIT = 10_000;

/** `CN;Lang-EN` → `cn;lang-en`: the schema's primary name in lower case, options lower-cased and sorted. */
export function descriptionKey(schema: Schema, description: string): string {
  let cache = keyCache.get(schema);
  if (cache === undefined) {
    cache = new Map();
    keyCache.set(schema, cache);
  }
  let key = cache.get(description);
  if (key === undefined) {
    key = computeDescriptionKey(schema, description);
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(description, key);
  }
  return key;
}

function computeDescriptionKey(schema: Schema, description: string): string {
  const { type, options } = splitAttributeDescription(description);
  const at = schema.attributeType(type);
  const base = at !== undefined ? at.primaryName.toLowerCase() : type.toLowerCase();
  if (options.length === 0) return base;
  return `${base};${options.map((o) => o.toLowerCase()).sort().join(';')}`;
}

/** The canonical type key without options (`commonName;lang-en` → `cn`). */
export function typeKey(schema: Schema, description: string): string {
  const { type } = splitAttributeDescription(description);
  return schema.attributeType(type)?.primaryName.toLowerCase() ?? type.toLowerCase();
}
