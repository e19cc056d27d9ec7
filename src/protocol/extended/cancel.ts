import type { BerReader } from '../../ber/index.js';
import { ProtocolError } from '../../errors/index.js';
import { MAX_MESSAGE_ID } from '../op-types.js';
import type { ExtendedOperationDefinition } from './extended-operation-definition.js';
import { decodeBerValue, encodeBerValue, expectNoValue, readNonNegative } from '../controls/value-codec.js';

export const CANCEL_OID = '1.3.6.1.1.8';

/** RFC 3909 §2: cancelRequestValue ::= SEQUENCE { cancelID MessageID } */
export interface CancelRequestValue {
  readonly cancelId: number;
}

function readRequest(r: BerReader): CancelRequestValue {
  const seq = r.readSequence();
  // MessageID ::= INTEGER (0 .. maxInt) (RFC 4511 §4.1.1).
  const cancelId = readNonNegative(seq, 'cancelID');
  if (cancelId > MAX_MESSAGE_ID) throw new ProtocolError(`cancelID ${cancelId} exceeds maxInt`);
  seq.end();
  return { cancelId };
}

export function encodeCancelRequestValue(req: CancelRequestValue): Buffer {
  return encodeBerValue((w) => {
    w.startSequence();
    w.writeInteger(req.cancelId);
    w.endSequence();
  });
}

export function decodeCancelRequestValue(value: Buffer | undefined): CancelRequestValue {
  return decodeBerValue('malformed Cancel request value', value, readRequest);
}

/** RFC 3909 §2: the response has neither responseName nor responseValue; the result code says it all. */
export function decodeCancelResponseValue(value: Buffer | undefined): undefined {
  return expectNoValue('malformed Cancel response value', value);
}

export const cancelOperation: ExtendedOperationDefinition<CancelRequestValue, undefined> = {
  oid: CANCEL_OID,
  name: 'Cancel',
  advertise: true,
  decodeRequestValue: decodeCancelRequestValue,
  encodeRequestValue: encodeCancelRequestValue,
  decodeResponseValue: decodeCancelResponseValue,
  encodeResponseValue: () => undefined,
};
