import type { ExtendedOperationDefinition } from './extended-operation-definition.js';
import { expectNoValue } from '../controls/value-codec.js';

export const START_TLS_OID = '1.3.6.1.4.1.1466.20037';

/** RFC 4511 §4.14.1: the requestValue is absent. */
export function decodeStartTlsRequestValue(value: Buffer | undefined): undefined {
  return expectNoValue('malformed StartTLS request value', value);
}

/** RFC 4511 §4.14.2: the responseValue is absent. */
export function decodeStartTlsResponseValue(value: Buffer | undefined): undefined {
  return expectNoValue('malformed StartTLS response value', value);
}

/** RFC 4511 §4.14.2: the response carries the same OID in responseName. */
export const startTlsOperation: ExtendedOperationDefinition<undefined, undefined> = {
  oid: START_TLS_OID,
  name: 'StartTLS',
  advertise: true,
  responseName: START_TLS_OID,
  decodeRequestValue: decodeStartTlsRequestValue,
  encodeRequestValue: () => undefined,
  decodeResponseValue: decodeStartTlsResponseValue,
  encodeResponseValue: () => undefined,
};
