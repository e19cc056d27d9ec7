import { LdapError, ResultCode } from '../errors/index.js';
import type { AccessContext, AccessControl, EntryFacts, Right } from '../acl/index.js';
import type { Attribute } from '../protocol/index.js';
import type { ReadTxn } from '../backend/index.js';
import type { Directory } from './directory.js';
import type { Identity } from './session.js';
import { EntryView } from './entry-view.js';

/**
 * The server's side of the access-control contract (src/acl): who is asking, as the engine sees it, with group
 * membership answered from the member index inside the operation's own transaction.
 */
export function accessContext(txn: ReadTxn, identity: Identity): AccessContext {
  if (identity.kind !== 'dn') return { requester: { kind: 'anonymous' }, isMemberOf: () => false };
  let groups: Set<number> | undefined;
  return {
    requester: { kind: 'dn', ndn: identity.ndn },
    isMemberOf(groupNdn: string): boolean {
      const groupId = txn.idOfNdn(groupNdn);
      if (groupId === undefined) return false;
      groups ??= new Set([...(txn.idsWithEquality('member', identity.ndn) ?? []), ...(txn.idsWithEquality('uniquemember', identity.ndn) ?? [])]);
      return groups.has(groupId);
    },
  };
}

export function entryFacts(directory: Directory, ndn: string, dn: string, attributes: readonly Attribute[]): EntryFacts {
  return { ndn, filterEntry: new EntryView(dn, attributes, directory.schema) };
}

/** Throws insufficientAccessRights (50) unless the requester holds `right` on the attribute (or the entry). */
export function requireAccess(access: AccessControl, ctx: AccessContext, facts: EntryFacts, attribute: string, right: Right, what: string): void {
  if (!access.allowed(ctx, facts, attribute, right)) {
    throw new LdapError(ResultCode.insufficientAccessRights, `insufficient access to ${what}`);
  }
}

/** Write access to every attribute a change touches. */
export function requireWriteAll(access: AccessControl, ctx: AccessContext, facts: EntryFacts, types: readonly string[], what: string): void {
  for (const type of new Set(types)) requireAccess(access, ctx, facts, type, 'write', `${what} (attribute ${type})`);
}
