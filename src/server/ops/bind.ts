import { LdapError, ResultCode } from '../../errors/index.js';
import type { BindRequest } from '../../protocol/index.js';
import { burnVerification, hashPassword, verifyPassword } from '../../auth/index.js';
import type { StoredEntry } from '../../backend/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { ANONYMOUS } from '../session.js';
import { result } from '../respond.js';
import { typeKey } from '../entry-view.js';
import { saslBind } from './sasl-bind.js';

const INVALID = 'invalid credentials';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Simple bind (RFC 4513 §5.1). Unknown DNs and wrong passwords get the same answer, and take as long (an unknown DN
 * or an entry without userPassword costs one dummy Argon2 verification), so a bind cannot be used to learn which
 * accounts exist. SASL mechanisms come with the security issue; until then they are not offered.
 */
export async function bind(server: ServerContext, request: BindRequest, ctx: RequestContext): Promise<OperationOutcome> {
  const log = { dn: request.name, method: request.authentication.method };
  if (request.version !== 3) {
    return { result: result(ResultCode.protocolError, `LDAP version ${request.version} is not supported; use version 3`), identity: ANONYMOUS, log };
  }
  if (request.authentication.method === 'sasl') return saslBind(server, request, ctx);
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
  // A bind as a decoy account means someone is trying credentials they should not have: always an alert.
  const decoy = server.honeytokens?.isDecoy(target.ndn) === true;
  if (decoy) server.alert((server.honeytokens as NonNullable<typeof server.honeytokens>).onBind({ ndn: target.ndn, address: ctx.session.remoteAddress }));
  // Brute-force defence: the throttle sees every attempt by account (existing or not) and by client address.
  const throttle = server.bindThrottle;
  const address = ctx.session.remoteAddress;
  const gate = throttle?.check(target.ndn, address) ?? { allowed: true, delayMs: 0 };
  const fail = async (reason: string): Promise<OperationOutcome> => {
    throttle?.recordFailure(target.ndn, address);
    if (gate.delayMs > 0) await sleep(gate.delayMs);
    return { result: result(ResultCode.invalidCredentials, INVALID), identity: ANONYMOUS, log: { ...log, failure: reason } };
  };
  if (!gate.allowed) {
    // A locked account or address answers exactly like a wrong password, after the same work, without checking.
    await burnVerification(password);
    return fail(gate.reason ?? 'locked');
  }
  const entry = directory.backend.read((txn) => txn.getByNdn(target.ndn));
  const stored = entry === undefined ? [] : directory.valuesOf(entry.attributes, 'userPassword');
  if (entry === undefined || stored.length === 0) {
    await burnVerification(password);
    return fail('unknown-dn');
  }
  let matched: { value: Buffer; needsRehash: boolean; scheme: string } | undefined;
  for (const value of stored) {
    const check = await verifyPassword(value, password);
    if (check.ok) {
      matched = { value, needsRehash: check.needsRehash, scheme: check.scheme };
      break;
    }
  }
  if (matched === undefined) return fail('mismatch');
  throttle?.recordSuccess(target.ndn, address);
  if (matched.needsRehash) await rehash(server, entry, matched.value, password, matched.scheme);
  return { result: result(ResultCode.success), identity: { kind: 'dn', dn: entry.dn, ndn: entry.ndn, method: 'simple' }, log: { ...log, dn: entry.dn } };
}

/**
 * After a successful bind against a legacy value (another scheme, older Argon2 parameters, cleartext), replaces
 * that one value with a fresh Argon2id hash of the password just proven. Best effort: the bind has succeeded
 * whatever happens here. The value is replaced only if it is still stored (a concurrent password change wins), and
 * modifyTimestamp/modifiersName are left alone: the password, as the user sees it, has not changed.
 */
async function rehash(server: ServerContext, entry: StoredEntry, old: Buffer, password: Buffer, scheme: string): Promise<void> {
  const directory = server.directory;
  try {
    const fresh = await hashPassword(password);
    const replaced = await directory.backend.write((txn) => {
      const current = txn.getById(entry.id);
      if (current === undefined || current.ndn !== entry.ndn) return false;
      let found = false;
      const attributes = current.attributes.map((attribute) => {
        if (found || typeKey(directory.schema, attribute.type) !== 'userpassword') return attribute;
        const index = attribute.values.findIndex((v) => v.equals(old));
        if (index < 0) return attribute;
        found = true;
        const values = [...attribute.values];
        values[index] = fresh;
        return { type: attribute.type, values };
      });
      if (found) txn.replace(current.id, attributes);
      return found;
    });
    if (replaced) server.log.info({ dn: entry.dn, from: scheme }, 'userPassword rehashed with Argon2id');
  } catch (err) {
    server.log.warn({ dn: entry.dn, from: scheme, err: err instanceof Error ? err.message : String(err) }, 'userPassword rehash failed');
  }
}
