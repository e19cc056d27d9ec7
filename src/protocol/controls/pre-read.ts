import type { ControlDefinition } from './control-definition.js';
import { decodeReadEntryRequestValue, decodeReadEntryResponseValue, encodeReadEntryRequestValue, encodeReadEntryResponseValue } from './read-entry-value.js';
import type { ReadEntryValue } from './read-entry-value.js';

export const PRE_READ_OID = '1.3.6.1.1.13.1';

export function decodePreReadRequestValue(value: Buffer | undefined): string[] {
  return decodeReadEntryRequestValue('malformed pre-read request control value', value);
}

export function decodePreReadResponseValue(value: Buffer | undefined): ReadEntryValue {
  return decodeReadEntryResponseValue('malformed pre-read response control value', value);
}

/** RFC 4527 §3.1: the entry as it was before a delete, modify or modifyDN. */
export const preReadControl: ControlDefinition<readonly string[], ReadEntryValue> = {
  oid: PRE_READ_OID,
  name: 'pre-read',
  appliesTo: new Set(['delRequest', 'modifyRequest', 'modifyDNRequest']),
  advertise: true,
  decodeRequest: decodePreReadRequestValue,
  encodeRequest: encodeReadEntryRequestValue,
  decodeResponse: decodePreReadResponseValue,
  encodeResponse: encodeReadEntryResponseValue,
};
