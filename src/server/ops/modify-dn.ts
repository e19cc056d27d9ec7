import { parseRdn } from '../../dn/index.js';
import { LdapError, ResultCode } from '../../errors/index.js';
import type { Attribute, Control, ModifyDNRequest, ResolvedControls } from '../../protocol/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { accessContext, entryFacts, requireAccess, requireWriteAll } from '../access.js';
import { typeKey } from '../entry-view.js';
import { result } from '../respond.js';
import { checkAssertion, readEntryControl } from './write-support.js';
import { renameMemberships } from './referential-integrity.js';

/**
 * ModifyDN (RFC 4511 §4.9): renames an entry and, with newSuperior, moves it with its whole subtree. The new RDN's
 * values are added to the entry, the old ones removed when deleteOldRDN is set, and groups follow every moved DN.
 */
export async function modifyDn(server: ServerContext, request: ModifyDNRequest, ctx: RequestContext, controls: ResolvedControls): Promise<OperationOutcome> {
  const directory = server.directory;
  const schema = directory.schema;
  const target = directory.target(request.entry);
  let newRdn;
  try {
    newRdn = parseRdn(request.newRDN);
  } catch (err) {
    throw new LdapError(ResultCode.invalidDNSyntax, `invalid new RDN ${JSON.stringify(request.newRDN)}: ${(err as Error).message}`);
  }
  const newSuperior = request.newSuperior === undefined ? undefined : directory.target(request.newSuperior);
  const identity = ctx.session.identity;
  const responseControls: Control[] = [];
  await directory.backend.write((txn) => {
    const entry = directory.require(txn, target);
    const access = accessContext(txn, identity);
    requireAccess(server.access, access, entryFacts(directory, entry.ndn, entry.dn, entry.attributes), 'entry', 'delete', `rename ${request.entry}`);
    checkAssertion(server, txn, entry, controls);
    if (entry.ndn === directory.suffixNdn) throw new LdapError(ResultCode.unwillingToPerform, 'the naming context entry cannot be renamed');
    const parentDn = target.dn.parent();
    const oldParent = parentDn === undefined ? undefined : txn.getByNdn(directory.normalize(parentDn));
    const parent = newSuperior === undefined ? oldParent : txn.getByNdn(newSuperior.ndn);
    if (parent === undefined) {
      throw new LdapError(ResultCode.noSuchObject, `new superior ${request.newSuperior ?? ''} does not exist`, {
        matchedDn: newSuperior === undefined ? '' : directory.matchedDn(txn, newSuperior.dn),
      });
    }
    // A move under itself would detach the subtree from the tree (RFC 4511 §4.9: unwillingToPerform).
    if (parent.ndn === entry.ndn || parent.ndn.endsWith(`,${entry.ndn}`)) {
      throw new LdapError(ResultCode.unwillingToPerform, 'an entry cannot be moved below itself');
    }
    const next = directory.childDn(newRdn, parent);
    if (next.ndn !== entry.ndn && txn.idOfNdn(next.ndn) !== undefined) {
      throw new LdapError(ResultCode.entryAlreadyExists, `${next.dn} already exists`);
    }
    const pre = readEntryControl(server, txn, entry, controls, 'pre');
    let user: Attribute[] = directory.userAttributes(entry.attributes).map((a) => ({ type: a.type, values: [...a.values] }));
    const keyOf = (type: string, v: Buffer): string => {
      try {
        return schema.equalityKey(type, v) ?? v.toString('hex');
      } catch {
        return v.toString('hex');
      }
    };
    if (request.deleteOldRDN) {
      for (const ava of target.dn.rdn()?.avas ?? []) {
        const inNew = newRdn.avas.some((n) => typeKey(schema, n.type) === typeKey(schema, ava.type) && keyOf(n.type, n.value) === keyOf(ava.type, ava.value));
        if (inNew) continue;
        user = user.map((a) =>
          typeKey(schema, a.type) === typeKey(schema, ava.type) ? { type: a.type, values: a.values.filter((v) => keyOf(a.type, v) !== keyOf(ava.type, ava.value)) } : a,
        ).filter((a) => a.values.length > 0);
      }
    }
    for (const ava of newRdn.avas) {
      const slot = user.find((a) => typeKey(schema, a.type) === typeKey(schema, ava.type));
      if (slot === undefined) user.push({ type: ava.type, values: [ava.value] });
      else if (!slot.values.some((v) => keyOf(ava.type, v) === keyOf(ava.type, ava.value))) user = user.map((a) => (a === slot ? { type: a.type, values: [...a.values, ava.value] } : a));
    }
    const newDn = directory.target(next.dn).dn;
    const newFacts = entryFacts(directory, next.ndn, next.dn, user);
    requireAccess(server.access, access, newFacts, 'entry', 'add', `rename ${request.entry} to ${next.dn}`);
    requireWriteAll(server.access, access, newFacts, newRdn.avas.map((a) => a.type), `rename ${request.entry}`);
    schema.checkEntry(newDn, user);
    const operational = entry.attributes.filter((a) => schema.isOperational(a.type));
    // Every moved entry (the renamed one and its descendants) keeps its group memberships.
    const moved: { oldNdn: string; newDn: string }[] = [];
    for (const descendant of txn.candidates({ baseId: entry.id, scope: 'sub' }, { type: 'and', filters: [] })) {
      // Stored DNs end with their parent's stored DN, so the part before the moved entry's DN is the relative name.
      const relative = descendant.dn.slice(0, descendant.dn.length - entry.dn.length);
      moved.push({ oldNdn: descendant.ndn, newDn: descendant.id === entry.id ? next.dn : `${relative}${next.dn}` });
    }
    const updated = txn.move(entry.id, parent.id, next.dn, next.ndn, directory.touch([...user, ...operational], identity));
    for (const m of moved) renameMemberships(server, txn, m.oldNdn, m.newDn, identity);
    if (pre !== undefined) responseControls.push(pre);
    const post = readEntryControl(server, txn, updated, controls, 'post');
    if (post !== undefined) responseControls.push(post);
  });
  return {
    result: result(ResultCode.success),
    controls: responseControls,
    log: { dn: request.entry, newRdn: request.newRDN, ...(request.newSuperior !== undefined ? { newSuperior: request.newSuperior } : {}) },
  };
}
