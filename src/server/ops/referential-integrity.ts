import type { WriteTxn } from '../../backend/index.js';
import type { ServerContext } from '../context.js';
import type { Identity } from '../session.js';
import { typeKey } from '../entry-view.js';

/**
 * Referential integrity for group membership (what OpenLDAP's refint overlay does for member/uniqueMember):
 * when an entry is deleted its DN leaves every group, and when it is renamed every group follows the new DN.
 * It runs in the same transaction as the delete or rename, so no group ever names a missing entry.
 */
const MEMBER_TYPES = ['member', 'uniquemember'] as const;

export function removeMemberships(server: ServerContext, txn: WriteTxn, ndn: string, identity: Identity): void {
  rewriteMemberships(server, txn, ndn, undefined, identity);
}

export function renameMemberships(server: ServerContext, txn: WriteTxn, oldNdn: string, newDn: string, identity: Identity): void {
  rewriteMemberships(server, txn, oldNdn, newDn, identity);
}

function rewriteMemberships(server: ServerContext, txn: WriteTxn, oldNdn: string, newDn: string | undefined, identity: Identity): void {
  const directory = server.directory;
  const schema = directory.schema;
  const groupIds = new Set<number>();
  for (const type of MEMBER_TYPES) for (const id of txn.idsWithEquality(type, oldNdn) ?? []) groupIds.add(id);
  for (const id of groupIds) {
    const group = txn.getById(id);
    if (group === undefined) continue;
    let changed = false;
    const attributes = group.attributes.map((attribute) => {
      const key = typeKey(schema, attribute.type);
      if (!(MEMBER_TYPES as readonly string[]).includes(key)) return attribute;
      const values: Buffer[] = [];
      for (const value of attribute.values) {
        let valueKey: string | undefined;
        try {
          valueKey = schema.equalityKey(key, value);
        } catch {
          valueKey = undefined;
        }
        if (valueKey === oldNdn) {
          changed = true;
          if (newDn !== undefined) values.push(Buffer.from(newDn));
        } else {
          values.push(value);
        }
      }
      return { type: attribute.type, values };
    });
    if (!changed) continue;
    // groupOfNames requires a member (RFC 4519 §3.5): an emptied attribute is dropped, and a group that would
    // break its schema keeps the stale value rather than failing the delete of an unrelated entry.
    const kept = attributes.filter((a) => a.values.length > 0);
    try {
      schema.checkEntry(directory.target(group.dn).dn, directory.userAttributes(kept));
    } catch {
      continue;
    }
    txn.replace(group.id, directory.touch(kept, identity));
  }
}
