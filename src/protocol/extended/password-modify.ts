import { contextTag } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { ProtocolError } from '../../errors/index.js';
import type { ExtendedOperationDefinition } from './extended-operation-definition.js';
import { decodeBerValue, encodeBerValue } from '../controls/value-codec.js';

export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

/**
 * RFC 3062 §2: PasswdModifyRequestValue ::= SEQUENCE {
 *   userIdentity [0] OCTET STRING OPTIONAL, oldPasswd [1] OCTET STRING OPTIONAL, newPasswd [2] OCTET STRING OPTIONAL }
 * No field at all means: change my own password to one the server generates.
 */
export interface PasswordModifyRequestValue {
  /** A DN or an authzId; absent means the user the session is bound as. */
  readonly userIdentity?: string;
  readonly oldPassword?: Buffer;
  readonly newPassword?: Buffer;
}

/** RFC 3062 §2: PasswdModifyResponseValue ::= SEQUENCE { genPasswd [0] OCTET STRING OPTIONAL } */
export interface PasswordModifyResponseValue {
  readonly generatedPassword?: Buffer;
}

const USER_IDENTITY = contextTag(0, false);
const OLD_PASSWORD = contextTag(1, false);
const NEW_PASSWORD = contextTag(2, false);
const GENERATED_PASSWORD = contextTag(0, false);

const REQUEST_LABEL = 'malformed Password Modify request value';
const RESPONSE_LABEL = 'malformed Password Modify response value';

function isEmptyRequest(req: PasswordModifyRequestValue): boolean {
  return req.userIdentity === undefined && req.oldPassword === undefined && req.newPassword === undefined;
}

function writeRequest(w: BerWriter, req: PasswordModifyRequestValue): void {
  w.startSequence();
  if (req.userIdentity !== undefined) w.writeString(req.userIdentity, USER_IDENTITY);
  if (req.oldPassword !== undefined) w.writeOctetString(req.oldPassword, OLD_PASSWORD);
  if (req.newPassword !== undefined) w.writeOctetString(req.newPassword, NEW_PASSWORD);
  w.endSequence();
}

function readRequest(r: BerReader): PasswordModifyRequestValue {
  const seq = r.readSequence();
  // SEQUENCE, not SET: each field at most once and in tag order; anything else is malformed.
  const userIdentity = seq.peekTagOrEnd() === USER_IDENTITY ? seq.readString(USER_IDENTITY) : undefined;
  const oldPassword = seq.peekTagOrEnd() === OLD_PASSWORD ? seq.readOctetString(OLD_PASSWORD) : undefined;
  const newPassword = seq.peekTagOrEnd() === NEW_PASSWORD ? seq.readOctetString(NEW_PASSWORD) : undefined;
  if (!seq.atEnd) throw new ProtocolError(`unexpected field with tag 0x${seq.peekTag().toString(16).padStart(2, '0')}`);
  return {
    ...(userIdentity !== undefined ? { userIdentity } : {}),
    ...(oldPassword !== undefined ? { oldPassword } : {}),
    ...(newPassword !== undefined ? { newPassword } : {}),
  };
}

function readResponse(r: BerReader): PasswordModifyResponseValue {
  const seq = r.readSequence();
  const generatedPassword = seq.peekTagOrEnd() === GENERATED_PASSWORD ? seq.readOctetString(GENERATED_PASSWORD) : undefined;
  seq.end();
  return generatedPassword === undefined ? {} : { generatedPassword };
}

/** An empty request is sent with the value absent, as OpenLDAP's ldap_passwd() does. */
export function encodePasswordModifyRequestValue(req: PasswordModifyRequestValue): Buffer | undefined {
  return isEmptyRequest(req) ? undefined : encodeBerValue((w) => writeRequest(w, req));
}

/** RFC 3062 §2: the requestValue is optional; absent reads as a request with no fields. */
export function decodePasswordModifyRequestValue(value: Buffer | undefined): PasswordModifyRequestValue {
  return value === undefined ? {} : decodeBerValue(REQUEST_LABEL, value, readRequest);
}

/** RFC 3062 §2: the responseValue is absent unless the server generated a password. */
export function encodePasswordModifyResponseValue(res: PasswordModifyResponseValue): Buffer | undefined {
  const generated = res.generatedPassword;
  if (generated === undefined) return undefined;
  return encodeBerValue((w) => {
    w.startSequence();
    w.writeOctetString(generated, GENERATED_PASSWORD);
    w.endSequence();
  });
}

export function decodePasswordModifyResponseValue(value: Buffer | undefined): PasswordModifyResponseValue {
  return value === undefined ? {} : decodeBerValue(RESPONSE_LABEL, value, readResponse);
}

/** RFC 3062 §2: the response has no responseName. */
export const passwordModifyOperation: ExtendedOperationDefinition<PasswordModifyRequestValue, PasswordModifyResponseValue> = {
  oid: PASSWORD_MODIFY_OID,
  name: 'Password Modify',
  advertise: true,
  decodeRequestValue: decodePasswordModifyRequestValue,
  encodeRequestValue: encodePasswordModifyRequestValue,
  decodeResponseValue: decodePasswordModifyResponseValue,
  encodeResponseValue: encodePasswordModifyResponseValue,
};
