import { LdapError, ResultCode } from '../errors/index.js';
import type { ReadTxn } from '../backend/index.js';
import type { Directory } from './directory.js';
import type { Identity } from './session.js';

/**
 * The interim access policy, until the access-control engine lands: administrators (the admin DN and members of
 * the administrators group) may write; everyone else may only read. Checked inside the write transaction.
 */
export function requireWriteAccess(directory: Directory, txn: ReadTxn, identity: Identity, what: string): void {
  if (identity.kind === 'anonymous') {
    throw new LdapError(ResultCode.insufficientAccessRights, `anonymous clients may not ${what}; bind first`);
  }
  if (!directory.isAdmin(txn, identity)) {
    throw new LdapError(ResultCode.insufficientAccessRights, `${identity.dn} may not ${what}`);
  }
}
