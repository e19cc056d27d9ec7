import { LdapError, ResultCode } from '../../errors/index.js';
import type { BindRequest } from '../../protocol/index.js';
import { verifyPassword } from '../../auth/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { ANONYMOUS } from '../session.js';
import { result } from '../respond.js';

const INVALID = 'invalid credentials';

/**
 * Simple bind (RFC 4513 §5.1). Unknown DNs and wrong passwords get the same answer, so a bind cannot be used to
 * learn which accounts exist. SASL mechanisms come with the security issue; until then they are not offered.
 */
export async function bind(server: ServerContext, request: BindRequest, _ctx: RequestContext): Promise<OperationOutcome> {
  const log = { dn: request.name, method: request.authentication.method };
  if (request.version !== 3) {
    return { result: result(ResultCode.protocolError, `LDAP version ${request.version} is not supported; use version 3`), identity: ANONYMOUS, log };
  }
  if (request.authentication.method === 'sasl') {
    return {
      result: result(ResultCode.authMethodNotSupported, `SASL mechanism ${request.authentication.mechanism} is not supported`),
      identity: ANONYMOUS,
      log: { ...log, mechanism: request.authentication.mechanism },
    };
  }
  const password = request.authentication.password;
  if (request.name === '' && password.length === 0) return { result: result(ResultCode.success), identity: ANONYMOUS, log };
  if (password.length === 0) {
    // RFC 4513 §5.1.2: an unauthenticated bind (a name, no password) must not succeed silently.
    return { result: result(ResultCode.unwillingToPerform, 'unauthenticated bind (DN with no password) is not allowed'), identity: ANONYMOUS, log };
  }
  const directory = server.directory;
  let target;
  try {
    target = directory.target(request.name);
  } catch (err) {
    if (err instanceof LdapError) return { result: result(ResultCode.invalidCredentials, INVALID), identity: ANONYMOUS, log };
    throw err;
  }
  const entry = directory.backend.read((txn) => txn.getByNdn(target.ndn));
  const stored = entry === undefined ? [] : directory.valuesOf(entry.attributes, 'userPassword');
  let ok = false;
  for (const value of stored) if (verifyPassword(value, password)) ok = true;
  if (!ok || entry === undefined) return { result: result(ResultCode.invalidCredentials, INVALID), identity: ANONYMOUS, log };
  return { result: result(ResultCode.success), identity: { kind: 'dn', dn: entry.dn, ndn: entry.ndn, method: 'simple' }, log: { ...log, dn: entry.dn } };
}
