import type { ControlDefinition } from './control-definition.js';
import { decodeReadEntryRequestValue, decodeReadEntryResponseValue, encodeReadEntryRequestValue, encodeReadEntryResponseValue } from './read-entry-value.js';
import type { ReadEntryValue } from './read-entry-value.js';

export const POST_READ_OID = '1.3.6.1.1.13.2';

export function decodePostReadRequestValue(value: Buffer | undefined): string[] {
  return decodeReadEntryRequestValue('malformed post-read request control value', value);
}

export function decodePostReadResponseValue(value: Buffer | undefined): ReadEntryValue {
  return decodeReadEntryResponseValue('malformed post-read response control value', value);
}

/** RFC 4527 §3.2: the entry as it is after an add, modify or modifyDN. */
export const postReadControl: ControlDefinition<readonly string[], ReadEntryValue> = {
  oid: POST_READ_OID,
  name: 'post-read',
  appliesTo: new Set(['addRequest', 'modifyRequest', 'modifyDNRequest']),
  advertise: true,
  decodeRequest: decodePostReadRequestValue,
  encodeRequest: encodeReadEntryRequestValue,
  decodeResponse: decodePostReadResponseValue,
  encodeResponse: encodeReadEntryResponseValue,
};
