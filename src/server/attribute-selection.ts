import type { Attribute } from '../protocol/index.js';
import type { Schema } from '../schema/index.js';
import { splitAttributeDescription } from '../schema/index.js';
import { SECRET_ATTRIBUTE_KEYS, typeKey } from './entry-view.js';

/**
 * The attributes a search asked for (RFC 4511 §4.5.1.8): none listed or `*` means all user attributes, `+` all
 * operational ones (RFC 3673), `1.1` none, `@class` every attribute the class allows (RFC 4529); a named type also
 * selects its subtypes (`name` selects `cn` and `sn`) and a description with options selects only values with them.
 */
export class AttributeSelection {
  readonly allUser: boolean;
  readonly allOperational: boolean;
  readonly #types = new Set<string>();
  readonly #withOptions: { type: string; options: string[] }[] = [];
  readonly #schema: Schema;

  constructor(requested: readonly string[], schema: Schema) {
    this.#schema = schema;
    let allUser = requested.length === 0;
    let allOperational = false;
    let noneRequested = false;
    for (const description of requested) {
      if (description === '*') allUser = true;
      else if (description === '+') allOperational = true;
      else if (description === '1.1') noneRequested = true;
      else if (description.startsWith('@')) {
        const oc = schema.objectClass(description.slice(1));
        if (oc !== undefined) for (const at of allAttributesOf(oc)) this.#types.add(at.toLowerCase());
      } else {
        const { type, options } = splitAttributeDescription(description);
        const key = typeKey(schema, type);
        if (options.length === 0) this.#types.add(key);
        else this.#withOptions.push({ type: key, options: options.map((o) => o.toLowerCase()) });
      }
    }
    // RFC 4511 §4.5.1.8: "1.1" alone means no attributes; with others it is ignored.
    if (noneRequested && requested.length === 1) allUser = false;
    this.allUser = allUser;
    this.allOperational = allOperational;
  }

  /** Whether an operational attribute (stored or computed) was asked for by name or by `+`. */
  wantsOperational(type: string): boolean {
    return this.allOperational || this.#types.has(typeKey(this.#schema, type));
  }

  readonly #decided = new Map<string, boolean>();

  /** Whether an attribute description is selected; remembered per selection, since entries repeat names. */
  selects(description: string): boolean {
    let answer = this.#decided.get(description);
    if (answer === undefined) {
      answer = this.#decide(description);
      if (this.#decided.size < 1000) this.#decided.set(description, answer);
    }
    return answer;
  }

  #decide(description: string): boolean {
    if (SECRET_ATTRIBUTE_KEYS.has(typeKey(this.#schema, description))) return false;
    const operational = this.#schema.isOperational(description);
    if (operational ? this.allOperational : this.allUser) return true;
    const { type, options } = splitAttributeDescription(description);
    const key = typeKey(this.#schema, type);
    if (this.#types.has(key) || this.#selectedBySupertype(key)) return true;
    const lowered = options.map((o) => o.toLowerCase());
    return this.#withOptions.some((w) => w.type === key && w.options.every((o) => lowered.includes(o)));
  }

  #selectedBySupertype(key: string): boolean {
    for (let at = this.#schema.attributeType(key)?.sup; at !== undefined; at = at.sup) {
      if (this.#types.has(at.primaryName.toLowerCase())) return true;
    }
    return false;
  }

  apply(attributes: readonly Attribute[], typesOnly: boolean): Attribute[] {
    const out: Attribute[] = [];
    for (const attribute of attributes) {
      if (!this.selects(attribute.type)) continue;
      out.push(typesOnly ? { type: attribute.type, values: [] } : attribute);
    }
    return out;
  }
}

function allAttributesOf(oc: { names: readonly string[]; sup: readonly unknown[]; must: readonly { primaryName: string }[]; may: readonly { primaryName: string }[] }): string[] {
  const names: string[] = [];
  const visit = (c: typeof oc): void => {
    for (const at of c.must) names.push(at.primaryName);
    for (const at of c.may) names.push(at.primaryName);
    for (const s of c.sup) visit(s as typeof oc);
  };
  visit(oc);
  return names;
}
