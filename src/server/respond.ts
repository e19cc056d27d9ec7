import { LdapError, ResultCode } from '../errors/index.js';
import type { LdapResult } from '../protocol/index.js';

/**
 * The one place where an error becomes an LDAPResult. An LdapError keeps its code, message and matchedDN;
 * anything else is a bug: the client gets `other` with an opaque reference, never the internal message,
 * and the caller logs the error under that reference.
 */
export function resultFromError(err: unknown, reference: string): LdapResult {
  if (err instanceof LdapError) {
    return { resultCode: err.resultCode, matchedDN: err.matchedDn, diagnosticMessage: err.message };
  }
  return { resultCode: ResultCode.other, matchedDN: '', diagnosticMessage: `internal error (reference ${reference})` };
}

export const SUCCESS: LdapResult = Object.freeze({ resultCode: ResultCode.success, matchedDN: '', diagnosticMessage: '' });

export function result(resultCode: number, diagnosticMessage = '', matchedDN = ''): LdapResult {
  return { resultCode, matchedDN, diagnosticMessage };
}
