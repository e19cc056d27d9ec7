/**
 * RFC 4519 user schema (attribute types §2, object classes §3). `gn` and the long-form aliases
 * (`commonName`, `surname`, ...) follow X.520 and OpenLDAP's core.schema.
 */
export const CORE_SCHEMA = `
objectIdentifier LDAPSyntax 1.3.6.1.4.1.1466.115.121.1

attributetype ( 2.5.4.41 NAME 'name'
  DESC 'RFC4519: common supertype of name attributes'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{32768} )

attributetype ( 2.5.4.49 NAME 'distinguishedName'
  DESC 'RFC4519: common supertype of DN attributes'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 )

attributetype ( 2.5.4.3 NAME ( 'cn' 'commonName' )
  DESC 'RFC4519: common name(s) for which the entity is known by'
  SUP name )

attributetype ( 2.5.4.4 NAME ( 'sn' 'surname' )
  DESC 'RFC4519: last (family) name(s) for which the entity is known by'
  SUP name )

attributetype ( 2.5.4.42 NAME ( 'givenName' 'gn' )
  DESC 'RFC4519: first name(s) for which the entity is known by'
  SUP name )

attributetype ( 2.5.4.43 NAME 'initials'
  DESC 'RFC4519: initials of some or all of names, but not the surname(s).'
  SUP name )

attributetype ( 2.5.4.44 NAME 'generationQualifier'
  DESC 'RFC4519: name qualifier indicating a generation'
  SUP name )

attributetype ( 2.5.4.6 NAME ( 'c' 'countryName' )
  DESC 'RFC4519: two-letter ISO-3166 country code'
  SUP name SYNTAX LDAPSyntax:11 SINGLE-VALUE )

attributetype ( 2.5.4.7 NAME ( 'l' 'localityName' )
  DESC 'RFC4519: locality which this object resides in'
  SUP name )

attributetype ( 2.5.4.8 NAME ( 'st' 'stateOrProvinceName' )
  DESC 'RFC4519: state or province which this object resides in'
  SUP name )

attributetype ( 2.5.4.9 NAME ( 'street' 'streetAddress' )
  DESC 'RFC4519: street address of this object'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{128} )

attributetype ( 2.5.4.10 NAME ( 'o' 'organizationName' )
  DESC 'RFC4519: organization this object belongs to'
  SUP name )

attributetype ( 2.5.4.11 NAME ( 'ou' 'organizationalUnitName' )
  DESC 'RFC4519: organizational unit this object belongs to'
  SUP name )

attributetype ( 2.5.4.12 NAME 'title'
  DESC 'RFC4519: title associated with the entity'
  SUP name )

attributetype ( 2.5.4.13 NAME 'description'
  DESC 'RFC4519: descriptive information'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{1024} )

attributetype ( 2.5.4.14 NAME 'searchGuide'
  DESC 'RFC4519: search guide, deprecated by enhancedSearchGuide'
  SYNTAX LDAPSyntax:25 )

attributetype ( 2.5.4.15 NAME 'businessCategory'
  DESC 'RFC4519: business category'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{128} )

attributetype ( 2.5.4.16 NAME 'postalAddress'
  DESC 'RFC4519: postal address'
  EQUALITY caseIgnoreListMatch SUBSTR caseIgnoreListSubstringsMatch
  SYNTAX LDAPSyntax:41 )

attributetype ( 2.5.4.17 NAME 'postalCode'
  DESC 'RFC4519: postal code'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{40} )

attributetype ( 2.5.4.18 NAME 'postOfficeBox'
  DESC 'RFC4519: Post Office Box'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{40} )

attributetype ( 2.5.4.19 NAME 'physicalDeliveryOfficeName'
  DESC 'RFC4519: Physical Delivery Office Name'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{128} )

attributetype ( 2.5.4.20 NAME 'telephoneNumber'
  DESC 'RFC4519: Telephone Number'
  EQUALITY telephoneNumberMatch SUBSTR telephoneNumberSubstringsMatch
  SYNTAX LDAPSyntax:50{32} )

attributetype ( 2.5.4.21 NAME 'telexNumber'
  DESC 'RFC4519: Telex Number'
  SYNTAX LDAPSyntax:52 )

attributetype ( 2.5.4.22 NAME 'teletexTerminalIdentifier'
  DESC 'RFC4519: Teletex Terminal Identifier'
  SYNTAX LDAPSyntax:51 )

attributetype ( 2.5.4.23 NAME ( 'facsimileTelephoneNumber' 'fax' )
  DESC 'RFC4519: Facsimile (Fax) Telephone Number'
  SYNTAX LDAPSyntax:22 )

attributetype ( 2.5.4.24 NAME 'x121Address'
  DESC 'RFC4519: X.121 Address'
  EQUALITY numericStringMatch SUBSTR numericStringSubstringsMatch
  SYNTAX LDAPSyntax:36{15} )

attributetype ( 2.5.4.25 NAME 'internationalISDNNumber'
  DESC 'RFC4519: international ISDN number'
  EQUALITY numericStringMatch SUBSTR numericStringSubstringsMatch
  SYNTAX LDAPSyntax:36{16} )

attributetype ( 2.5.4.26 NAME 'registeredAddress'
  DESC 'RFC4519: registered postal address'
  SUP postalAddress SYNTAX LDAPSyntax:41 )

attributetype ( 2.5.4.27 NAME 'destinationIndicator'
  DESC 'RFC4519: destination indicator'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:44{128} )

attributetype ( 2.5.4.28 NAME 'preferredDeliveryMethod'
  DESC 'RFC4519: preferred delivery method'
  SYNTAX LDAPSyntax:14 SINGLE-VALUE )

attributetype ( 2.5.4.31 NAME 'member'
  DESC 'RFC4519: member of a group'
  SUP distinguishedName )

attributetype ( 2.5.4.32 NAME 'owner'
  DESC 'RFC4519: owner (of the object)'
  SUP distinguishedName )

attributetype ( 2.5.4.33 NAME 'roleOccupant'
  DESC 'RFC4519: occupant of role'
  SUP distinguishedName )

attributetype ( 2.5.4.34 NAME 'seeAlso'
  DESC 'RFC4519: DN of related object'
  SUP distinguishedName )

attributetype ( 2.5.4.35 NAME 'userPassword'
  DESC 'RFC4519/2307: password of user'
  EQUALITY octetStringMatch
  SYNTAX LDAPSyntax:40{128} )

attributetype ( 2.5.4.5 NAME 'serialNumber'
  DESC 'RFC4519: serial number of the entity'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:44{64} )

attributetype ( 2.5.4.45 NAME 'x500UniqueIdentifier'
  DESC 'RFC4519: X.500 unique identifier'
  EQUALITY bitStringMatch
  SYNTAX LDAPSyntax:6 )

attributetype ( 2.5.4.46 NAME 'dnQualifier'
  DESC 'RFC4519: DN qualifier'
  EQUALITY caseIgnoreMatch ORDERING caseIgnoreOrderingMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:44 )

attributetype ( 2.5.4.47 NAME 'enhancedSearchGuide'
  DESC 'RFC4519: enhanced search guide'
  SYNTAX LDAPSyntax:21 )

attributetype ( 2.5.4.50 NAME 'uniqueMember'
  DESC 'RFC4519: unique member of a group'
  EQUALITY uniqueMemberMatch
  SYNTAX LDAPSyntax:34 )

attributetype ( 2.5.4.51 NAME 'houseIdentifier'
  DESC 'RFC4519: house identifier'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{32768} )

attributetype ( 2.5.4.36 NAME 'userCertificate'
  DESC 'RFC4523: X.509 user certificate, use ;binary'
  SYNTAX LDAPSyntax:8 )

attributetype ( 0.9.2342.19200300.100.1.1 NAME ( 'uid' 'userid' )
  DESC 'RFC4519: user identifier'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( 0.9.2342.19200300.100.1.25 NAME ( 'dc' 'domainComponent' )
  DESC 'RFC4519: domain component'
  EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch
  SYNTAX LDAPSyntax:26 SINGLE-VALUE )

objectclass ( 2.5.6.2 NAME 'country'
  DESC 'RFC4519: a country'
  SUP top STRUCTURAL MUST c MAY ( searchGuide $ description ) )

objectclass ( 2.5.6.3 NAME 'locality'
  DESC 'RFC4519: a locality'
  SUP top STRUCTURAL MAY ( street $ seeAlso $ searchGuide $ st $ l $ description ) )

objectclass ( 2.5.6.4 NAME 'organization'
  DESC 'RFC4519: an organization'
  SUP top STRUCTURAL MUST o
  MAY ( userPassword $ searchGuide $ seeAlso $ businessCategory $ x121Address $ registeredAddress $
    destinationIndicator $ preferredDeliveryMethod $ telexNumber $ teletexTerminalIdentifier $
    telephoneNumber $ internationalISDNNumber $ facsimileTelephoneNumber $ street $ postOfficeBox $
    postalCode $ postalAddress $ physicalDeliveryOfficeName $ st $ l $ description ) )

objectclass ( 2.5.6.5 NAME 'organizationalUnit'
  DESC 'RFC4519: an organizational unit'
  SUP top STRUCTURAL MUST ou
  MAY ( userPassword $ searchGuide $ seeAlso $ businessCategory $ x121Address $ registeredAddress $
    destinationIndicator $ preferredDeliveryMethod $ telexNumber $ teletexTerminalIdentifier $
    telephoneNumber $ internationalISDNNumber $ facsimileTelephoneNumber $ street $ postOfficeBox $
    postalCode $ postalAddress $ physicalDeliveryOfficeName $ st $ l $ description ) )

objectclass ( 2.5.6.6 NAME 'person'
  DESC 'RFC4519: a person'
  SUP top STRUCTURAL MUST ( sn $ cn )
  MAY ( userPassword $ telephoneNumber $ seeAlso $ description ) )

objectclass ( 2.5.6.7 NAME 'organizationalPerson'
  DESC 'RFC4519: an organizational person'
  SUP person STRUCTURAL
  MAY ( title $ x121Address $ registeredAddress $ destinationIndicator $ preferredDeliveryMethod $
    telexNumber $ teletexTerminalIdentifier $ telephoneNumber $ internationalISDNNumber $
    facsimileTelephoneNumber $ street $ postOfficeBox $ postalCode $ postalAddress $
    physicalDeliveryOfficeName $ ou $ st $ l ) )

objectclass ( 2.5.6.8 NAME 'organizationalRole'
  DESC 'RFC4519: an organizational role'
  SUP top STRUCTURAL MUST cn
  MAY ( x121Address $ registeredAddress $ destinationIndicator $ preferredDeliveryMethod $
    telexNumber $ teletexTerminalIdentifier $ telephoneNumber $ internationalISDNNumber $
    facsimileTelephoneNumber $ seeAlso $ roleOccupant $ street $ postOfficeBox $ postalCode $
    postalAddress $ physicalDeliveryOfficeName $ ou $ st $ l $ description ) )

objectclass ( 2.5.6.9 NAME 'groupOfNames'
  DESC 'RFC4519: a group of names (DNs)'
  SUP top STRUCTURAL MUST ( member $ cn )
  MAY ( businessCategory $ seeAlso $ owner $ ou $ o $ description ) )

objectclass ( 2.5.6.10 NAME 'residentialPerson'
  DESC 'RFC4519: a residential person'
  SUP person STRUCTURAL MUST l
  MAY ( businessCategory $ x121Address $ registeredAddress $ destinationIndicator $
    preferredDeliveryMethod $ telexNumber $ teletexTerminalIdentifier $ telephoneNumber $
    internationalISDNNumber $ facsimileTelephoneNumber $ street $ postOfficeBox $ postalCode $
    postalAddress $ physicalDeliveryOfficeName $ st $ l ) )

objectclass ( 2.5.6.11 NAME 'applicationProcess'
  DESC 'RFC4519: an application process'
  SUP top STRUCTURAL MUST cn MAY ( seeAlso $ ou $ l $ description ) )

objectclass ( 2.5.6.14 NAME 'device'
  DESC 'RFC4519: a device'
  SUP top STRUCTURAL MUST cn
  MAY ( serialNumber $ seeAlso $ owner $ ou $ o $ l $ description ) )

objectclass ( 2.5.6.17 NAME 'groupOfUniqueNames'
  DESC 'RFC4519: a group of unique names (DN and Unique Identifier)'
  SUP top STRUCTURAL MUST ( uniqueMember $ cn )
  MAY ( businessCategory $ seeAlso $ owner $ ou $ o $ description ) )

objectclass ( 1.3.6.1.4.1.1466.344 NAME 'dcObject'
  DESC 'RFC4519: domain component object'
  SUP top AUXILIARY MUST dc )

objectclass ( 1.3.6.1.1.3.1 NAME 'uidObject'
  DESC 'RFC4519: uid object'
  SUP top AUXILIARY MUST uid )
`;
