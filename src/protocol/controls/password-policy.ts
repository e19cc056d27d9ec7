import { contextTag } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { ProtocolError } from '../../errors/index.js';
import type { ControlDefinition } from './control-definition.js';
import { PASSWORD_MODIFY_EXTENDED_OID } from './extended-oids.js';
import { decodeBerValue, encodeBerValue, expectNoValue, readNonNegative } from './value-codec.js';

/** draft-behera-ldap-password-policy-11 §6: the request and the response control share this OID. */
export const PASSWORD_POLICY_OID = '1.3.6.1.4.1.42.2.27.8.5.1';

/** draft-behera-ldap-password-policy-11 §6.2: the error ENUMERATED. One table, used in both directions. */
export const PasswordPolicyErrorCode = {
  passwordExpired: 0,
  accountLocked: 1,
  changeAfterReset: 2,
  passwordModNotAllowed: 3,
  mustSupplyOldPassword: 4,
  insufficientPasswordQuality: 5,
  passwordTooShort: 6,
  passwordTooYoung: 7,
  passwordInHistory: 8,
} as const;

export type PasswordPolicyErrorName = keyof typeof PasswordPolicyErrorCode;

const errorByCode = new Map<number, PasswordPolicyErrorName>(
  (Object.entries(PasswordPolicyErrorCode) as [PasswordPolicyErrorName, number][]).map(([name, code]) => [code, name]),
);

/** The warning CHOICE: seconds before the password expires, or grace binds left. */
export interface PasswordPolicyWarning {
  readonly type: 'timeBeforeExpiration' | 'graceAuthNsRemaining';
  readonly value: number;
}

/**
 * PasswordPolicyResponseValue ::= SEQUENCE {
 *   warning [0] CHOICE { timeBeforeExpiration [0] INTEGER (0 .. maxInt),
 *                        graceAuthNsRemaining [1] INTEGER (0 .. maxInt) } OPTIONAL,
 *   error   [1] ENUMERATED { passwordExpired (0), ... passwordInHistory (8) } OPTIONAL }
 */
export interface PasswordPolicyResponseValue {
  readonly warning?: PasswordPolicyWarning;
  readonly error?: PasswordPolicyErrorName;
}

// A tagged CHOICE is always explicitly tagged (X.680 §31.2.7), so warning is constructed.
const WARNING = contextTag(0, true);
const TIME_BEFORE_EXPIRATION = contextTag(0, false);
const GRACE_AUTHNS_REMAINING = contextTag(1, false);
const ERROR = contextTag(1, false);

const REQUEST_LABEL = 'malformed password policy request control value';
const RESPONSE_LABEL = 'malformed password policy response control value';

function write(w: BerWriter, value: PasswordPolicyResponseValue): void {
  w.startSequence();
  if (value.warning !== undefined) {
    w.startSequence(WARNING);
    w.writeInteger(value.warning.value, value.warning.type === 'timeBeforeExpiration' ? TIME_BEFORE_EXPIRATION : GRACE_AUTHNS_REMAINING);
    w.endSequence();
  }
  if (value.error !== undefined) w.writeEnumerated(PasswordPolicyErrorCode[value.error], ERROR);
  w.endSequence();
}

function readWarning(r: BerReader): PasswordPolicyWarning {
  const choice = r.readSequence(WARNING);
  const tag = choice.peekTag();
  let warning: PasswordPolicyWarning;
  if (tag === TIME_BEFORE_EXPIRATION) {
    warning = { type: 'timeBeforeExpiration', value: readNonNegative(choice, 'timeBeforeExpiration', tag) };
  } else if (tag === GRACE_AUTHNS_REMAINING) {
    warning = { type: 'graceAuthNsRemaining', value: readNonNegative(choice, 'graceAuthNsRemaining', tag) };
  } else {
    throw new ProtocolError(`unknown warning choice 0x${tag.toString(16).padStart(2, '0')}`);
  }
  choice.end();
  return warning;
}

function read(r: BerReader): PasswordPolicyResponseValue {
  const seq = r.readSequence();
  const warning = seq.peekTagOrEnd() === WARNING ? readWarning(seq) : undefined;
  let error: PasswordPolicyErrorName | undefined;
  if (seq.peekTagOrEnd() === ERROR) {
    const code = seq.readEnumerated(ERROR);
    error = errorByCode.get(code);
    if (error === undefined) throw new ProtocolError(`password policy error ${code} is not defined`);
  }
  seq.end();
  return { ...(warning !== undefined ? { warning } : {}), ...(error !== undefined ? { error } : {}) };
}

/** §6.1: the request control has no value. */
export function decodePasswordPolicyRequestValue(value: Buffer | undefined): undefined {
  return expectNoValue(REQUEST_LABEL, value);
}

export function encodePasswordPolicyResponseValue(value: PasswordPolicyResponseValue): Buffer {
  return encodeBerValue((w) => write(w, value));
}

export function decodePasswordPolicyResponseValue(value: Buffer | undefined): PasswordPolicyResponseValue {
  return decodeBerValue(RESPONSE_LABEL, value, read);
}

/**
 * Operations whose outcome the policy can affect: bind, add and modify of a password, compare
 * against one, and the RFC 3062 Password Modify extended operation (slapd ppolicy.c registers the same).
 */
export const passwordPolicyControl: ControlDefinition<undefined, PasswordPolicyResponseValue> = {
  oid: PASSWORD_POLICY_OID,
  name: 'password policy',
  appliesTo: new Set(['bindRequest', 'addRequest', 'modifyRequest', 'compareRequest', 'extendedRequest']),
  extendedOps: new Set([PASSWORD_MODIFY_EXTENDED_OID]),
  advertise: true,
  decodeRequest: decodePasswordPolicyRequestValue,
  encodeRequest: () => undefined,
  decodeResponse: decodePasswordPolicyResponseValue,
  encodeResponse: encodePasswordPolicyResponseValue,
};
