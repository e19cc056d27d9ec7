/**
 * RFC 4512 system schema: the attributes and classes every entry and the root DSE rely on, plus the
 * operational attributes of RFC 4530 (entryUUID), RFC 5020 (entryDN), RFC 3045 (vendor*), RFC 3296
 * (ref/referral), RFC 3672 (subentry) and X.501/OpenLDAP (hasSubordinates, numSubordinates, memberOf).
 * OpenLDAP `.schema` form; `SYNTAX` OIDs are those of RFC 4517 §3.3.
 */
export const SYSTEM_SCHEMA = `
objectIdentifier LDAPSyntax 1.3.6.1.4.1.1466.115.121.1

attributetype ( 2.5.4.0 NAME 'objectClass'
  DESC 'RFC4512: object classes of the entity'
  EQUALITY objectIdentifierMatch
  SYNTAX LDAPSyntax:38 )

attributetype ( 2.5.4.1 NAME 'aliasedObjectName'
  DESC 'RFC4512: name of aliased object'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 SINGLE-VALUE )

attributetype ( 2.5.18.3 NAME 'creatorsName'
  DESC 'RFC4512: name of creator'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 2.5.18.1 NAME 'createTimestamp'
  DESC 'RFC4512: time which object was created'
  EQUALITY generalizedTimeMatch ORDERING generalizedTimeOrderingMatch
  SYNTAX LDAPSyntax:24 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 2.5.18.4 NAME 'modifiersName'
  DESC 'RFC4512: name of last modifier'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 2.5.18.2 NAME 'modifyTimestamp'
  DESC 'RFC4512: time which object was last modified'
  EQUALITY generalizedTimeMatch ORDERING generalizedTimeOrderingMatch
  SYNTAX LDAPSyntax:24 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 2.5.21.9 NAME 'structuralObjectClass'
  DESC 'RFC4512: structural object class of entry'
  EQUALITY objectIdentifierMatch
  SYNTAX LDAPSyntax:38 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 2.5.21.10 NAME 'governingStructureRule'
  DESC 'RFC4512: DIT structure rule governing the entry'
  EQUALITY integerMatch
  SYNTAX LDAPSyntax:27 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 2.5.18.10 NAME 'subschemaSubentry'
  DESC 'RFC4512: name of controlling subschema entry'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 2.5.18.9 NAME 'hasSubordinates'
  DESC 'X.501: entry has children'
  EQUALITY booleanMatch
  SYNTAX LDAPSyntax:7 SINGLE-VALUE NO-USER-MODIFICATION USAGE dSAOperation )

attributetype ( 1.3.6.1.4.1.453.16.2.103 NAME 'numSubordinates'
  DESC 'count of immediate subordinates'
  EQUALITY integerMatch ORDERING integerOrderingMatch
  SYNTAX LDAPSyntax:27 SINGLE-VALUE NO-USER-MODIFICATION USAGE dSAOperation )

attributetype ( 1.3.6.1.1.16.4 NAME 'entryUUID'
  DESC 'RFC4530: UUID of the entry'
  EQUALITY uuidMatch ORDERING uuidOrderingMatch
  SYNTAX 1.3.6.1.1.16.1 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 1.3.6.1.1.20 NAME 'entryDN'
  DESC 'RFC5020: DN of the entry'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 1.2.840.113556.1.2.102 NAME 'memberOf'
  DESC 'Group that the entry belongs to'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 NO-USER-MODIFICATION USAGE directoryOperation )

attributetype ( 2.5.21.6 NAME 'objectClasses'
  DESC 'RFC4512: object classes'
  EQUALITY objectIdentifierFirstComponentMatch
  SYNTAX LDAPSyntax:37 USAGE directoryOperation )

attributetype ( 2.5.21.5 NAME 'attributeTypes'
  DESC 'RFC4512: attribute types'
  EQUALITY objectIdentifierFirstComponentMatch
  SYNTAX LDAPSyntax:3 USAGE directoryOperation )

attributetype ( 2.5.21.4 NAME 'matchingRules'
  DESC 'RFC4512: matching rules'
  EQUALITY objectIdentifierFirstComponentMatch
  SYNTAX LDAPSyntax:30 USAGE directoryOperation )

attributetype ( 2.5.21.8 NAME 'matchingRuleUse'
  DESC 'RFC4512: matching rule uses'
  EQUALITY objectIdentifierFirstComponentMatch
  SYNTAX LDAPSyntax:31 USAGE directoryOperation )

attributetype ( 1.3.6.1.4.1.1466.101.120.16 NAME 'ldapSyntaxes'
  DESC 'RFC4512: LDAP syntaxes'
  EQUALITY objectIdentifierFirstComponentMatch
  SYNTAX LDAPSyntax:54 USAGE directoryOperation )

attributetype ( 2.5.21.2 NAME 'dITContentRules'
  DESC 'RFC4512: DIT content rules'
  EQUALITY objectIdentifierFirstComponentMatch
  SYNTAX LDAPSyntax:16 USAGE directoryOperation )

attributetype ( 2.5.21.1 NAME 'dITStructureRules'
  DESC 'RFC4512: DIT structure rules'
  EQUALITY integerFirstComponentMatch
  SYNTAX LDAPSyntax:17 USAGE directoryOperation )

attributetype ( 2.5.21.7 NAME 'nameForms'
  DESC 'RFC4512: name forms '
  EQUALITY objectIdentifierFirstComponentMatch
  SYNTAX LDAPSyntax:35 USAGE directoryOperation )

attributetype ( 1.3.6.1.4.1.1466.101.120.6 NAME 'altServer'
  DESC 'RFC4512: alternative servers'
  EQUALITY caseIgnoreIA5Match
  SYNTAX LDAPSyntax:26 USAGE dSAOperation )

attributetype ( 1.3.6.1.4.1.1466.101.120.5 NAME 'namingContexts'
  DESC 'RFC4512: naming contexts'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 USAGE dSAOperation )

attributetype ( 1.3.6.1.4.1.1466.101.120.13 NAME 'supportedControl'
  DESC 'RFC4512: supported controls'
  EQUALITY objectIdentifierMatch
  SYNTAX LDAPSyntax:38 USAGE dSAOperation )

attributetype ( 1.3.6.1.4.1.1466.101.120.7 NAME 'supportedExtension'
  DESC 'RFC4512: supported extended operations'
  EQUALITY objectIdentifierMatch
  SYNTAX LDAPSyntax:38 USAGE dSAOperation )

attributetype ( 1.3.6.1.4.1.4203.1.3.5 NAME 'supportedFeatures'
  DESC 'RFC4512: features supported by the server'
  EQUALITY objectIdentifierMatch
  SYNTAX LDAPSyntax:38 USAGE dSAOperation )

attributetype ( 1.3.6.1.4.1.1466.101.120.15 NAME 'supportedLDAPVersion'
  DESC 'RFC4512: supported LDAP versions'
  EQUALITY integerMatch
  SYNTAX LDAPSyntax:27 USAGE dSAOperation )

attributetype ( 1.3.6.1.4.1.1466.101.120.14 NAME 'supportedSASLMechanisms'
  DESC 'RFC4512: supported SASL mechanisms'
  EQUALITY caseIgnoreMatch
  SYNTAX LDAPSyntax:15 USAGE dSAOperation )

attributetype ( 1.3.6.1.1.4 NAME 'vendorName'
  DESC 'RFC3045: name of implementation vendor'
  EQUALITY caseExactMatch
  SYNTAX LDAPSyntax:15 SINGLE-VALUE NO-USER-MODIFICATION USAGE dSAOperation )

attributetype ( 1.3.6.1.1.5 NAME 'vendorVersion'
  DESC 'RFC3045: version of implementation'
  EQUALITY caseExactMatch
  SYNTAX LDAPSyntax:15 SINGLE-VALUE NO-USER-MODIFICATION USAGE dSAOperation )

attributetype ( 2.16.840.1.113730.3.1.34 NAME 'ref'
  DESC 'RFC3296: subordinate referral URL'
  EQUALITY caseExactMatch
  SYNTAX LDAPSyntax:15 USAGE distributedOperation )

attributetype ( 2.5.18.6 NAME 'subtreeSpecification'
  DESC 'RFC3672: subtree specification'
  SYNTAX LDAPSyntax:45 SINGLE-VALUE USAGE directoryOperation )

objectclass ( 2.5.6.0 NAME 'top'
  DESC 'RFC4512: top of the superclass chain'
  ABSTRACT MUST objectClass )

objectclass ( 2.5.6.1 NAME 'alias'
  DESC 'RFC4512: an alias'
  SUP top STRUCTURAL MUST aliasedObjectName )

objectclass ( 1.3.6.1.4.1.1466.101.120.111 NAME 'extensibleObject'
  DESC 'RFC4512: extensible object'
  SUP top AUXILIARY )

objectclass ( 2.5.20.1 NAME 'subschema'
  DESC 'RFC4512: controlling subschema (sub)entry'
  AUXILIARY
  MAY ( dITStructureRules $ nameForms $ dITContentRules $ objectClasses $
    attributeTypes $ matchingRules $ matchingRuleUse ) )

objectclass ( 2.5.17.0 NAME 'subentry'
  DESC 'RFC3672: subentry'
  SUP top STRUCTURAL MUST ( cn $ subtreeSpecification ) )

objectclass ( 2.16.840.1.113730.3.2.6 NAME 'referral'
  DESC 'RFC3296: named subordinate referral'
  SUP top STRUCTURAL MUST ref )
`;
