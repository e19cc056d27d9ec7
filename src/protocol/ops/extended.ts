import { contextTag } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { readLdapOid, writeLdapOid } from '../ldap-oid.js';
import type { Mutable } from '../mutable.js';
import { OpTag } from '../op-types.js';
import { decodeResultComponents, encodeLdapResult } from '../result.js';
import type { LdapResult } from '../result.js';

/**
 * ExtendedRequest ::= [APPLICATION 23] SEQUENCE { requestName [0] LDAPOID, requestValue [1] OCTET STRING OPTIONAL }
 * (RFC 4511 §4.12). The value stays raw here; the extended-operation registry decodes it.
 */
export interface ExtendedRequest {
  readonly type: 'extendedRequest';
  readonly requestName: string;
  readonly requestValue?: Buffer;
}

/**
 * ExtendedResponse ::= [APPLICATION 24] SEQUENCE { COMPONENTS OF LDAPResult,
 *   responseName [10] LDAPOID OPTIONAL, responseValue [11] OCTET STRING OPTIONAL }
 * With messageID 0 it is an unsolicited notification (RFC 4511 §4.4).
 */
export interface ExtendedResponse extends LdapResult {
  readonly type: 'extendedResponse';
  readonly responseName?: string;
  readonly responseValue?: Buffer;
}

/**
 * IntermediateResponse ::= [APPLICATION 25] SEQUENCE { responseName [0] LDAPOID OPTIONAL,
 *   responseValue [1] OCTET STRING OPTIONAL } (RFC 4511 §4.13)
 */
export interface IntermediateResponse {
  readonly type: 'intermediateResponse';
  readonly responseName?: string;
  readonly responseValue?: Buffer;
}

const REQUEST_NAME = contextTag(0, false);
const REQUEST_VALUE = contextTag(1, false);
const RESPONSE_NAME = contextTag(10, false);
const RESPONSE_VALUE = contextTag(11, false);
const INTERMEDIATE_NAME = contextTag(0, false);
const INTERMEDIATE_VALUE = contextTag(1, false);

export function writeExtendedRequest(w: BerWriter, op: ExtendedRequest): void {
  w.startSequence(OpTag.extendedRequest);
  writeLdapOid(w, op.requestName, REQUEST_NAME);
  if (op.requestValue !== undefined) w.writeOctetString(op.requestValue, REQUEST_VALUE);
  w.endSequence();
}

export function readExtendedRequest(r: BerReader): ExtendedRequest {
  const seq = r.readSequence(OpTag.extendedRequest);
  const requestName = readLdapOid(seq, REQUEST_NAME);
  if (seq.atEnd) return { type: 'extendedRequest', requestName };
  const requestValue = seq.readOctetString(REQUEST_VALUE);
  seq.end();
  return { type: 'extendedRequest', requestName, requestValue };
}

export function writeExtendedResponse(w: BerWriter, op: ExtendedResponse): void {
  w.startSequence(OpTag.extendedResponse);
  encodeLdapResult(w, op);
  if (op.responseName !== undefined) writeLdapOid(w, op.responseName, RESPONSE_NAME);
  if (op.responseValue !== undefined) w.writeOctetString(op.responseValue, RESPONSE_VALUE);
  w.endSequence();
}

export function readExtendedResponse(r: BerReader): ExtendedResponse {
  const seq = r.readSequence(OpTag.extendedResponse);
  const op: Mutable<ExtendedResponse> = decodeResultComponents(seq, 'extendedResponse');
  if (seq.peekTagOrEnd() === RESPONSE_NAME) op.responseName = readLdapOid(seq, RESPONSE_NAME);
  if (!seq.atEnd) op.responseValue = seq.readOctetString(RESPONSE_VALUE);
  seq.end();
  return op;
}

export function writeIntermediateResponse(w: BerWriter, op: IntermediateResponse): void {
  w.startSequence(OpTag.intermediateResponse);
  if (op.responseName !== undefined) writeLdapOid(w, op.responseName, INTERMEDIATE_NAME);
  if (op.responseValue !== undefined) w.writeOctetString(op.responseValue, INTERMEDIATE_VALUE);
  w.endSequence();
}

export function readIntermediateResponse(r: BerReader): IntermediateResponse {
  const seq = r.readSequence(OpTag.intermediateResponse);
  const op: Mutable<IntermediateResponse> = { type: 'intermediateResponse' };
  if (seq.peekTagOrEnd() === INTERMEDIATE_NAME) op.responseName = readLdapOid(seq, INTERMEDIATE_NAME);
  if (!seq.atEnd) op.responseValue = seq.readOctetString(INTERMEDIATE_VALUE);
  seq.end();
  return op;
}
