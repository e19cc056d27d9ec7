/**
 * LDAP result codes (RFC 4511 §4.1.9 and Appendix A, plus RFC 3909 Cancel, RFC 4528 assertion and
 * RFC 4370 proxied authorization). One table, used in both directions.
 */
export const ResultCode = {
  success: 0,
  operationsError: 1,
  protocolError: 2,
  timeLimitExceeded: 3,
  sizeLimitExceeded: 4,
  compareFalse: 5,
  compareTrue: 6,
  authMethodNotSupported: 7,
  strongerAuthRequired: 8,
  referral: 10,
  adminLimitExceeded: 11,
  unavailableCriticalExtension: 12,
  confidentialityRequired: 13,
  saslBindInProgress: 14,
  noSuchAttribute: 16,
  undefinedAttributeType: 17,
  inappropriateMatching: 18,
  constraintViolation: 19,
  attributeOrValueExists: 20,
  invalidAttributeSyntax: 21,
  noSuchObject: 32,
  aliasProblem: 33,
  invalidDNSyntax: 34,
  aliasDereferencingProblem: 36,
  inappropriateAuthentication: 48,
  invalidCredentials: 49,
  insufficientAccessRights: 50,
  busy: 51,
  unavailable: 52,
  unwillingToPerform: 53,
  loopDetect: 54,
  namingViolation: 64,
  objectClassViolation: 65,
  notAllowedOnNonLeaf: 66,
  notAllowedOnRDN: 67,
  entryAlreadyExists: 68,
  objectClassModsProhibited: 69,
  affectsMultipleDSAs: 71,
  other: 80,
  canceled: 118,
  noSuchOperation: 119,
  tooLate: 120,
  cannotCancel: 121,
  assertionFailed: 122,
  authorizationDenied: 123,
} as const;

export type ResultCodeName = keyof typeof ResultCode;
export type ResultCode = (typeof ResultCode)[ResultCodeName];

const namesByCode = new Map<number, ResultCodeName>(
  (Object.entries(ResultCode) as [ResultCodeName, number][]).map(([name, code]) => [code, name]),
);

/** The RFC name of a result code, or `unknown(<code>)` for a code no RFC we implement defines. */
export function resultCodeName(code: number): string {
  return namesByCode.get(code) ?? `unknown(${code})`;
}

export function isResultCode(code: number): code is ResultCode {
  return namesByCode.has(code);
}
