import { defaultValueNormalizer } from '../dn/index.js';
import type { ValueNormalizer } from '../dn/index.js';
import { LdapError } from '../errors/index.js';
import type { AttributeType } from './model.js';

const OCTET_STRING_MATCH = '2.5.13.17';

/**
 * The DN layer's hook (src/dn/normalizer.ts) backed by the schema: types become the lower-cased primary
 * name (so `CN`, `commonName` and `2.5.4.3` agree) and values their EQUALITY key (RFC 4517 §4.2.15).
 * A type the schema does not know, or a value its rule rejects, falls back to the schema-less default
 * so that comparing DNs never throws; a type without EQUALITY compares by octets.
 */
export function createValueNormalizer(lookup: (type: string) => AttributeType | undefined): ValueNormalizer {
  return Object.freeze({
    normalizeType(type: string): string {
      const found = lookup(type);
      return found === undefined ? type.toLowerCase() : found.primaryName.toLowerCase();
    },
    normalizeValue(type: string, value: Buffer): Buffer | string {
      const found = lookup(type);
      if (found === undefined) return defaultValueNormalizer.normalizeValue(type, value);
      const rule = found.equality;
      if (rule === undefined || rule.oid === OCTET_STRING_MATCH) return value;
      try {
        return rule.normalize(value);
      } catch (error) {
        if (error instanceof LdapError) return defaultValueNormalizer.normalizeValue(type, value);
        throw error;
      }
    },
  });
}
