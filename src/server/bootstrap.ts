import { Dn } from '../dn/index.js';
import type { Attribute } from '../protocol/index.js';
import { hashPassword } from '../auth/index.js';
import type { Directory } from './directory.js';
import { ANONYMOUS } from './session.js';

const text = (...values: string[]): Buffer[] => values.map((v) => Buffer.from(v));

export interface BootstrapResult {
  readonly created: boolean;
  readonly entries: readonly string[];
}

/** Object classes for the naming context entry, from its RDN type (dc=… → dcObject + organization, o=… → organization). */
function suffixAttributes(suffix: Dn): Attribute[] {
  const ava = suffix.rdn()?.avas[0];
  if (ava === undefined) throw new Error('the suffix must have at least one RDN');
  const value = ava.value.toString('utf8');
  switch (ava.type.toLowerCase()) {
    case 'dc':
    case 'domaincomponent':
      return [
        { type: 'objectClass', values: text('top', 'dcObject', 'organization') },
        { type: 'dc', values: text(value) },
        { type: 'o', values: text(value) },
      ];
    case 'o':
      return [{ type: 'objectClass', values: text('top', 'organization') }, { type: 'o', values: text(value) }];
    case 'ou':
      return [{ type: 'objectClass', values: text('top', 'organizationalUnit') }, { type: 'ou', values: text(value) }];
    case 'c':
      return [{ type: 'objectClass', values: text('top', 'country') }, { type: 'c', values: text(value) }];
    default:
      return [
        { type: 'objectClass', values: text('top', 'extensibleObject') },
        { type: ava.type, values: text(value) },
      ];
  }
}

/**
 * First start on an empty database: the naming context entry, ou=people, ou=groups, the administrator
 * (cn=admin by default, a simpleSecurityObject) and the administrators group that lists it. Does nothing when the
 * suffix entry already exists.
 */
export async function bootstrapDirectory(directory: Directory, admin: { dn: Dn; groupDn: Dn; password: Buffer }): Promise<BootstrapResult> {
  const suffix = directory.suffix;
  if (directory.backend.read((txn) => txn.idOfNdn(directory.suffixNdn)) !== undefined) return { created: false, entries: [] };
  // Hashed before the write transaction: Argon2 takes tens of milliseconds.
  const adminPassword = await hashPassword(admin.password);
  return directory.backend.write((txn) => {
    if (txn.idOfNdn(directory.suffixNdn) !== undefined) return { created: false, entries: [] };
    const created: string[] = [];
    const insert = (dn: Dn, parentId: number, attributes: Attribute[]): number => {
      directory.schema.checkEntry(dn, attributes);
      const structural = directory.schema.structuralObjectClass(directory.valuesOf(attributes, 'objectClass'));
      const entry = txn.add(parentId, dn.toString(), directory.normalize(dn), [...attributes, ...directory.creationAttributes(ANONYMOUS, structural.primaryName)]);
      created.push(entry.dn);
      return entry.id;
    };
    const suffixId = insert(suffix, 0, suffixAttributes(suffix));
    const ou = (name: string): number =>
      insert(Dn.parse(`ou=${name},${suffix.toString()}`), suffixId, [
        { type: 'objectClass', values: text('top', 'organizationalUnit') },
        { type: 'ou', values: text(name) },
      ]);
    ou('people');
    const groupsId = ou('groups');
    const adminParent = admin.dn.parent();
    const adminParentId = adminParent !== undefined && directory.normalize(adminParent) === directory.suffixNdn ? suffixId : (txn.idOfNdn(directory.normalize(adminParent ?? suffix)) ?? suffixId);
    const cn = admin.dn.rdn()?.avas[0]?.value.toString('utf8') ?? 'admin';
    insert(admin.dn, adminParentId, [
      { type: 'objectClass', values: text('top', 'organizationalRole', 'simpleSecurityObject') },
      { type: 'cn', values: text(cn) },
      { type: 'description', values: text('Warden directory administrator') },
      { type: 'userPassword', values: [adminPassword] },
    ]);
    const groupCn = admin.groupDn.rdn()?.avas[0]?.value.toString('utf8') ?? 'administrators';
    insert(admin.groupDn, groupsId, [
      { type: 'objectClass', values: text('top', 'groupOfNames') },
      { type: 'cn', values: text(groupCn) },
      { type: 'description', values: text('Members manage the whole directory') },
      { type: 'member', values: text(admin.dn.toString()) },
    ]);
    return { created: true, entries: created };
  });
}
