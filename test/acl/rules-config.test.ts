import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessControl, AclConfigError, defaultRules, parseRules, rulesFromConfig } from '../../src/acl/index.js';
import type { AccessRule } from '../../src/acl/index.js';
import { ResultCode } from '../../src/errors/index.js';
import { DN, config, schema } from './fixture.js';

describe('parseRules', () => {
  it('reads the YAML shape: subject shorthands, typed subjects, the root DN', () => {
    const rules = parseRules([
      {
        name: 'x',
        target: { subtree: '', scope: 'children', filter: '(cn=*)', attributes: ['cn'], exceptAttributes: ['sn'] },
        grants: [
          { subject: { group: 'cn=g' }, rights: ['read', 'auth'] },
          { subject: { dn: 'cn=d' }, rights: ['write'] },
          { subject: 'self', rights: [] },
          { subject: { kind: 'authenticated' }, rights: ['compare'] },
          { subject: { kind: 'dn', dn: 'cn=e' }, rights: ['add', 'delete'] },
        ],
      },
    ]);
    assert.deepEqual(rules, [
      {
        name: 'x',
        target: { subtree: '', scope: 'children', filter: '(cn=*)', attributes: ['cn'], exceptAttributes: ['sn'] },
        grants: [
          { subject: { kind: 'group', dn: 'cn=g' }, rights: ['read', 'auth'] },
          { subject: { kind: 'dn', dn: 'cn=d' }, rights: ['write'] },
          { subject: { kind: 'self' }, rights: [] },
          { subject: { kind: 'authenticated' }, rights: ['compare'] },
          { subject: { kind: 'dn', dn: 'cn=e' }, rights: ['add', 'delete'] },
        ],
      },
    ]);
    assert.deepEqual(parseRules([]), []);
  });

  it('reports every problem, one line each, naming the rule index and field', () => {
    const raw = [
      { name: 'a', target: { subtree: 'dc=x', scope: 'subtree', colour: 1 }, grants: [{ subject: 'everyone', rights: ['read', 'manage'] }] },
      { target: [], grants: 'x' },
      { name: 'c', grants: [{ subject: { dn: 'cn=x', group: 'cn=y' }, rights: 'read' }, { subject: { kind: 'dn' }, rights: [] }, 'x'] },
      { name: 'd', target: { attributes: ['cn', 3], filter: '' }, grants: [] },
      'rule',
    ];
    assert.throws(
      () => parseRules(raw),
      (error: unknown) => {
        assert.ok(error instanceof AclConfigError);
        assert.equal(error.resultCode, ResultCode.other);
        assert.deepEqual(error.problems, [
          'rules[0].target.colour: unknown key (expected subtree, scope, filter, attributes, exceptAttributes)',
          "rules[0].target.scope: expected one of base, one, sub, children, got 'subtree'",
          "rules[0].grants[0].subject: expected one of anonymous, authenticated, self, any, got 'everyone'",
          "rules[0].grants[0].rights[1]: expected one of read, search, compare, write, add, delete, auth, got 'manage'",
          'rules[1].name: expected a non-empty string, got nothing',
          'rules[1].target: expected a mapping, got a list',
          "rules[1].grants: expected a list of grants, got 'x'",
          'rules[2].target: missing (use {} for the whole directory)',
          'rules[2].grants[0].subject: expected exactly one of the keys dn, group, got dn, group',
          "rules[2].grants[0].rights: expected a list of rights (read, search, compare, write, add, delete, auth), got 'read'",
          'rules[2].grants[1].subject.dn: expected a non-empty string, got nothing',
          "rules[2].grants[2]: expected a mapping with subject and rights, got 'x'",
          "rules[3].target.filter: expected a non-empty string, got ''",
          'rules[3].target.attributes[1]: expected a non-empty string, got 3',
          "rules[4]: expected a mapping with name, target and grants, got 'rule'",
        ]);
        assert.equal(error.message, error.problems.join('; '));
        return true;
      },
    );
    assert.throws(() => parseRules({ rules: [] }), { name: 'AclConfigError', message: 'rules: expected a list of rules, got a mapping' });
  });
});

describe('AccessControl.validate', () => {
  it('gives one exact error per bad rule and none for good ones', () => {
    const rules: AccessRule[] = [
      {
        name: 'ok',
        target: { subtree: DN.people, filter: '(objectClass=person)', attributes: ['entry', '*', '+', 'name', 'cn;lang-fr', 'authPassword'] },
        grants: [{ subject: { kind: 'group', dn: DN.admins }, rights: ['read'] }],
      },
      { name: 'bad-dn', target: { subtree: 'ou=x,,dc=y', filter: '(' }, grants: [] },
      { name: 'bad-filter', target: { filter: '(cn=x' }, grants: [] },
      { name: 'bad-attr', target: { attributes: ['cn', 'favouriteColour'] }, grants: [] },
      { name: 'bad-except', target: { exceptAttributes: ['c n'] }, grants: [] },
      { name: 'bad-group', target: {}, grants: [{ subject: { kind: 'any' }, rights: [] }, { subject: { kind: 'group', dn: 'cn' }, rights: ['read'] }] },
      { name: 'bad-dn-subject', target: {}, grants: [{ subject: { kind: 'dn', dn: 'uid=x,' }, rights: ['read'] }] },
      { name: 'ok', target: {}, grants: [] },
    ];
    assert.deepEqual(AccessControl.validate(rules, schema), [
      "rule 1 'bad-dn': target.subtree 'ou=x,,dc=y': empty RDN at position 5",
      "rule 2 'bad-filter': target.filter '(cn=x': unbalanced parentheses at position 0",
      "rule 3 'bad-attr': target.attributes: unknown attribute 'favouriteColour'",
      "rule 4 'bad-except': target.exceptAttributes: invalid attribute description 'c n'",
      "rule 5 'bad-group': grants[1].subject group 'cn': missing '=' after attribute type 'cn' at position 2",
      "rule 6 'bad-dn-subject': grants[0].subject dn 'uid=x,': empty RDN: the DN ends with ',' at position 6",
      "rule 7 'ok': name: duplicate rule name",
    ]);
  });

  it('accepts the default rules and the rules built from a configuration', () => {
    assert.deepEqual(AccessControl.validate(defaultRules(config), schema), []);
    const custom = parseRules([{ name: 'pw', target: { attributes: ['userPassword', 'cn'] }, grants: [{ subject: 'self', rights: ['read'] }] }]);
    const rules = rulesFromConfig({ ...config, rules: custom });
    assert.deepEqual(AccessControl.validate(rules.slice(2), schema), []);
    // A configured rule naming a secret is split so that administrators get only write and auth on it.
    assert.deepEqual(rules.slice(0, 2), [
      {
        name: 'pw',
        target: { attributes: ['userPassword'] },
        grants: [{ subject: { kind: 'self' }, rights: ['read'] }, { subject: { kind: 'group', dn: DN.admins }, rights: ['write', 'auth'] }],
      },
      {
        name: 'pw',
        target: { attributes: ['cn'] },
        grants: [
          { subject: { kind: 'self' }, rights: ['read'] },
          { subject: { kind: 'group', dn: DN.admins }, rights: ['read', 'search', 'compare', 'write', 'add', 'delete', 'auth'] },
        ],
      },
    ]);
  });
});
