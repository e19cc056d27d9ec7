import type { Attribute } from '../protocol/index.js';
import type { ReadTxn, StoredEntry } from '../backend/index.js';
import type { AttributeSelection } from './attribute-selection.js';
import type { ServerContext } from './context.js';
import { SUBSCHEMA_DN } from './directory.js';

/**
 * Operational attributes computed when read rather than stored (RFC 4512 §3.4, RFC 5020 entryDN, X.501
 * hasSubordinates/numSubordinates) and memberOf, derived from the groups that list the entry: computing it from
 * the member index keeps it exact after every group change, delete or rename without a second copy to maintain.
 */
export const COMPUTED_ATTRIBUTES = ['entryDN', 'subschemaSubentry', 'hasSubordinates', 'numSubordinates', 'memberOf'] as const;

const MEMBER_TYPES = ['member', 'uniqueMember'] as const;

export function computedValues(server: ServerContext, txn: ReadTxn, entry: StoredEntry, key: string): readonly Buffer[] | undefined {
  switch (key) {
    case 'entrydn':
      return [Buffer.from(entry.dn)];
    case 'subschemasubentry':
      return [Buffer.from(SUBSCHEMA_DN)];
    case 'hassubordinates':
      return [Buffer.from(txn.hasChildren(entry.id) ? 'TRUE' : 'FALSE')];
    case 'numsubordinates':
      return [Buffer.from(String(txn.countChildren(entry.id)))];
    case 'memberof': {
      const groups = groupsOf(txn, entry);
      return groups.length === 0 ? undefined : groups.map((g) => Buffer.from(g));
    }
    default:
      return undefined;
  }
}

/** DNs of the groups whose member or uniqueMember names this entry. */
export function groupsOf(txn: ReadTxn, entry: StoredEntry): string[] {
  const ids = new Set<number>();
  for (const type of MEMBER_TYPES) {
    for (const id of txn.idsWithEquality(type.toLowerCase(), entry.ndn) ?? []) ids.add(id);
  }
  const dns: string[] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const group = txn.getById(id);
    if (group !== undefined) dns.push(group.dn);
  }
  return dns;
}

/** The attributes a search returns for one entry. */
export function presentEntry(server: ServerContext, txn: ReadTxn, entry: StoredEntry, selection: AttributeSelection, typesOnly: boolean): Attribute[] {
  const out = selection.apply(entry.attributes, typesOnly);
  for (const name of COMPUTED_ATTRIBUTES) {
    if (!selection.wantsOperational(name)) continue;
    const values = computedValues(server, txn, entry, name.toLowerCase());
    if (values !== undefined) out.push({ type: name, values: typesOnly ? [] : values });
  }
  return out;
}
