import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dn } from '../../src/dn/index.js';
import { LdapError, ResultCode } from '../../src/errors/index.js';
import type { Attribute } from '../../src/protocol/index.js';
import { Schema } from '../../src/schema/index.js';

const schema = Schema.createDefault();

function entry(record: Record<string, readonly (string | Buffer)[]>): Attribute[] {
  return Object.entries(record).map(([type, values]) => ({ type, values: values.map((v) => Buffer.from(v)) }));
}

const person = {
  objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
  cn: ['Babs Jensen'],
  sn: ['Jensen'],
  uid: ['bjensen'],
  mail: ['bjensen@example.com'],
  userPassword: ['{SSHA}xyz'],
  telephoneNumber: ['+1 408 555 1862'],
};
const personDn = 'uid=bjensen,ou=People,dc=example,dc=com';

const VALID: readonly (readonly [string, string, Record<string, readonly (string | Buffer)[]>])[] = [
  ['inetOrgPerson', personDn, person],
  ['inetOrgPerson listed alone, names in any case, OID for a class', personDn, { ...person, objectClass: ['INETORGPERSON'] }],
  ['class by OID', personDn, { ...person, objectClass: ['2.16.840.1.113730.3.2.2'] }],
  ['posixAccount + shadowAccount on inetOrgPerson', personDn, {
    ...person, objectClass: ['inetOrgPerson', 'posixAccount', 'shadowAccount'], uidNumber: ['1000'], gidNumber: ['1000'],
    homeDirectory: ['/home/bjensen'], loginShell: ['/bin/bash'], shadowLastChange: ['19000'],
  }],
  ['RDN value differs only in case and spaces', 'uid=BJENSEN,ou=People,dc=example,dc=com', person],
  ['multi-valued RDN', 'cn=Babs Jensen+uid=bjensen,ou=People,dc=example,dc=com', person],
  ['RDN by alias and OID', 'userid=bjensen+2.5.4.3=babs jensen,dc=example,dc=com', person],
  ['attribute options and aliases', personDn, { ...person, 'cn;lang-en': ['Babs'], commonName: ['Barbara Jensen'] }],
  ['extensibleObject allows anything', 'cn=x,dc=example', { objectClass: ['device', 'extensibleObject'], cn: ['x'], mail: ['a@b'], uidNumber: ['5'] }],
  ['organization + dcObject', 'dc=example,dc=com', { objectClass: ['organization', 'dcObject'], o: ['Example'], dc: ['example'] }],
  ['groupOfNames', 'cn=admins,dc=example', { objectClass: ['groupOfNames'], cn: ['admins'], member: ['uid=a,dc=example', 'uid=b,dc=example'] }],
  ['operational attributes are not checked against MAY', personDn, {
    ...person, createTimestamp: ['20240101000000Z'], entryUUID: ['597ae2f6-16a6-1027-98f4-abcdefabcdef'],
  }],
  ['root-level entry with empty DN is not RDN-checked', '', { objectClass: ['device'], cn: ['x'] }],
];

test('checkEntry accepts valid entries', () => {
  for (const [name, dn, record] of VALID) {
    assert.doesNotThrow(() => schema.checkEntry(Dn.parse(dn), entry(record)), name);
  }
});

const INVALID: readonly (readonly [string, string, Record<string, readonly (string | Buffer)[]>, number, string])[] = [
  ['missing sn', personDn, { objectClass: ['inetOrgPerson'], cn: ['Babs'], uid: ['bjensen'] },
    ResultCode.objectClassViolation, "object class 'person' requires attribute 'sn'"],
  ['unknown attribute', personDn, { ...person, favouriteColour: ['blue'] },
    ResultCode.undefinedAttributeType, "undefined attribute type 'favouriteColour'"],
  ['two structural chains', personDn, { ...person, objectClass: ['inetOrgPerson', 'device'] },
    ResultCode.objectClassViolation, 'invalid structural object class chain (inetOrgPerson/device)'],
  ['only abstract and auxiliary classes', 'uid=x,dc=example', { objectClass: ['top', 'uidObject'], uid: ['x'] },
    ResultCode.objectClassViolation, 'no structural object class provided'],
  ['unknown object class', personDn, { ...person, objectClass: ['inetOrgPerson', 'wizard'] },
    ResultCode.objectClassViolation, "unknown object class 'wizard'"],
  ['no objectClass', personDn, { cn: ['x'], sn: ['y'], uid: ['bjensen'] },
    ResultCode.objectClassViolation, 'no objectClass attribute'],
  ['attribute not allowed', personDn, { ...person, uidNumber: ['1000'] },
    ResultCode.objectClassViolation, "attribute 'uidNumber' is not allowed by the entry's object classes"],
  ['SINGLE-VALUE violation', personDn, { ...person, displayName: ['Babs', 'Barbara'] },
    ResultCode.constraintViolation, "attribute 'displayName' cannot have multiple values"],
  ['SINGLE-VALUE across two spellings', 'cn=x,dc=example', { objectClass: ['country'], c: ['US'], countryName: ['DE'], cn: ['x'] },
    ResultCode.constraintViolation, "attribute 'c' cannot have multiple values"],
  ['bad integer for uidNumber', personDn, {
    ...person, objectClass: ['inetOrgPerson', 'posixAccount'], uidNumber: ['12a'], gidNumber: ['1'], homeDirectory: ['/h'],
  }, ResultCode.invalidAttributeSyntax, 'uidNumber: value #0 invalid per INTEGER'],
  ['empty Directory String', personDn, { ...person, description: ['ok', ''] },
    ResultCode.invalidAttributeSyntax, 'description: value #1 invalid per Directory String'],
  ['duplicate values under caseIgnoreMatch', personDn, { ...person, cn: ['Foo', 'foo'] },
    ResultCode.attributeOrValueExists, 'cn: value #1 provided more than once'],
  ['duplicate values across an alias', personDn, { ...person, cn: ['Foo'], commonName: ['  FOO '] },
    ResultCode.attributeOrValueExists, 'cn: value #1 provided more than once'],
  ['duplicate DN values', 'cn=g,dc=example', { objectClass: ['groupOfNames'], cn: ['g'], member: ['uid=a,dc=example', 'UID=A, DC=Example'] },
    ResultCode.attributeOrValueExists, 'member: value #1 provided more than once'],
  ['RDN value missing', 'uid=someoneelse,ou=People,dc=example,dc=com', person,
    ResultCode.namingViolation, "value of naming attribute 'uid' is not present in entry"],
  ['RDN attribute missing', 'ou=x,dc=example', person,
    ResultCode.namingViolation, "value of naming attribute 'ou' is not present in entry"],
  ['RDN attribute unknown', 'foo=x,dc=example', person,
    ResultCode.namingViolation, "naming attribute 'foo' is undefined"],
  ['attribute without values', personDn, { ...person, description: [] },
    ResultCode.protocolError, "attribute 'description' has no values"],
];

test('checkEntry refuses invalid entries with the right code and message', () => {
  for (const [name, dn, record, code, message] of INVALID) {
    assert.throws(
      () => schema.checkEntry(Dn.parse(dn), entry(record)),
      (error: unknown) => {
        assert.ok(error instanceof LdapError, name);
        assert.equal(error.message, message, name);
        assert.equal(error.resultCode, code, name);
        return true;
      },
    );
  }
});

test('structuralObjectClass picks the most specific structural class', () => {
  const values = (...names: string[]): Buffer[] => names.map((n) => Buffer.from(n));
  assert.equal(schema.structuralObjectClass(values('top', 'person', 'inetOrgPerson', 'posixAccount')).primaryName, 'inetOrgPerson');
  assert.equal(schema.structuralObjectClass(values('organizationalPerson', 'person')).primaryName, 'organizationalPerson');
  assert.equal(schema.structuralObjectClass(values('dcObject', 'organization')).primaryName, 'organization');
  assert.throws(() => schema.structuralObjectClass(values('top')), (e: unknown) => e instanceof LdapError && e.resultCode === 65);
  assert.throws(() => schema.structuralObjectClass(values('person', 'device')), (e: unknown) => e instanceof LdapError && e.resultCode === 65);
});
