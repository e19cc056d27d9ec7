import { LdapError, ResultCode } from '../../errors/index.js';
import { compileFilter, TRUE } from '../../filter/index.js';
import { assertionControl, makeResponseControl, postReadControl, preReadControl } from '../../protocol/index.js';
import type { Control, ResolvedControls } from '../../protocol/index.js';
import type { ReadTxn, StoredEntry } from '../../backend/index.js';
import { AttributeSelection } from '../attribute-selection.js';
import type { ServerContext } from '../context.js';
import { presentEntry } from '../operational.js';
import { viewOf } from './search.js';

/** RFC 4528: a write with an assertion control happens only if the target entry matches the filter. */
export function checkAssertion(server: ServerContext, txn: ReadTxn, entry: StoredEntry, controls: ResolvedControls): void {
  const assertion = controls.get(assertionControl);
  if (assertion === undefined) return;
  if (compileFilter(assertion.value, server.directory.schema.matchingContext)(viewOf(server, txn, entry)) !== TRUE) {
    throw new LdapError(ResultCode.assertionFailed, 'the assertion control does not match the entry');
  }
}

/** RFC 4527: the entry as it was before (pre-read) or is after (post-read) the change, in the same transaction. */
export function readEntryControl(
  server: ServerContext,
  txn: ReadTxn,
  entry: StoredEntry,
  controls: ResolvedControls,
  which: 'pre' | 'post',
): Control | undefined {
  const def = which === 'pre' ? preReadControl : postReadControl;
  const requested = controls.get(def);
  if (requested === undefined) return undefined;
  const selection = new AttributeSelection(requested.value, server.directory.schema);
  return makeResponseControl(def, { objectName: entry.dn, attributes: presentEntry(server, txn, entry, selection, false) });
}

/** Refuses attributes no user may set (NO-USER-MODIFICATION, RFC 4512 §4.1.2): constraintViolation. */
export function refuseNoUserModification(server: ServerContext, types: readonly string[]): void {
  for (const type of types) {
    if (!server.directory.schema.isUserModifiable(type)) {
      throw new LdapError(ResultCode.constraintViolation, `attribute '${type}' cannot be modified by clients (NO-USER-MODIFICATION)`);
    }
  }
}

/**
 * Warden does not dereference aliases (RFC 4512 §2.6), so it refuses to create them rather than store entries a
 * search would then treat inconsistently: every search behaves as neverDerefAliases, which is then exact.
 */
export function refuseAliases(server: ServerContext, objectClasses: readonly Buffer[]): void {
  const alias = server.directory.schema.objectClass('alias');
  for (const value of objectClasses) {
    if (alias !== undefined && server.directory.schema.objectClass(value.toString('utf8')) === alias) {
      throw new LdapError(ResultCode.unwillingToPerform, 'alias entries are not supported: Warden does not dereference aliases');
    }
  }
}
