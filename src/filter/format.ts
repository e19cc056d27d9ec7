import { FilterSyntaxError } from '../errors/index.js';
import type { Filter } from './ast.js';
import { isValidAttributeDescription, isValidOid } from './attribute-description.js';
import { escapeFilterValue } from './escape.js';

/**
 * The canonical RFC 4515 string of a filter: no whitespace, `:dn` in lowercase, values escaped by
 * `escapeFilterValue` (lowercase hex). `parseFilter(formatFilter(f))` deep-equals `f`, with one
 * unavoidable exception: an empty `initial` or `final` substring has no string form and is dropped
 * (it matches everything, so the meaning is unchanged).
 *
 * Throws FilterSyntaxError for a filter no string can express: an attribute description or matching
 * rule outside the RFC 4512 grammar (as a BER filter may carry), a rule named `dn` without
 * dnAttributes, an extensible match with neither type nor rule, or a substrings filter with no
 * substrings. Printing such names verbatim would yield a string that parses to a different filter
 * (or, in a log line, forges one).
 */
export function formatFilter(filter: Filter): string {
  switch (filter.type) {
    case 'and':
      return `(&${filter.filters.map(formatFilter).join('')})`;
    case 'or':
      return `(|${filter.filters.map(formatFilter).join('')})`;
    case 'not':
      return `(!${formatFilter(filter.filter)})`;
    case 'equality':
      return `(${attribute(filter.attribute)}=${escapeFilterValue(filter.value)})`;
    case 'approxMatch':
      return `(${attribute(filter.attribute)}~=${escapeFilterValue(filter.value)})`;
    case 'greaterOrEqual':
      return `(${attribute(filter.attribute)}>=${escapeFilterValue(filter.value)})`;
    case 'lessOrEqual':
      return `(${attribute(filter.attribute)}<=${escapeFilterValue(filter.value)})`;
    case 'present':
      return `(${attribute(filter.attribute)}=*)`;
    case 'substrings': {
      if (filter.initial === undefined && filter.any.length === 0 && filter.final === undefined) {
        throw new FilterSyntaxError('substrings filter has no substrings');
      }
      let out = `(${attribute(filter.attribute)}=`;
      if (filter.initial !== undefined) out += escapeFilterValue(filter.initial);
      out += '*';
      for (const any of filter.any) out += `${escapeFilterValue(any)}*`;
      if (filter.final !== undefined) out += escapeFilterValue(filter.final);
      return `${out})`;
    }
    case 'extensibleMatch': {
      if (filter.attribute === undefined && filter.matchingRule === undefined) {
        throw new FilterSyntaxError('extensible match needs an attribute type or a matching rule');
      }
      let out = '(';
      if (filter.attribute !== undefined) out += attribute(filter.attribute);
      if (filter.dnAttributes) out += ':dn';
      if (filter.matchingRule !== undefined) {
        if (!isValidOid(filter.matchingRule)) {
          throw new FilterSyntaxError(`matching rule '${filter.matchingRule}' has no string filter form`);
        }
        // `(cn:dn:=x)` reads as dnAttributes (RFC 4515 grammar ambiguity), so a rule named "dn" needs `:dn:` before it.
        if (!filter.dnAttributes && filter.matchingRule.toLowerCase() === 'dn') {
          throw new FilterSyntaxError(
            `matching rule '${filter.matchingRule}' without dnAttributes has no unambiguous string filter form`,
          );
        }
        out += `:${filter.matchingRule}`;
      }
      return `${out}:=${escapeFilterValue(filter.value)})`;
    }
  }
}

function attribute(description: string): string {
  if (!isValidAttributeDescription(description)) {
    throw new FilterSyntaxError(`attribute description '${description}' has no string filter form`);
  }
  return description;
}
