import type { ExtendedOperationDefinition } from './extended-operation-definition.js';
import { decodeAuthzId, expectNoValue } from '../controls/value-codec.js';

export const WHO_AM_I_OID = '1.3.6.1.4.1.4203.1.11.3';

/** RFC 4532 §2.1: the requestValue is absent. */
export function decodeWhoAmIRequestValue(value: Buffer | undefined): undefined {
  return expectNoValue('malformed WhoAmI request value', value);
}

/**
 * RFC 4532 §2.2: the responseValue is the authzId (RFC 4513 §5.2.1.8) as raw UTF-8, e.g.
 * `dn:cn=admin,dc=example,dc=com`. It is empty for the anonymous identity; an absent value is read
 * the same way, as ldapwhoami does.
 */
export function encodeWhoAmIResponseValue(authzId: string): Buffer {
  return Buffer.from(authzId, 'utf8');
}

export function decodeWhoAmIResponseValue(value: Buffer | undefined): string {
  return value === undefined ? '' : decodeAuthzId('malformed WhoAmI response value', value);
}

/** RFC 4532 §2.2: the response has no responseName. */
export const whoAmIOperation: ExtendedOperationDefinition<undefined, string> = {
  oid: WHO_AM_I_OID,
  name: 'WhoAmI',
  advertise: true,
  decodeRequestValue: decodeWhoAmIRequestValue,
  encodeRequestValue: () => undefined,
  decodeResponseValue: decodeWhoAmIResponseValue,
  encodeResponseValue: encodeWhoAmIResponseValue,
};
