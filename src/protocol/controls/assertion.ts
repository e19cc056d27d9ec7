import { decodeFilter, encodeFilter } from '../../filter/index.js';
import type { Filter } from '../../filter/index.js';
import type { ControlDefinition } from './control-definition.js';
import { decodeBerValue, encodeBerValue } from './value-codec.js';

export const ASSERTION_OID = '1.3.6.1.1.12';

const LABEL = 'malformed assertion control value';

/** RFC 4528 §3: the controlValue is a Filter (RFC 4511 §4.5.1.7), BER-encoded on its own. */
export function encodeAssertionValue(filter: Filter): Buffer {
  return encodeBerValue((w) => encodeFilter(w, filter));
}

export function decodeAssertionValue(value: Buffer | undefined): Filter {
  return decodeBerValue(LABEL, value, (r) => decodeFilter(r));
}

/**
 * RFC 4528 §3: appropriate for compare, add, delete, modify, modifyDN and search, and for extended
 * operations only where their specifications say so (none of ours do).
 */
export const assertionControl: ControlDefinition<Filter, never> = {
  oid: ASSERTION_OID,
  name: 'assertion',
  appliesTo: new Set(['compareRequest', 'searchRequest', 'modifyRequest', 'addRequest', 'delRequest', 'modifyDNRequest']),
  advertise: true,
  decodeRequest: decodeAssertionValue,
  encodeRequest: encodeAssertionValue,
};
