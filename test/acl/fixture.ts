import { AccessControl, rulesFromConfig, DEFAULT_READABLE_ATTRIBUTES } from '../../src/acl/index.js';
import type { AccessContext, AccessRule, AclConfig, EntryFacts } from '../../src/acl/index.js';
import { Dn } from '../../src/dn/index.js';
import type { FilterEntry } from '../../src/filter/index.js';
import type { Attribute } from '../../src/protocol/index.js';
import { Schema } from '../../src/schema/index.js';

export const schema = Schema.createDefault();
export const normalizeDn = (dn: string): string => Dn.parse(dn).normalize(schema.valueNormalizer);

export const SUFFIX = 'dc=example,dc=com';
export const DN = {
  suffix: SUFFIX,
  people: `ou=people,${SUFFIX}`,
  groups: `ou=groups,${SUFFIX}`,
  services: `ou=services,${SUFFIX}`,
  admins: `cn=administrators,ou=groups,${SUFFIX}`,
  helpdesk: `cn=helpdesk,ou=groups,${SUFFIX}`,
  alice: `uid=alice,ou=people,${SUFFIX}`,
  bob: `uid=bob,ou=people,${SUFFIX}`,
  carol: `uid=carol,ou=people,${SUFFIX}`,
  dave: `uid=dave,ou=people,${SUFFIX}`,
  nested: `uid=eve,ou=contractors,ou=people,${SUFFIX}`,
  svc: `cn=svc,ou=services,${SUFFIX}`,
  sync: `cn=sync,ou=services,${SUFFIX}`,
} as const;

export const config: AclConfig = {
  adminGroupDn: DN.admins,
  readableAttributes: DEFAULT_READABLE_ATTRIBUTES,
  peopleBase: DN.people,
  groupsBase: DN.groups,
};

type Values = Record<string, readonly string[]>;

function person(uid: string, extra: Values = {}): Values {
  return {
    objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
    uid: [uid],
    cn: [uid[0]?.toUpperCase() + uid.slice(1)],
    sn: ['Example'],
    mail: [`${uid}@example.com`],
    homePhone: ['+1 555 0100'],
    userPassword: ['{SSHA512}c2VjcmV0'],
    createTimestamp: ['20240101000000Z'],
    ...extra,
  };
}

/** The stored entries of the test directory, by DN. */
export const ENTRIES: Record<string, Values> = {
  [DN.suffix]: { objectClass: ['top', 'domain'], dc: ['example'], createTimestamp: ['20240101000000Z'] },
  [DN.people]: { objectClass: ['top', 'organizationalUnit'], ou: ['people'], telephoneNumber: ['+1 555 0000'] },
  [DN.groups]: { objectClass: ['top', 'organizationalUnit'], ou: ['groups'] },
  [DN.services]: { objectClass: ['top', 'organizationalUnit'], ou: ['services'] },
  [DN.admins]: { objectClass: ['top', 'groupOfNames'], cn: ['administrators'], member: [DN.alice] },
  [DN.helpdesk]: { objectClass: ['top', 'groupOfNames'], cn: ['helpdesk'], member: [DN.carol] },
  [DN.alice]: person('alice'),
  [DN.bob]: person('bob', { 'cn;lang-fr': ['Robert'], telephoneNumber: ['+1 555 0101'] }),
  [DN.carol]: person('carol'),
  [DN.dave]: person('dave'),
  [DN.nested]: person('eve'),
  [DN.svc]: { objectClass: ['top', 'applicationProcess'], cn: ['svc'], description: ['a service'], createTimestamp: ['20240101000000Z'] },
  [DN.sync]: { objectClass: ['top', 'applicationProcess'], cn: ['sync'] },
};

export function attributesOf(dn: string): Attribute[] {
  const values = ENTRIES[dn];
  if (values === undefined) throw new RangeError(`no test entry ${dn}`);
  return Object.entries(values).map(([type, vs]) => ({ type, values: vs.map((v) => Buffer.from(v)) }));
}

export function facts(dn: string): EntryFacts {
  const attributes = attributesOf(dn);
  const filterEntry: FilterEntry = {
    dn,
    getValues: (type) => attributes.find((a) => a.type.toLowerCase() === type.toLowerCase())?.values,
    attributeTypes: () => attributes.map((a) => a.type),
  };
  return { ndn: normalizeDn(dn), filterEntry };
}

/** Membership answered from the groups' member values, as the server's member index would. */
export function as(requester: string | 'anonymous'): AccessContext {
  if (requester === 'anonymous') return { requester: { kind: 'anonymous' }, isMemberOf: () => false };
  const ndn = normalizeDn(requester);
  return {
    requester: { kind: 'dn', ndn },
    isMemberOf: (groupNdn) =>
      Object.entries(ENTRIES).some(([dn, v]) => normalizeDn(dn) === groupNdn && (v['member'] ?? []).some((m) => normalizeDn(m) === ndn)),
  };
}

export function engine(rules: readonly AccessRule[] = []): AccessControl {
  return new AccessControl(rulesFromConfig({ ...config, rules }), schema, normalizeDn);
}
