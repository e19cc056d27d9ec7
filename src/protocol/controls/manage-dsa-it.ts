import type { ControlDefinition } from './control-definition.js';
import { expectNoValue } from './value-codec.js';

export const MANAGE_DSA_IT_OID = '2.16.840.1.113730.3.4.2';

/** RFC 3296 §3: the controlValue is absent; a present one (even empty) is malformed. */
export function decodeManageDsaItValue(value: Buffer | undefined): undefined {
  return expectNoValue('malformed ManageDsaIT control value', value);
}

/**
 * RFC 3296 §3: appropriate for all update and interrogation operations (add, compare, delete,
 * modify, modifyDN, search), as slapd's SLAP_CTRL_ACCESS mask.
 */
export const manageDsaItControl: ControlDefinition<undefined, never> = {
  oid: MANAGE_DSA_IT_OID,
  name: 'ManageDsaIT',
  appliesTo: new Set(['addRequest', 'compareRequest', 'delRequest', 'modifyRequest', 'modifyDNRequest', 'searchRequest']),
  advertise: true,
  decodeRequest: decodeManageDsaItValue,
  encodeRequest: () => undefined,
};
