import { LdapError, ResultCode } from '../../errors/index.js';
import {
  CANCEL_OID,
  PASSWORD_MODIFY_OID,
  START_TLS_OID,
  WHO_AM_I_OID,
  cancelOperation,
  passwordModifyOperation,
  whoAmIOperation,
} from '../../protocol/index.js';
import type { ExtendedRequest } from '../../protocol/index.js';
import type { ReadTxn, StoredEntry } from '../../backend/index.js';
import { generatePassword, hashPassword, verifyPassword } from '../../auth/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { authzId } from '../session.js';
import { result } from '../respond.js';
import { typeKey } from '../entry-view.js';

/** Extended operations (RFC 4511 §4.12): StartTLS, WhoAmI, Password Modify and Cancel. */
export async function extended(server: ServerContext, request: ExtendedRequest, ctx: RequestContext): Promise<OperationOutcome> {
  const log = { oid: request.requestName };
  switch (request.requestName) {
    case START_TLS_OID:
      return startTls(server, request, ctx, log);
    case WHO_AM_I_OID: {
      whoAmIOperation.decodeRequestValue(request.requestValue);
      // RFC 4532 §2.2: anonymous is an empty authzId, sent as an empty value (ldapwhoami prints "anonymous").
      return { result: { ...result(ResultCode.success), responseValue: Buffer.from(authzId(ctx.session.identity)) }, log };
    }
    case PASSWORD_MODIFY_OID:
      return passwordModify(server, request, ctx, log);
    case CANCEL_OID: {
      const { cancelId } = cancelOperation.decodeRequestValue(request.requestValue);
      // RFC 3909 §2: the canceled operation answers `canceled`; Cancel itself answers success or noSuchOperation.
      if (!ctx.connection.cancel(cancelId)) {
        throw new LdapError(ResultCode.noSuchOperation, `no outstanding operation with messageID ${cancelId}`);
      }
      return { result: result(ResultCode.success), log: { ...log, cancelId } };
    }
    default:
      // RFC 4511 §4.12: an unrecognised request name gets protocolError and no response name.
      return { result: result(ResultCode.protocolError, `unsupported extended operation ${request.requestName}`), log };
  }
}

function startTls(server: ServerContext, request: ExtendedRequest, ctx: RequestContext, log: Record<string, unknown>): OperationOutcome {
  if (request.requestValue !== undefined) throw new LdapError(ResultCode.protocolError, 'StartTLS takes no request value');
  if (!server.tlsAvailable) return { result: { ...result(ResultCode.unavailable, 'TLS is not configured'), responseName: START_TLS_OID }, log };
  if (ctx.session.tls !== undefined) {
    // RFC 4511 §4.14.1: StartTLS on a connection that already has TLS is an operationsError.
    return { result: { ...result(ResultCode.operationsError, 'TLS is already established'), responseName: START_TLS_OID }, log };
  }
  return {
    result: { ...result(ResultCode.success), responseName: START_TLS_OID },
    log,
    afterSend: () => ctx.connection.startTls(() => undefined),
  };
}

async function passwordModify(server: ServerContext, request: ExtendedRequest, ctx: RequestContext, log: Record<string, unknown>): Promise<OperationOutcome> {
  const directory = server.directory;
  const value = passwordModifyOperation.decodeRequestValue(request.requestValue);
  const identity = ctx.session.identity;
  if (identity.kind === 'anonymous') throw new LdapError(ResultCode.unwillingToPerform, 'password modify requires an authenticated session');
  // RFC 3062 §2: userIdentity is a DN or an authzId; only the `dn:` form names an entry directly.
  const requested = value.userIdentity?.startsWith('dn:') === true ? value.userIdentity.slice(3) : value.userIdentity;
  if (requested?.startsWith('u:') === true) throw new LdapError(ResultCode.unwillingToPerform, 'u: authorization identities are not supported; give a DN');
  const target = directory.target(requested ?? identity.dn);
  const generated = value.newPassword === undefined ? generatePassword() : undefined;
  const newPassword = value.newPassword ?? Buffer.from(generated as string);
  // Verifying and hashing take tens of milliseconds (Argon2), so they run before the write transaction: access is
  // checked first (so no one learns whether another user's old password is right), then the old password, then the
  // write re-checks access and that the verified values are still the stored ones.
  const authorize = (txn: ReadTxn): StoredEntry => {
    const entry = directory.require(txn, target);
    const self = entry.ndn === identity.ndn;
    if (!self && !directory.isAdmin(txn, identity)) throw new LdapError(ResultCode.insufficientAccessRights, `${identity.dn} may not change the password of ${entry.dn}`);
    return entry;
  };
  const before = directory.backend.read(authorize);
  const verified = directory.valuesOf(before.attributes, 'userPassword');
  if (value.oldPassword !== undefined) {
    let matches = false;
    for (const stored of verified) {
      if ((await verifyPassword(stored, value.oldPassword)).ok) {
        matches = true;
        break;
      }
    }
    if (!matches) throw new LdapError(ResultCode.invalidCredentials, 'the old password does not match');
  }
  const hashed = await hashPassword(newPassword);
  await directory.backend.write((txn) => {
    const entry = authorize(txn);
    if (value.oldPassword !== undefined) {
      const now = directory.valuesOf(entry.attributes, 'userPassword');
      // Changed since it was verified: the old password was checked against values that are gone.
      if (now.length !== verified.length || now.some((v, i) => !v.equals(verified[i] as Buffer))) {
        throw new LdapError(ResultCode.invalidCredentials, 'the old password does not match');
      }
    }
    const attributes = entry.attributes.filter((a) => typeKey(directory.schema, a.type) !== 'userpassword');
    attributes.push({ type: 'userPassword', values: [hashed] });
    directory.schema.checkEntry(directory.target(entry.dn).dn, directory.userAttributes(attributes));
    txn.replace(entry.id, directory.touch(attributes, identity));
  });
  const responseValue = generated === undefined ? undefined : passwordModifyOperation.encodeResponseValue({ generatedPassword: Buffer.from(generated) });
  return { result: { ...result(ResultCode.success), ...(responseValue === undefined ? {} : { responseValue }) }, log: { ...log, dn: target.dn.toString() } };
}
