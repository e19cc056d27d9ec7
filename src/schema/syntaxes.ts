import type { SyntaxDefinition } from './definitions.js';
import { formatSyntax } from './format-description.js';
import type { Syntax } from './model.js';
import * as v from './syntax-validators.js';
import type { Validator } from './syntax-validators.js';

/** The LDAP syntaxes of RFC 4517 §3.3 (and RFC 4523, RFC 4530, RFC 2307), with their value checks. */

const LDAP = '1.3.6.1.4.1.1466.115.121.1';

/** `binary`: published with X-NOT-HUMAN-READABLE 'TRUE' (RFC 2252 convention, as OpenLDAP). */
const TABLE: readonly (readonly [oid: string, description: string, validate: Validator, binary?: true])[] = [
  [`${LDAP}.3`, 'Attribute Type Description', v.descriptionOf('attributeType')],
  [`${LDAP}.4`, 'Audio', v.anyOctets, true],
  [`${LDAP}.5`, 'Binary', v.anyOctets, true],
  [`${LDAP}.6`, 'Bit String', v.bitString],
  [`${LDAP}.7`, 'Boolean', v.boolean],
  [`${LDAP}.8`, 'Certificate', v.anyOctets, true],
  [`${LDAP}.9`, 'Certificate List', v.anyOctets, true],
  [`${LDAP}.10`, 'Certificate Pair', v.anyOctets, true],
  [`${LDAP}.11`, 'Country String', v.countryString],
  [`${LDAP}.12`, 'DN', v.dn],
  [`${LDAP}.14`, 'Delivery Method', v.deliveryMethod],
  [`${LDAP}.15`, 'Directory String', v.directoryString],
  [`${LDAP}.16`, 'DIT Content Rule Description', v.directoryString],
  [`${LDAP}.17`, 'DIT Structure Rule Description', v.directoryString],
  [`${LDAP}.21`, 'Enhanced Guide', v.directoryString],
  [`${LDAP}.22`, 'Facsimile Telephone Number', v.facsimileTelephoneNumber],
  [`${LDAP}.23`, 'Fax', v.anyOctets, true],
  [`${LDAP}.24`, 'Generalized Time', v.generalizedTime],
  [`${LDAP}.25`, 'Guide', v.directoryString],
  [`${LDAP}.26`, 'IA5 String', v.ia5String],
  [`${LDAP}.27`, 'INTEGER', v.integer],
  [`${LDAP}.28`, 'JPEG', v.jpeg, true],
  [`${LDAP}.30`, 'Matching Rule Description', v.descriptionOf('matchingRule')],
  [`${LDAP}.31`, 'Matching Rule Use Description', v.descriptionOf('matchingRuleUse')],
  [`${LDAP}.34`, 'Name And Optional UID', v.nameAndOptionalUid],
  [`${LDAP}.35`, 'Name Form Description', v.directoryString],
  [`${LDAP}.36`, 'Numeric String', v.numericString],
  [`${LDAP}.37`, 'Object Class Description', v.descriptionOf('objectClass')],
  [`${LDAP}.38`, 'OID', v.oid],
  [`${LDAP}.39`, 'Other Mailbox', v.directoryString],
  [`${LDAP}.40`, 'Octet String', v.anyOctets],
  [`${LDAP}.41`, 'Postal Address', v.postalAddress],
  [`${LDAP}.44`, 'Printable String', v.printableString],
  [`${LDAP}.45`, 'SubtreeSpecification', v.directoryString],
  [`${LDAP}.49`, 'Supported Algorithm', v.anyOctets, true],
  [`${LDAP}.50`, 'Telephone Number', v.telephoneNumber],
  [`${LDAP}.51`, 'Teletex Terminal Identifier', v.printableString],
  [`${LDAP}.52`, 'Telex Number', v.printableString],
  [`${LDAP}.54`, 'LDAP Syntax Description', v.descriptionOf('syntax')],
  [`${LDAP}.58`, 'Substring Assertion', v.substringAssertion],
  ['1.3.6.1.1.16.1', 'UUID', v.uuid],
  ['1.3.6.1.1.1.0.0', 'RFC2307 NIS Netgroup Triple', v.ia5String],
  ['1.3.6.1.1.1.0.1', 'RFC2307 Boot Parameter', v.ia5String],
];

export const OCTET_STRING_SYNTAX = `${LDAP}.40`;

function makeSyntax(definition: SyntaxDefinition, validate: Validator, humanReadable: boolean): Syntax {
  return Object.freeze({
    oid: definition.oid,
    description: definition.description ?? definition.oid,
    humanReadable,
    validate,
    toDescription: () => formatSyntax(definition),
  });
}

/** The built-in syntaxes, in RFC 4517 order. */
export function builtinSyntaxes(): Syntax[] {
  return TABLE.map(([oid, description, validate, binary]) =>
    makeSyntax(
      { kind: 'syntax', oid, description, extensions: binary ? [{ name: 'X-NOT-HUMAN-READABLE', values: ['TRUE'] }] : [] },
      validate,
      binary !== true,
    ),
  );
}

/**
 * A syntax a custom schema names but that has no implementation here: its values are accepted as
 * octets, as Octet String (OpenLDAP would refuse the schema; accepting keeps third-party schemas loadable).
 */
export function opaqueSyntax(definition: SyntaxDefinition): Syntax {
  const binary = definition.extensions.some((e) => e.name.toUpperCase() === 'X-NOT-HUMAN-READABLE' && e.values[0] === 'TRUE');
  return makeSyntax(definition, v.anyOctets, !binary);
}
