import { LdapError, ResultCode } from '../../errors/index.js';
import type { Control, DelRequest, ResolvedControls } from '../../protocol/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { accessContext, entryFacts, requireAccess } from '../access.js';
import { result } from '../respond.js';
import { checkAssertion, readEntryControl } from './write-support.js';
import { removeMemberships } from './referential-integrity.js';

/** Delete (RFC 4511 §4.8): leaves only (notAllowedOnNonLeaf), and the entry leaves every group that listed it. */
export async function del(server: ServerContext, request: DelRequest, ctx: RequestContext, controls: ResolvedControls): Promise<OperationOutcome> {
  const directory = server.directory;
  const target = directory.target(request.dn);
  const identity = ctx.session.identity;
  const responseControls: Control[] = [];
  await directory.backend.write((txn) => {
    const entry = directory.require(txn, target);
    requireAccess(server.access, accessContext(txn, identity), entryFacts(directory, entry.ndn, entry.dn, entry.attributes), 'entry', 'delete', `delete ${request.dn}`);
    checkAssertion(server, txn, entry, controls);
    if (txn.hasChildren(entry.id)) throw new LdapError(ResultCode.notAllowedOnNonLeaf, `${entry.dn} has subordinate entries`);
    const pre = readEntryControl(server, txn, entry, controls, 'pre');
    if (pre !== undefined) responseControls.push(pre);
    removeMemberships(server, txn, entry.ndn, identity);
    txn.delete(entry.id);
  });
  return { result: result(ResultCode.success), controls: responseControls, log: { dn: request.dn } };
}
