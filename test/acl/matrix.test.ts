import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRules, parseRules } from '../../src/acl/index.js';
import type { Right } from '../../src/acl/index.js';
import { FALSE, TRUE, evaluateFilter, parseFilter } from '../../src/filter/index.js';
import { DN, as, attributesOf, config, engine, facts, schema } from './fixture.js';

type Row = readonly [requester: string, entry: string, attribute: string, right: Right, expected: boolean];

const ANON = 'anonymous';

function check(rows: readonly Row[], acl = engine()): void {
  const wrong = rows.filter(([who, dn, attribute, right, expected]) => acl.allowed(as(who), facts(dn), attribute, right) !== expected);
  assert.deepEqual(wrong, [], 'rows whose decision differs from the table');
}

describe('default rules', () => {
  it('are the secrets, people, groups, path and catch-all rules, in that order', () => {
    assert.deepEqual(defaultRules(config).map((r) => r.name), ['secrets', 'people', 'groups', `path ${DN.suffix}`, 'path dc=com', 'everything']);
  });

  it('follow the decision table', () => {
    check([
      // Administrators (members of cn=administrators) manage everything ...
      [DN.alice, DN.bob, 'mail', 'write', true],
      [DN.alice, DN.bob, 'entry', 'delete', true],
      [DN.alice, DN.svc, 'entry', 'add', true],
      [DN.alice, DN.svc, 'description', 'write', true],
      [DN.alice, DN.svc, 'createTimestamp', 'read', true],
      [DN.alice, DN.suffix, 'entry', 'delete', true],
      // ... but never read password hashes: they reset them and may authenticate.
      [DN.alice, DN.bob, 'userPassword', 'read', false],
      [DN.alice, DN.bob, 'userPassword', 'compare', false],
      [DN.alice, DN.bob, 'userPassword', 'write', true],
      [DN.alice, DN.bob, 'authPassword', 'read', false],
      // Self: reads the whole own entry, writes only the password, never reads the hash.
      [DN.bob, DN.bob, 'entry', 'read', true],
      [DN.bob, DN.bob, 'homePhone', 'read', true],
      [DN.bob, DN.bob, 'createTimestamp', 'read', true],
      [DN.bob, DN.bob, 'userPassword', 'write', true],
      [DN.bob, DN.bob, 'userPassword', 'read', false],
      [DN.bob, DN.bob, 'userPassword', 'search', false],
      [DN.bob, DN.bob, 'userPassword', 'compare', false],
      [DN.bob, DN.bob, 'authPassword', 'write', true],
      [DN.bob, DN.bob, 'mail', 'write', false],
      [DN.bob, DN.bob, 'entry', 'delete', false],
      // Another authenticated user: the readable attributes of people and groups only.
      [DN.dave, DN.bob, 'entry', 'read', true],
      [DN.dave, DN.bob, 'mail', 'read', true],
      [DN.dave, DN.bob, 'mail', 'search', true],
      [DN.dave, DN.bob, 'mail', 'compare', true],
      [DN.dave, DN.bob, 'mail', 'write', false],
      [DN.dave, DN.bob, 'commonName', 'read', true],
      [DN.dave, DN.bob, 'CN', 'read', true],
      [DN.dave, DN.bob, 'cn;lang-fr', 'read', true],
      [DN.dave, DN.bob, '2.5.4.3', 'read', true],
      [DN.dave, DN.bob, 'homePhone', 'read', false],
      [DN.dave, DN.bob, 'homePhone', 'search', false],
      [DN.dave, DN.bob, 'createTimestamp', 'read', false],
      [DN.dave, DN.bob, 'entryUUID', 'read', true],
      [DN.dave, DN.bob, 'userPassword', 'read', false],
      [DN.dave, DN.bob, 'entry', 'delete', false],
      [DN.dave, DN.nested, 'entry', 'read', true],
      [DN.dave, DN.helpdesk, 'member', 'read', true],
      [DN.dave, DN.helpdesk, 'member', 'write', false],
      [DN.dave, DN.people, 'entry', 'read', true],
      [DN.dave, DN.suffix, 'entry', 'read', true],
      [DN.dave, DN.suffix, 'objectClass', 'search', true],
      [DN.dave, DN.suffix, 'createTimestamp', 'read', false],
      [DN.dave, DN.services, 'entry', 'read', false],
      [DN.dave, DN.svc, 'entry', 'search', false],
      // Anonymous: nothing but `auth` on passwords, which is what lets a bind check one.
      [ANON, DN.bob, 'entry', 'read', false],
      [ANON, DN.bob, 'cn', 'search', false],
      [ANON, DN.suffix, 'entry', 'read', false],
      [ANON, DN.bob, 'userPassword', 'auth', true],
      [ANON, DN.bob, 'userPassword', 'read', false],
      [ANON, DN.svc, 'userPassword', 'auth', true],
      [DN.dave, DN.bob, 'userPassword', 'auth', true],
      [DN.bob, DN.bob, 'userPassword', 'auth', true],
      [DN.alice, DN.bob, 'userPassword', 'auth', true],
      // `auth` is implied by nothing and implies nothing.
      [DN.dave, DN.bob, 'mail', 'auth', false],
      [DN.alice, DN.bob, 'mail', 'auth', true],
    ]);
  });

  it('filter a search result: entries not readable vanish, attributes not readable are dropped', () => {
    const acl = engine();
    const names = (who: string, dn: string): string[] | undefined => acl.visibleAttributes(as(who), facts(dn), attributesOf(dn))?.map((a) => a.type);
    assert.deepEqual(names(DN.dave, DN.bob), ['objectClass', 'uid', 'cn', 'sn', 'mail', 'cn;lang-fr', 'telephoneNumber']);
    assert.deepEqual(names(DN.bob, DN.bob), ['objectClass', 'uid', 'cn', 'sn', 'mail', 'homePhone', 'createTimestamp', 'cn;lang-fr', 'telephoneNumber']);
    assert.deepEqual(names(DN.alice, DN.bob), names(DN.bob, DN.bob));
    assert.equal(names(ANON, DN.bob), undefined);
    assert.equal(names(DN.dave, DN.svc), undefined);
    assert.deepEqual(names(DN.dave, DN.suffix), ['objectClass']);
  });

  it('hide attributes a requester may not search from filters, as if absent', () => {
    const acl = engine();
    const test = (who: string, filter: string): symbol | string => {
      const view = acl.searchableView(as(who), facts(DN.bob));
      return evaluateFilter(parseFilter(filter), view, schema.matchingContext).toString();
    };
    assert.equal(test(DN.dave, '(mail=bob@example.com)'), TRUE.toString());
    assert.equal(test(DN.dave, '(homePhone=*)'), FALSE.toString());
    assert.equal(test(DN.dave, '(userPassword=*)'), FALSE.toString());
    assert.equal(test(DN.dave, '(commonName=Robert)'), TRUE.toString());
    assert.equal(test(DN.dave, '(name=Robert)'), TRUE.toString());
    assert.equal(test(DN.bob, '(homePhone=*)'), TRUE.toString());
    assert.equal(test(DN.bob, '(userPassword=*)'), FALSE.toString());
    assert.equal(acl.searchableAttribute(as(DN.dave), facts(DN.bob), 'homePhone'), false);
    assert.equal(acl.searchableAttribute(as(DN.dave), facts(DN.bob), 'sn'), true);
  });

  it('name the deciding rule', () => {
    const acl = engine();
    assert.equal(acl.decidingRule(facts(DN.bob), 'userPassword'), 'secrets');
    assert.equal(acl.decidingRule(facts(DN.bob), 'mail'), 'people');
    assert.equal(acl.decidingRule(facts(DN.bob), 'homePhone'), 'everything');
    assert.equal(acl.decidingRule(facts(DN.suffix), 'entry'), `path ${DN.suffix}`);
  });
});

/** The `acl.rules` of a configuration as the YAML parser hands it over. */
const YAML_RULES = [
  {
    name: 'hash-reader',
    target: { subtree: DN.people, attributes: ['userPassword'] },
    grants: [
      { subject: { dn: DN.sync }, rights: ['read'] },
      { subject: 'self', rights: ['write'] },
      { subject: 'any', rights: ['auth'] },
    ],
  },
  {
    name: 'helpdesk-phones',
    target: { subtree: DN.people, filter: '(objectClass=inetOrgPerson)', attributes: ['telephoneNumber', 'homePhone'] },
    grants: [
      { subject: { group: DN.helpdesk }, rights: ['write'] },
      { subject: 'self', rights: ['read'] },
    ],
  },
  {
    name: 'public-people',
    target: { subtree: DN.people, scope: 'one', attributes: ['entry', '*'], exceptAttributes: ['mail', 'homePhone'] },
    grants: [{ subject: 'anonymous', rights: ['read'] }, { subject: 'authenticated', rights: ['read'] }],
  },
  {
    name: 'svc-operational',
    target: { subtree: DN.svc, scope: 'base', attributes: ['entry', '+'] },
    grants: [{ subject: { kind: 'dn', dn: DN.bob }, rights: ['read'] }],
  },
  {
    name: 'frozen-sync',
    target: { subtree: DN.sync, scope: 'base', attributes: ['cn'] },
    grants: [],
  },
  {
    name: 'services-names',
    target: { subtree: DN.services, scope: 'children', filter: '(commonName=s*)', attributes: ['name', 'entry'], exceptAttributes: ['sn'] },
    grants: [{ subject: 'any', rights: ['read'] }],
  },
];

describe('custom rules from a YAML-shaped configuration', () => {
  const acl = engine(parseRules(YAML_RULES));

  it('come first and the first applicable rule decides', () => {
    check(
      [
        // hash-reader: an explicit `read` on userPassword is the only way to read a hash.
        [DN.sync, DN.bob, 'userPassword', 'read', true],
        [DN.sync, DN.bob, 'userPassword', 'compare', true],
        [DN.sync, DN.bob, 'userPassword', 'write', false],
        [DN.bob, DN.bob, 'userPassword', 'read', false],
        [DN.bob, DN.bob, 'userPassword', 'write', true],
        [DN.alice, DN.bob, 'userPassword', 'read', false],
        [DN.alice, DN.bob, 'userPassword', 'write', true],
        [ANON, DN.bob, 'userPassword', 'auth', true],
        [DN.sync, DN.svc, 'userPassword', 'read', false],
        // helpdesk-phones: a group member writes (and so reads); the rule shadows `people` for telephoneNumber.
        [DN.carol, DN.bob, 'homePhone', 'write', true],
        [DN.carol, DN.bob, 'homePhone', 'read', true],
        [DN.carol, DN.bob, 'telephoneNumber', 'write', true],
        [DN.dave, DN.bob, 'telephoneNumber', 'read', false],
        [DN.bob, DN.bob, 'telephoneNumber', 'read', true],
        [DN.bob, DN.bob, 'telephoneNumber', 'write', false],
        [DN.alice, DN.bob, 'telephoneNumber', 'write', true],
        [DN.carol, DN.bob, 'mail', 'write', false],
        // ... and its filter keeps it off ou=people itself (an organizationalUnit): the defaults decide there.
        [DN.carol, DN.people, 'telephoneNumber', 'write', false],
        [DN.dave, DN.people, 'telephoneNumber', 'read', true],
        // public-people: one level, every user attribute but mail and homePhone, to anonymous clients too.
        [ANON, DN.bob, 'entry', 'read', true],
        [ANON, DN.bob, 'cn', 'read', true],
        [ANON, DN.bob, 'description', 'read', true],
        [ANON, DN.bob, 'mail', 'read', false],
        [DN.dave, DN.bob, 'mail', 'read', true],
        [ANON, DN.bob, 'createTimestamp', 'read', false],
        [ANON, DN.bob, 'userPassword', 'read', false],
        [ANON, DN.people, 'entry', 'read', false],
        [ANON, DN.nested, 'entry', 'read', false],
        [DN.alice, DN.bob, 'entry', 'delete', true],
        // svc-operational: '+' is the operational attributes, for one DN, on one entry.
        [DN.bob, DN.svc, 'createTimestamp', 'read', true],
        [DN.bob, DN.svc, 'entry', 'read', true],
        [DN.bob, DN.svc, 'cn', 'read', true], // not selected by svc-operational: services-names decides
        [DN.bob, DN.svc, 'description', 'read', false],
        [DN.dave, DN.svc, 'createTimestamp', 'read', false],
        // services-names: `name` covers its subtypes cn and commonName; children excludes ou=services.
        [ANON, DN.svc, 'cn', 'read', true],
        [ANON, DN.svc, 'commonName', 'read', true],
        [ANON, DN.svc, 'description', 'read', false],
        [ANON, DN.services, 'entry', 'read', false],
        [ANON, DN.svc, 'entry', 'read', false],
        [ANON, DN.sync, 'entry', 'read', true],
        // frozen-sync, before services-names: a rule with no grants denies its target to all but administrators.
        [ANON, DN.sync, 'cn', 'read', false],
        [DN.alice, DN.sync, 'cn', 'write', true],
      ],
      acl,
    );
  });

  it('of the same target: the earlier one wins', () => {
    const target = { subtree: DN.people, attributes: ['mail'] };
    const first = engine([{ name: 'deny', target, grants: [] }, { name: 'allow', target, grants: [{ subject: { kind: 'any' }, rights: ['read'] }] }]);
    const second = engine([{ name: 'allow', target, grants: [{ subject: { kind: 'any' }, rights: ['read'] }] }, { name: 'deny', target, grants: [] }]);
    assert.equal(first.allowed(as(DN.dave), facts(DN.bob), 'mail', 'read'), false);
    assert.equal(second.allowed(as(DN.dave), facts(DN.bob), 'mail', 'read'), true);
    assert.equal(second.allowed(as(ANON), facts(DN.bob), 'mail', 'read'), true);
  });
});
