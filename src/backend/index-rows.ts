import type { Attribute } from '../protocol/index.js';
import { indexPrefix, trigrams } from './keyspace.js';
import type { BackendContext } from './stores.js';
import type { IndexKindName } from './types.js';

/**
 * The index rows of an entry, as their prefixes (the id is appended on write), keyed by a 'latin1'
 * string of the prefix so old and new row sets can be diffed with plain Set operations.
 * `only` restricts the result to one (attribute, kind) when an index is built for existing entries.
 */
export function indexRows(
  ctx: BackendContext,
  attributes: readonly Attribute[],
  only?: { readonly attribute: string; readonly kind: IndexKindName },
): Map<string, Buffer> {
  const rows = new Map<string, Buffer>();
  const add = (prefix: Buffer): void => {
    rows.set(prefix.toString('latin1'), prefix);
  };
  for (const attribute of attributes) {
    if (attribute.values.length === 0) continue;
    const key = ctx.attributeKey(attribute.type);
    const kinds = ctx.indexed.get(key);
    if (kinds === undefined) continue;
    if (only !== undefined && only.attribute !== key) continue;
    const wants = (kind: IndexKindName): boolean => kinds.has(kind) && (only === undefined || only.kind === kind);
    if (wants('pres')) add(indexPrefix('pres', key));
    const eq = wants('eq');
    const sub = wants('sub');
    if (!eq && !sub) continue;
    for (const value of attribute.values) {
      if (eq) {
        const eqKey = ctx.equalityKey(key, value);
        if (eqKey !== undefined) {
          add(indexPrefix('eq', key, eqKey));
          for (const implied of ctx.impliedEqualityKeys(key, eqKey)) add(indexPrefix('eq', key, implied));
        }
      }
      if (sub) {
        const subKey = ctx.substringKey(key, value);
        if (subKey !== undefined) for (const gram of trigrams(subKey)) add(indexPrefix('sub', key, gram));
      }
    }
  }
  return rows;
}
