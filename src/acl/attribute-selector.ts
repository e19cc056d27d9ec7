import { isSameOrSubtypeOf, splitAttributeDescription } from '../schema/index.js';
import type { AttributeType, Schema } from '../schema/index.js';
import { SECRET_ATTRIBUTES } from './types.js';

/** The pseudo-attribute naming the entry itself (OpenLDAP's `entry`). */
export const ENTRY = 'entry';

interface Named {
  readonly type: AttributeType | undefined;
  readonly lowerType: string;
  readonly options: readonly string[];
}

/** Past this many distinct names a selector stops memoising: names in requests are client-chosen. */
const CACHE_LIMIT = 4096;

/**
 * Whether `listed` covers `attribute` (RFC 4512 §2.5): the same type under any of its names or a
 * subtype of it (`name` covers `cn`), with at least listed's options (`cn` covers `cn;lang-fr`, not
 * the reverse). Types the schema does not know compare by name, case-insensitively.
 */
function covers(schema: Schema, listed: Named, attribute: string): boolean {
  const { type, options } = splitAttributeDescription(attribute);
  if (!listed.options.every((o) => options.includes(o))) return false;
  const resolved = schema.attributeType(type);
  if (listed.type !== undefined && resolved !== undefined) return isSameOrSubtypeOf(resolved, listed.type);
  return listed.type === undefined && resolved === undefined && type.toLowerCase() === listed.lowerType;
}

function named(schema: Schema, description: string): Named {
  const { type, options } = splitAttributeDescription(description);
  return { type: schema.attributeType(type), lowerType: type.toLowerCase(), options };
}

/** A parsed `attributes` / `exceptAttributes` pair, asked once per attribute description. */
export class AttributeSelector {
  readonly #schema: Schema;
  readonly #all: boolean;
  readonly #entry: boolean;
  readonly #user: boolean;
  readonly #operational: boolean;
  readonly #names: readonly Named[];
  readonly #except: AttributeSelector | undefined;
  readonly #secrets: readonly Named[];
  readonly #cache = new Map<string, boolean>();

  constructor(schema: Schema, attributes: readonly string[] | undefined, exceptAttributes?: readonly string[]) {
    this.#schema = schema;
    this.#all = attributes === undefined;
    const list = attributes ?? [];
    this.#entry = list.some((a) => a.toLowerCase() === ENTRY);
    this.#user = list.includes('*');
    this.#operational = list.includes('+');
    this.#names = list.filter((a) => a !== '*' && a !== '+' && a.toLowerCase() !== ENTRY).map((a) => named(schema, a));
    this.#except = exceptAttributes === undefined || exceptAttributes.length === 0 ? undefined : new AttributeSelector(schema, exceptAttributes);
    this.#secrets = SECRET_ATTRIBUTES.map((a) => named(schema, a));
  }

  /** Whether the selection includes `attribute` ('entry' for the entry itself). */
  includes(attribute: string): boolean {
    const key = attribute.toLowerCase();
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const except = this.#except;
    const result = this.#includes(attribute) && (except === undefined || !except.#includes(attribute));
    if (this.#cache.size < CACHE_LIMIT) this.#cache.set(key, result);
    return result;
  }

  /** Whether `attribute` is a secret (userPassword, authPassword or a subtype of one). */
  isSecret(attribute: string): boolean {
    return this.#secrets.some((s) => covers(this.#schema, s, attribute));
  }

  #includes(attribute: string): boolean {
    if (attribute.toLowerCase() === ENTRY) return this.#all || this.#entry;
    if (this.#names.some((n) => covers(this.#schema, n, attribute))) return true;
    // Secrets are reached only by name: a broad `*` or an omitted list must not expose password hashes.
    if (this.isSecret(attribute)) return false;
    if (this.#all) return true;
    return this.#schema.isOperational(attribute) ? this.#operational : this.#user;
  }
}
