import { Dn } from '../dn/index.js';
import { ALL_RIGHTS, SECRET_ATTRIBUTES } from './types.js';
import type { AccessRule, AclConfig, Grant, Right } from './types.js';

/** Administrators on a rule that names secrets: reset and authenticate, never read the stored hashes. */
const ADMIN_SECRET_RIGHTS: readonly Right[] = Object.freeze(['write', 'auth']);

function admins(config: AclConfig, rights: readonly Right[] = ALL_RIGHTS): Grant {
  return { subject: { kind: 'group', dn: config.adminGroupDn }, rights };
}

/** Proper ancestors of `dn` above the root, nearest first (`ou=people,dc=x,dc=y` → `dc=x,dc=y`, `dc=y`). */
function ancestors(dn: string): string[] {
  const out: string[] = [];
  for (let p = Dn.parse(dn).parent(); p !== undefined && !p.isRoot; p = p.parent()) out.push(p.toString());
  return out;
}

/**
 * The secure defaults, in evaluation order. Since the first applicable rule decides, every rule states
 * all of its subjects, administrators included:
 * 1. `secrets`: userPassword/authPassword everywhere: administrators write (reset) and auth, the owner
 *    writes (changes their own password), everyone (anonymous included) has `auth`, which is what lets a
 *    bind check a password. Nobody reads them: `write` does not imply `read` on secrets.
 * 2. `people` and `groups`: the entries under peopleBase/groupsBase and their readableAttributes:
 *    administrators everything, authenticated users (so the owner too) read.
 * 3. `path`: the entries above peopleBase/groupsBase (the naming context, say), same attributes, so that an
 *    authenticated search from the suffix finds people and groups instead of noSuchObject.
 * 4. `everything`: the rest of every entry: administrators everything, the owner reads their whole entry.
 * Anonymous clients get nothing but `auth` (no anonymous reads, the README's hardened default).
 * Malformed DNs in the config throw InvalidDnSyntaxError (the config layer checks them first).
 */
export function defaultRules(config: AclConfig): AccessRule[] {
  const readable = ['entry', ...config.readableAttributes];
  const directory: Grant[] = [admins(config), { subject: { kind: 'authenticated' }, rights: ['read'] }];
  const path = [...new Set([...ancestors(config.peopleBase), ...ancestors(config.groupsBase)])];
  return [
    {
      name: 'secrets',
      target: { attributes: SECRET_ATTRIBUTES },
      grants: [admins(config, ADMIN_SECRET_RIGHTS), { subject: { kind: 'self' }, rights: ['write'] }, { subject: { kind: 'any' }, rights: ['auth'] }],
    },
    { name: 'people', target: { subtree: config.peopleBase, attributes: readable }, grants: directory },
    { name: 'groups', target: { subtree: config.groupsBase, attributes: readable }, grants: directory },
    ...path.map((dn) => ({ name: `path ${dn}`, target: { subtree: dn, scope: 'base' as const, attributes: readable }, grants: directory })),
    { name: 'everything', target: {}, grants: [admins(config), { subject: { kind: 'self' }, rights: ['read'] }] },
  ];
}

const SECRET_NAMES = new Set(SECRET_ATTRIBUTES.map((a) => a.toLowerCase()));
const isSecretName = (name: string): boolean => SECRET_NAMES.has((name.split(';')[0] ?? '').toLowerCase());

/**
 * A configured rule with the administrators' grant added. A rule that names secrets is split in two with
 * the same name and the same meaning (a secret is reached only by name, so the halves are disjoint): on
 * the secrets administrators get write and auth, on the rest everything.
 */
function withAdministrators(config: AclConfig, rule: AccessRule): AccessRule[] {
  const attributes = rule.target.attributes ?? [];
  const secret = attributes.filter(isSecretName);
  if (secret.length === 0) return [{ ...rule, grants: [...rule.grants, admins(config)] }];
  const rest = attributes.filter((a) => !isSecretName(a));
  const split = [{ ...rule, target: { ...rule.target, attributes: secret }, grants: [...rule.grants, admins(config, ADMIN_SECRET_RIGHTS)] }];
  if (rest.length > 0) split.push({ ...rule, target: { ...rule.target, attributes: rest }, grants: [...rule.grants, admins(config)] });
  return split;
}

/**
 * The rules an AccessControl enforces for a configuration: the configured rules FIRST, then the defaults.
 * Order matters as in slapd.conf: the operator's rules are the specific ones (a helpdesk that writes
 * telephoneNumber, a service account that reads more), the defaults are the catch-all, and the defaults
 * end with a rule covering everything, so rules after them would never apply. Each configured rule gets a
 * final grant to the administrators group (all rights; on secrets only write and auth), so a custom rule
 * cannot lock administrators out, as slapd's rootdn bypasses ACLs. A custom rule is complete for its
 * target: it must name every subject that should keep access there (no fall-through).
 */
export function rulesFromConfig(config: AclConfig): AccessRule[] {
  return [...(config.rules ?? []).flatMap((rule) => withAdministrators(config, rule)), ...defaultRules(config)];
}
