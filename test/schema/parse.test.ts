import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Schema, SchemaParseError, formatAttributeType, formatObjectClass, parseAttributeTypeDescription, parseObjectClassDescription,
  parseSyntaxDescription, parseMatchingRuleDescription, readSchemaDocument,
} from '../../src/schema/index.js';
import { ResultCode } from '../../src/errors/index.js';

test('attribute type description: every field of RFC 4512 §4.1.2, escapes and extensions', () => {
  const def = parseAttributeTypeDescription(
    "( 1.2.3.4 NAME ( 'fooBar' 'fb' ) DESC 'it\\27s a \\5C test' OBSOLETE SUP name EQUALITY caseExactMatch " +
      "ORDERING caseExactOrderingMatch SUBSTR caseExactSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{64} " +
      "SINGLE-VALUE NO-USER-MODIFICATION USAGE dSAOperation X-ORIGIN 'test' X-ORDERED ( 'VALUES' 'x' ) )",
  );
  assert.equal(def.oid, '1.2.3.4');
  assert.deepEqual(def.names, ['fooBar', 'fb']);
  assert.equal(def.description, "it's a \\ test");
  assert.equal(def.obsolete, true);
  assert.equal(def.sup, 'name');
  assert.equal(def.equality, 'caseExactMatch');
  assert.equal(def.ordering, 'caseExactOrderingMatch');
  assert.equal(def.substr, 'caseExactSubstringsMatch');
  assert.equal(def.syntax, '1.3.6.1.4.1.1466.115.121.1.15');
  assert.equal(def.syntaxLength, 64);
  assert.equal(def.singleValue, true);
  assert.equal(def.noUserModification, true);
  assert.equal(def.usage, 'dSAOperation');
  assert.deepEqual(def.extensions, [
    { name: 'X-ORIGIN', values: ['test'] },
    { name: 'X-ORDERED', values: ['VALUES', 'x'] },
  ]);
  const text = formatAttributeType(def);
  assert.equal(
    text,
    "( 1.2.3.4 NAME ( 'fooBar' 'fb' ) DESC 'it\\27s a \\5C test' OBSOLETE SUP name EQUALITY caseExactMatch " +
      'ORDERING caseExactOrderingMatch SUBSTR caseExactSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{64} ' +
      "SINGLE-VALUE NO-USER-MODIFICATION USAGE dSAOperation X-ORIGIN 'test' X-ORDERED ( 'VALUES' 'x' ) )",
  );
  assert.deepEqual(parseAttributeTypeDescription(text), def);
});

test('object class description: kinds, SUP lists, MUST/MAY with and without spaces around $', () => {
  const def = parseObjectClassDescription("( 1.2.3.5 NAME 'x' SUP ( top $ person ) AUXILIARY MUST ( cn$sn ) MAY description )");
  assert.deepEqual(def.sup, ['top', 'person']);
  assert.equal(def.classKind, 'AUXILIARY');
  assert.deepEqual(def.must, ['cn', 'sn']);
  assert.deepEqual(def.may, ['description']);
  assert.equal(formatObjectClass(def), "( 1.2.3.5 NAME 'x' SUP ( top $ person ) AUXILIARY MUST ( cn $ sn ) MAY description )");
  // RFC 4512 §4.1.1: STRUCTURAL when no kind is given.
  assert.equal(parseObjectClassDescription("( 1.2 NAME 'y' )").classKind, 'STRUCTURAL');
  assert.equal(parseSyntaxDescription("( 1.2.3 DESC 'My Syntax' X-NOT-HUMAN-READABLE 'TRUE' )").description, 'My Syntax');
  assert.equal(parseMatchingRuleDescription("( 2.5.13.2 NAME 'caseIgnoreMatch' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )").syntax, '1.3.6.1.4.1.1466.115.121.1.15');
});

const OPENLDAP_SCHEMA = `
# A small OpenLDAP schema file with macros
objectIdentifier Example 1.3.6.1.4.1.99999
objectIdentifier ExAttr Example:1
objectidentifier ExClass Example:2

attributetype ( ExAttr:1 NAME 'badgeNumber'
	DESC 'badge number'
	EQUALITY integerMatch
	ORDERING integerOrderingMatch
	SYNTAX 1.3.6.1.4.1.1466.115.121.1.27
	SINGLE-VALUE )

# comment between definitions
attributetype ( ExAttr:2 NAME 'nickName' SUP name )

objectclass ( ExClass:1 NAME 'exampleEmployee'
	DESC 'an employee'
	SUP top AUXILIARY
	MUST badgeNumber
	MAY nickName )
`;

const OPENLDAP_LDIF = `dn: cn=example,cn=schema,cn=config
objectClass: olcSchemaConfig
cn: example
olcObjectIdentifier: {0}Example 1.3.6.1.4.1.99999
olcAttributeTypes: {0}( Example:1.1 NAME 'badgeNumber' DESC 'badge number' EQU
 ALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.1
 21.1.27 SINGLE-VALUE )
olcAttributeTypes: {1}( Example:1.2 NAME 'nickName' SUP name )
olcObjectClasses:: ezB9KCBFeGFtcGxlOjIuMSBOQU1FICdleGFtcGxlRW1wbG95ZWUnIERFU0MgJ2FuIGVtcGxveWVlJyBTVVAgdG9wIEFVWElMSUFSWSBNVVNUIGJhZGdlTnVtYmVyIE1BWSBuaWNrTmFtZSAp
`;

const BARE = `
( 1.3.6.1.4.1.99999.1.1 NAME 'badgeNumber' DESC 'badge number' EQUALITY integerMatch
  ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
( 1.3.6.1.4.1.99999.1.2 NAME 'nickName' SUP name )
( 1.3.6.1.4.1.99999.2.1 NAME 'exampleEmployee' DESC 'an employee' SUP top AUXILIARY MUST badgeNumber MAY nickName )
`;

test('the three input forms give the same schema (macros, LDIF folding, {n} prefixes, base64)', () => {
  assert.equal(
    Buffer.from(OPENLDAP_LDIF.split('olcObjectClasses:: ')[1] as string, 'base64').toString(),
    "{0}( Example:2.1 NAME 'exampleEmployee' DESC 'an employee' SUP top AUXILIARY MUST badgeNumber MAY nickName )",
  );
  const forms = [OPENLDAP_SCHEMA, OPENLDAP_LDIF, BARE].map((text) => readSchemaDocument(text));
  for (const items of forms) {
    assert.equal(items.length, 3);
  }
  const schemas = [OPENLDAP_SCHEMA, OPENLDAP_LDIF, BARE].map((text) => Schema.fromDescriptions([text]));
  for (const schema of schemas) {
    const badge = schema.attributeType('badgenumber');
    assert.ok(badge);
    assert.equal(badge.oid, '1.3.6.1.4.1.99999.1.1');
    assert.equal(badge.equality?.primaryName, 'integerMatch');
    assert.equal(badge.singleValue, true);
    const nick = schema.attributeType('nickName');
    assert.equal(nick?.sup, schema.attributeType('name'));
    assert.equal(nick?.equality?.primaryName, 'caseIgnoreMatch', 'inherited from SUP name');
    assert.equal(nick?.syntax.description, 'Directory String');
    const oc = schema.objectClass('exampleEmployee');
    assert.equal(oc?.oid, '1.3.6.1.4.1.99999.2.1');
    assert.equal(oc?.kind, 'AUXILIARY');
    assert.deepEqual(oc?.must.map((t) => t.primaryName), ['badgeNumber']);
    assert.equal(
      oc?.toDescription(),
      "( 1.3.6.1.4.1.99999.2.1 NAME 'exampleEmployee' DESC 'an employee' SUP top AUXILIARY MUST badgeNumber MAY nickName )",
    );
  }
  // The default schema is still there underneath.
  assert.ok(schemas[0]?.objectClass('inetOrgPerson'));
});

test('a bare description with only SUP is an object class when SUP names one', () => {
  const schema = Schema.fromDescriptions(["( 1.9.1 NAME 'myPerson' SUP person )", "( 1.9.2 NAME 'myName' SUP cn )"]);
  assert.equal(schema.objectClass('myPerson')?.sup[0]?.primaryName, 'person');
  assert.equal(schema.attributeType('myName')?.sup?.primaryName, 'cn');
});

test('a wrapped bare description is not mistaken for a .schema file', () => {
  const items = readSchemaDocument("( 1.9.7 NAME 'thing7' SUP top STRUCTURAL MUST\n  objectClass\n  MAY ( cn $\n  objectClass ) )");
  assert.equal(items.length, 1);
  assert.equal(items[0]?.kind, 'objectClass');
});

test('an unknown syntax in a custom schema is taken as octets', () => {
  const schema = Schema.fromDescriptions(["( 1.9.3 NAME 'blob' SYNTAX 1.9.9.9 )"]);
  const blob = schema.attributeType('blob');
  assert.equal(blob?.syntax.oid, '1.9.9.9');
  assert.doesNotThrow(() => schema.validateValue('blob', Buffer.from([0xff, 0x00])));
  assert.ok(schema.syntaxes.some((s) => s.oid === '1.9.9.9'));
});

const ERRORS: readonly (readonly [string, string])[] = [
  ["( 1.9.1 NAME 'foo' SUP bar )", "attributetype 'foo': unknown SUP 'bar'"],
  ["( 1.9.1 NAME 'foo' EQUALITY fooMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )", "attributetype 'foo': unknown EQUALITY 'fooMatch'"],
  ["( 1.9.1 NAME 'foo' EQUALITY caseIgnoreOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )", "attributetype 'foo': EQUALITY 'caseIgnoreOrderingMatch' is not an equality rule"],
  ["( 1.9.1 NAME 'foo' DESC 'x' )", "attributetype 'foo': needs SUP or SYNTAX"],
  ["( 1.9.1 NAME 'foo' SUP name SUP cn )", "attributetype 'foo': SUP given twice"],
  ["( 1.9.1 NAME 'foo' SUP name FROB )", "attributetype 'foo': unknown keyword 'FROB'"],
  ["( 1.9.1 NAME 'foo' SUP name ", "schema description: unbalanced parentheses in '( 1.9.1 NAME 'foo' SUP name ...'"],
  ["( 1.9.1 NAME 'foo SUP name )", "schema description: unbalanced parentheses in '( 1.9.1 NAME 'foo SUP name )...'"],
  ["( 1.9.1 NAME 'f\\41' SUP name )", "attributetype 'f\\41': invalid escape '\\41' at position 15 (only \\27 and \\5C)"],
  ["( 1.9.1 NAME 'foo_bar' SUP name )", "attributetype 'foo_bar': invalid name 'foo_bar'"],
  ["( fooOid NAME 'foo' SUP name )", "attributetype 'foo': 'fooOid' is not a numeric OID or a known macro"],
  ["( Nope:1 NAME 'foo' SUP name )", "attributetype 'foo': 'Nope:1' is not a numeric OID"],
  ["( 1.9.1 NAME 'foo' SUP name USAGE sometimes )", "attributetype 'foo': unknown USAGE 'sometimes'"],
  ["( 1.9.1 NAME 'foo' SUP name NO-USER-MODIFICATION )", "attributetype 'foo': NO-USER-MODIFICATION requires an operational USAGE"],
  ["( 1.9.1 NAME 'foo' SUP name USAGE directoryOperation )", "attributetype 'foo': USAGE directoryOperation differs from SUP 'name' (userApplications)"],
  ["( 2.5.4.3 NAME 'foo' SUP name )", "attributetype 'foo': duplicate OID 2.5.4.3 (already used by 'cn')"],
  ["( 1.9.1 NAME 'CN' SUP name )", "attributetype 'CN': duplicate name 'CN' (already used by 'cn')"],
  ["( 1.9.1 NAME 'foo' SUP foo )", "attributetype 'foo': SUP 'foo' makes a cycle"],
  ["( 1.9.2 NAME 'oc1' SUP nothing STRUCTURAL )", "objectclass 'oc1': unknown SUP 'nothing'"],
  ["( 1.9.2 NAME 'oc1' AUXILIARY MUST nothing )", "objectclass 'oc1': unknown attribute type 'nothing' in MUST"],
  ["( 1.9.2 NAME 'oc1' SUP person AUXILIARY )", "objectclass 'oc1': AUXILIARY class cannot have STRUCTURAL superclass 'person'"],
  ["( 1.9.2 NAME 'oc1' SUP person ABSTRACT )", "objectclass 'oc1': ABSTRACT class cannot have STRUCTURAL superclass 'person'"],
  ["( 1.9.2 NAME 'oc1' STRUCTURAL AUXILIARY )", "objectclass 'oc1': more than one of ABSTRACT, STRUCTURAL, AUXILIARY"],
  ["( 1.9.2 NAME 'oc1' STRUCTURAL ) trailing", "schema description: expected '(' but found 'trailing'"],
  ['attributetype ( 1.9.1 NAME ( ) SUP name )', "attributetype '1.9.1': empty list of a name"],
  ['attributetype ( 1.9.1 NAME x SUP name )', "attributetype '1.9.1': expected a name but found 'x' at position 13"],
  ['objectidentifier Foo', "objectidentifier: expected '<name> <oid>' but found 'Foo'"],
  ['objectidentifier Foo Bar:1', "objectidentifier 'Foo': 'Bar:1' is not a numeric OID or a known OID macro"],
  ['attributetype ( 1.9.1 NAME \'foo\' SUP name\ninclude foo.schema', 'attributetype: unbalanced parentheses in \'( 1.9.1 NAME \'foo\' SUP name include foo....\''],
  ['attributetype ( 1.9.1 NAME \'a\' SUP name )\ninclude foo.schema', "schema file: unknown statement 'include'"],
];

test('schema errors: one line naming the definition and the problem', () => {
  for (const [text, message] of ERRORS) {
    assert.throws(
      () => Schema.fromDescriptions([text]),
      (error: unknown) => {
        assert.ok(error instanceof SchemaParseError, `${text}: ${String(error)}`);
        assert.equal(error.message, message, text);
        assert.equal(error.resultCode, ResultCode.other);
        assert.ok(!error.message.includes('\n'));
        return true;
      },
    );
  }
});

test('parser errors inside one description', () => {
  const cases: readonly (readonly [string, string])[] = [
    ["( 1.9.1 NAME 'foo' SUP name ", "attributetype 'foo': unexpected end of description, expected ')'"],
    ["( 1.9.1 NAME 'foo SUP name )", "attributetype '1.9.1': unterminated quoted string at position 13"],
    ["1.9.1 NAME 'foo' SUP name )", "attributetype 'foo': expected '(' but found '1.9.1' at position 0"],
    ["( 1.9.1 NAME 'foo' SUP name ) x", "attributetype 'foo': unexpected 'x' after the closing ')'"],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseAttributeTypeDescription(text), (e: unknown) => e instanceof SchemaParseError && e.message === message, text);
  }
});

test('a hand-written schema can start from the bare system schema', () => {
  const schema = Schema.fromDescriptions(
    ["( 2.5.4.0 NAME 'objectClass' EQUALITY objectIdentifierMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.38 )", "( 2.5.6.0 NAME 'top' ABSTRACT MUST objectClass )", "( 1.9.5 NAME 'thing' SUP top STRUCTURAL )"],
    Schema.system(),
  );
  assert.equal(schema.attributeTypes.length, 1);
  assert.equal(schema.objectClasses.length, 2);
  assert.equal(schema.attributeType('cn'), undefined);
  assert.ok(schema.matchingRules.length > 30);
});
