import type { ControlDefinition } from './control-definition.js';
import { PASSWORD_MODIFY_EXTENDED_OID, WHO_AM_I_EXTENDED_OID } from './extended-oids.js';
import { decodeAuthzId, malformedValue } from './value-codec.js';

export const PROXIED_AUTHZ_OID = '2.16.840.1.113730.3.4.18';

const LABEL = 'malformed proxied authorization control value';

/**
 * RFC 4370 §3: the controlValue is the authzId itself as UTF-8 (not BER-wrapped); the empty string
 * asks for the anonymous identity. The value itself must be present.
 */
export function encodeProxiedAuthzValue(authzId: string): Buffer {
  return Buffer.from(authzId, 'utf8');
}

export function decodeProxiedAuthzValue(value: Buffer | undefined): string {
  if (value === undefined) throw malformedValue(LABEL, 'the value is absent');
  return decodeAuthzId(LABEL, value);
}

/**
 * RFC 4370 §3: any operation except abandon, bind, StartTLS and unbind; criticality MUST be TRUE.
 * Extended operations are limited to the ones slapd allows (controls.c proxy_authz_extops).
 */
export const proxiedAuthzControl: ControlDefinition<string, never> = {
  oid: PROXIED_AUTHZ_OID,
  name: 'proxied authorization',
  appliesTo: new Set(['searchRequest', 'compareRequest', 'addRequest', 'delRequest', 'modifyRequest', 'modifyDNRequest', 'extendedRequest']),
  extendedOps: new Set([PASSWORD_MODIFY_EXTENDED_OID, WHO_AM_I_EXTENDED_OID]),
  advertise: true,
  mustBeCritical: true,
  decodeRequest: decodeProxiedAuthzValue,
  encodeRequest: encodeProxiedAuthzValue,
};
