import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SCHEMA_TEXTS, Schema, allMay, allMust, parseAttributeTypeDescription, parseDescription, parseMatchingRuleDescription,
  parseMatchingRuleUseDescription, parseObjectClassDescription, parseSyntaxDescription, readSchemaDocument,
} from '../../src/schema/index.js';

const schema = Schema.createDefault();

test('every built-in definition parses, and toDescription() parses back to the same definition', () => {
  let count = 0;
  for (const text of DEFAULT_SCHEMA_TEXTS) {
    for (const def of readSchemaDocument(text)) {
      assert.notEqual(def.kind, 'ambiguous');
      if (def.kind !== 'attributeType' && def.kind !== 'objectClass') continue;
      const resolved = def.kind === 'attributeType' ? schema.attributeType(def.oid) : schema.objectClass(def.oid);
      assert.ok(resolved, def.oid);
      assert.deepEqual(resolved.definition, def);
      assert.deepEqual(parseDescription(def.kind, resolved.toDescription()), def, resolved.toDescription());
      count++;
    }
  }
  assert.equal(count, schema.attributeTypes.length + schema.objectClasses.length);
  assert.ok(schema.attributeTypes.length > 130);
  assert.ok(schema.objectClasses.length > 40);
});

test('built-in names and OIDs of RFC 4512/4519/4524/2798/2307/4530', () => {
  const types: readonly (readonly [string, string])[] = [
    ['objectClass', '2.5.4.0'], ['cn', '2.5.4.3'], ['commonName', '2.5.4.3'], ['sn', '2.5.4.4'], ['surname', '2.5.4.4'],
    ['uid', '0.9.2342.19200300.100.1.1'], ['userid', '0.9.2342.19200300.100.1.1'], ['dc', '0.9.2342.19200300.100.1.25'],
    ['mail', '0.9.2342.19200300.100.1.3'], ['rfc822Mailbox', '0.9.2342.19200300.100.1.3'], ['userPassword', '2.5.4.35'],
    ['uidNumber', '1.3.6.1.1.1.1.0'], ['gidNumber', '1.3.6.1.1.1.1.1'], ['homeDirectory', '1.3.6.1.1.1.1.3'],
    ['loginShell', '1.3.6.1.1.1.1.4'], ['memberUid', '1.3.6.1.1.1.1.12'], ['gecos', '1.3.6.1.1.1.1.2'],
    ['shadowLastChange', '1.3.6.1.1.1.1.5'], ['entryUUID', '1.3.6.1.1.16.4'], ['entryDN', '1.3.6.1.1.20'],
    ['hasSubordinates', '2.5.18.9'], ['numSubordinates', '1.3.6.1.4.1.453.16.2.103'], ['memberOf', '1.2.840.113556.1.2.102'],
    ['vendorName', '1.3.6.1.1.4'], ['vendorVersion', '1.3.6.1.1.5'], ['createTimestamp', '2.5.18.1'], ['modifyTimestamp', '2.5.18.2'],
    ['creatorsName', '2.5.18.3'], ['modifiersName', '2.5.18.4'], ['subschemaSubentry', '2.5.18.10'],
    ['structuralObjectClass', '2.5.21.9'], ['namingContexts', '1.3.6.1.4.1.1466.101.120.5'],
    ['supportedControl', '1.3.6.1.4.1.1466.101.120.13'], ['supportedExtension', '1.3.6.1.4.1.1466.101.120.7'],
    ['supportedFeatures', '1.3.6.1.4.1.4203.1.3.5'], ['supportedLDAPVersion', '1.3.6.1.4.1.1466.101.120.15'],
    ['supportedSASLMechanisms', '1.3.6.1.4.1.1466.101.120.14'], ['altServer', '1.3.6.1.4.1.1466.101.120.6'],
    ['ldapSyntaxes', '1.3.6.1.4.1.1466.101.120.16'], ['displayName', '2.16.840.1.113730.3.1.241'],
    ['jpegPhoto', '0.9.2342.19200300.100.1.60'], ['member', '2.5.4.31'], ['uniqueMember', '2.5.4.50'],
  ];
  for (const [name, oid] of types) assert.equal(schema.attributeType(name)?.oid, oid, name);
  assert.equal(schema.attributeType('CommonName'), schema.attributeType('2.5.4.3'));
  const classes: readonly (readonly [string, string, string])[] = [
    ['top', '2.5.6.0', 'ABSTRACT'], ['alias', '2.5.6.1', 'STRUCTURAL'], ['person', '2.5.6.6', 'STRUCTURAL'],
    ['inetOrgPerson', '2.16.840.1.113730.3.2.2', 'STRUCTURAL'], ['posixAccount', '1.3.6.1.1.1.2.0', 'AUXILIARY'],
    ['shadowAccount', '1.3.6.1.1.1.2.1', 'AUXILIARY'], ['posixGroup', '1.3.6.1.1.1.2.2', 'STRUCTURAL'],
    ['dcObject', '1.3.6.1.4.1.1466.344', 'AUXILIARY'], ['uidObject', '1.3.6.1.1.3.1', 'AUXILIARY'],
    ['extensibleObject', '1.3.6.1.4.1.1466.101.120.111', 'AUXILIARY'], ['domain', '0.9.2342.19200300.100.4.13', 'STRUCTURAL'],
    ['account', '0.9.2342.19200300.100.4.5', 'STRUCTURAL'], ['groupOfNames', '2.5.6.9', 'STRUCTURAL'],
    ['groupOfUniqueNames', '2.5.6.17', 'STRUCTURAL'], ['subschema', '2.5.20.1', 'AUXILIARY'],
  ];
  for (const [name, oid, kind] of classes) {
    const oc = schema.objectClass(name);
    assert.equal(oc?.oid, oid, name);
    assert.equal(oc?.kind, kind, name);
  }
});

test('inheritance: SUP supplies EQUALITY/SUBSTR/SYNTAX; MUST/MAY over the class chain', () => {
  const cn = schema.attributeType('cn');
  assert.equal(cn?.sup?.primaryName, 'name');
  assert.equal(cn?.equality?.primaryName, 'caseIgnoreMatch');
  assert.equal(cn?.substr?.primaryName, 'caseIgnoreSubstringsMatch');
  assert.equal(cn?.syntax.description, 'Directory String');
  assert.equal(cn?.definition.equality, undefined, 'the own definition stays as written');
  assert.equal(schema.attributeType('c')?.syntax.description, 'Country String', 'own SYNTAX overrides SUP');
  assert.equal(schema.attributeType('member')?.equality?.primaryName, 'distinguishedNameMatch');
  const inetOrgPerson = schema.objectClass('inetOrgPerson');
  assert.ok(inetOrgPerson);
  assert.deepEqual(allMust(inetOrgPerson).map((t) => t.primaryName).sort(), ['cn', 'objectClass', 'sn']);
  const may = allMay(inetOrgPerson).map((t) => t.primaryName);
  for (const name of ['mail', 'uid', 'title', 'userPassword', 'telephoneNumber', 'displayName']) assert.ok(may.includes(name), name);
  assert.deepEqual(schema.objectClass('person')?.sup.map((c) => c.primaryName), ['top']);
  assert.deepEqual(schema.objectClass('subschema')?.sup.map((c) => c.primaryName), ['top'], 'top implied');
});

test('operational, single-valued and user-modifiable flags', () => {
  assert.equal(schema.isOperational('createTimestamp'), true);
  assert.equal(schema.isOperational('entryUUID'), true);
  assert.equal(schema.isOperational('memberOf'), true);
  assert.equal(schema.isOperational('cn'), false);
  assert.equal(schema.isOperational('cn;lang-en'), false);
  assert.equal(schema.isOperational('unknownThing'), false);
  assert.equal(schema.isSingleValued('uidNumber'), true);
  assert.equal(schema.isSingleValued('cn'), false);
  assert.equal(schema.isUserModifiable('entryUUID'), false);
  assert.equal(schema.isUserModifiable('memberOf'), false);
  assert.equal(schema.isUserModifiable('hasSubordinates'), false);
  assert.equal(schema.isUserModifiable('mail'), true);
  assert.equal(schema.attributeType('hasSubordinates')?.usage, 'dSAOperation');
  assert.equal(schema.attributeType('memberOf')?.usage, 'directoryOperation');
});

test('subschemaAttributes: well-formed RFC 4512 descriptions that this parser re-reads', () => {
  const attributes = new Map(schema.subschemaAttributes().map((a) => [a.type, a.values.map((v) => v.toString('utf8'))]));
  assert.deepEqual(attributes.get('objectClass'), ['top', 'subentry', 'subschema']);
  assert.deepEqual(attributes.get('cn'), ['Subschema']);
  const syntaxes = attributes.get('ldapSyntaxes') ?? [];
  assert.equal(syntaxes.length, schema.syntaxes.length);
  for (const text of syntaxes) assert.equal(parseSyntaxDescription(text).oid, /^\( (\S+)/.exec(text)?.[1]);
  assert.ok(syntaxes.includes("( 1.3.6.1.4.1.1466.115.121.1.28 DESC 'JPEG' X-NOT-HUMAN-READABLE 'TRUE' )"));
  const rules = attributes.get('matchingRules') ?? [];
  assert.equal(rules.length, schema.matchingRules.length);
  for (const text of rules) parseMatchingRuleDescription(text);
  assert.ok(rules.includes("( 2.5.13.2 NAME 'caseIgnoreMatch' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )"));
  for (const text of attributes.get('matchingRuleUse') ?? []) parseMatchingRuleUseDescription(text);
  const types = attributes.get('attributeTypes') ?? [];
  for (const text of types) parseAttributeTypeDescription(text);
  assert.ok(types.includes("( 2.5.4.3 NAME ( 'cn' 'commonName' ) DESC 'RFC4519: common name(s) for which the entity is known by' SUP name )"));
  const classes = attributes.get('objectClasses') ?? [];
  for (const text of classes) parseObjectClassDescription(text);

  // The subschema LDIF form re-read as a whole gives the same schema.
  const ldif = ['dn: cn=Subschema', ...['ldapSyntaxes', 'matchingRules', 'attributeTypes', 'objectClasses'].flatMap((type) => (attributes.get(type) ?? []).map((v) => `${type}: ${v}`))].join('\n');
  const reread = Schema.fromDescriptions([ldif], Schema.system());
  assert.deepEqual(reread.attributeTypes.map((t) => t.toDescription()), schema.attributeTypes.map((t) => t.toDescription()));
  assert.deepEqual(reread.objectClasses.map((c) => c.toDescription()), schema.objectClasses.map((c) => c.toDescription()));
  assert.deepEqual(reread.syntaxes.map((s) => s.toDescription()), schema.syntaxes.map((s) => s.toDescription()));
});

test('createDefault() is built once and shared', () => {
  assert.equal(Schema.createDefault(), schema);
});
