/** RFC 4524 COSINE schema (attribute types §2, object classes §3), aliases as in OpenLDAP's cosine.schema. */
export const COSINE_SCHEMA = `
objectIdentifier LDAPSyntax 1.3.6.1.4.1.1466.115.121.1
objectIdentifier COSINE 0.9.2342.19200300.100

attributetype ( COSINE:1.37 NAME 'associatedDomain'
  DESC 'RFC4524: domain associated with object'
  EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch
  SYNTAX LDAPSyntax:26 )

attributetype ( COSINE:1.38 NAME 'associatedName'
  DESC 'RFC4524: DN of entry associated with domain'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 )

attributetype ( COSINE:1.48 NAME 'buildingName'
  DESC 'RFC4524: name of building'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.43 NAME ( 'co' 'friendlyCountryName' )
  DESC 'RFC4524: friendly country name'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15 )

attributetype ( COSINE:1.14 NAME 'documentAuthor'
  DESC 'RFC4524: DN of author of document'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 )

attributetype ( COSINE:1.11 NAME 'documentIdentifier'
  DESC 'RFC4524: unique identifier of document'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.15 NAME 'documentLocation'
  DESC 'RFC4524: location of document original'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.56 NAME 'documentPublisher'
  DESC 'RFC4524: publisher of document'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15 )

attributetype ( COSINE:1.12 NAME 'documentTitle'
  DESC 'RFC4524: title of document'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.13 NAME 'documentVersion'
  DESC 'RFC4524: version of document'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.5 NAME ( 'drink' 'favouriteDrink' )
  DESC 'RFC4524: favorite drink'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.20 NAME ( 'homePhone' 'homeTelephoneNumber' )
  DESC 'RFC4524: home telephone number'
  EQUALITY telephoneNumberMatch SUBSTR telephoneNumberSubstringsMatch
  SYNTAX LDAPSyntax:50 )

attributetype ( COSINE:1.39 NAME 'homePostalAddress'
  DESC 'RFC4524: home postal address'
  EQUALITY caseIgnoreListMatch SUBSTR caseIgnoreListSubstringsMatch
  SYNTAX LDAPSyntax:41 )

attributetype ( COSINE:1.9 NAME 'host'
  DESC 'RFC4524: host computer'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.4 NAME 'info'
  DESC 'RFC4524: general information'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{2048} )

attributetype ( COSINE:1.3 NAME ( 'mail' 'rfc822Mailbox' )
  DESC 'RFC4524: RFC822 Mailbox'
  EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch
  SYNTAX LDAPSyntax:26{256} )

attributetype ( COSINE:1.10 NAME 'manager'
  DESC 'RFC4524: DN of manager'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 )

attributetype ( COSINE:1.41 NAME ( 'mobile' 'mobileTelephoneNumber' )
  DESC 'RFC4524: mobile telephone number'
  EQUALITY telephoneNumberMatch SUBSTR telephoneNumberSubstringsMatch
  SYNTAX LDAPSyntax:50 )

attributetype ( COSINE:1.45 NAME 'organizationalStatus'
  DESC 'RFC4524: organizational status'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.42 NAME ( 'pager' 'pagerTelephoneNumber' )
  DESC 'RFC4524: pager telephone number'
  EQUALITY telephoneNumberMatch SUBSTR telephoneNumberSubstringsMatch
  SYNTAX LDAPSyntax:50 )

attributetype ( COSINE:1.40 NAME 'personalTitle'
  DESC 'RFC4524: personal title'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.6 NAME 'roomNumber'
  DESC 'RFC4524: room number'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.21 NAME 'secretary'
  DESC 'RFC4524: DN of secretary'
  EQUALITY distinguishedNameMatch
  SYNTAX LDAPSyntax:12 )

attributetype ( COSINE:1.44 NAME 'uniqueIdentifier'
  DESC 'RFC4524: unique identifier'
  EQUALITY caseIgnoreMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.8 NAME 'userClass'
  DESC 'RFC4524: category of user'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15{256} )

attributetype ( COSINE:1.7 NAME 'photo'
  DESC 'RFC1274: photo (G3 fax)'
  SYNTAX LDAPSyntax:23{25000} )

attributetype ( COSINE:1.55 NAME 'audio'
  DESC 'RFC1274: audio (u-law)'
  SYNTAX LDAPSyntax:4{25000} )

attributetype ( COSINE:1.60 NAME 'jpegPhoto'
  DESC 'RFC2798: a JPEG image'
  SYNTAX LDAPSyntax:28 )

objectclass ( COSINE:4.5 NAME 'account'
  DESC 'RFC4524: account'
  SUP top STRUCTURAL MUST uid
  MAY ( description $ seeAlso $ l $ o $ ou $ host ) )

objectclass ( COSINE:4.6 NAME 'document'
  DESC 'RFC4524: document'
  SUP top STRUCTURAL MUST documentIdentifier
  MAY ( cn $ description $ seeAlso $ l $ o $ ou $ documentTitle $ documentVersion $
    documentAuthor $ documentLocation $ documentPublisher ) )

objectclass ( COSINE:4.9 NAME 'documentSeries'
  DESC 'RFC4524: document series'
  SUP top STRUCTURAL MUST cn
  MAY ( description $ l $ o $ ou $ seeAlso $ telephoneNumber ) )

objectclass ( COSINE:4.13 NAME 'domain'
  DESC 'RFC4524: domain'
  SUP top STRUCTURAL MUST dc
  MAY ( userPassword $ searchGuide $ seeAlso $ businessCategory $ x121Address $ registeredAddress $
    destinationIndicator $ preferredDeliveryMethod $ telexNumber $ teletexTerminalIdentifier $
    telephoneNumber $ internationalISDNNumber $ facsimileTelephoneNumber $ street $ postOfficeBox $
    postalCode $ postalAddress $ physicalDeliveryOfficeName $ st $ l $ description $ o $
    associatedName ) )

objectclass ( COSINE:4.17 NAME 'domainRelatedObject'
  DESC 'RFC4524: an object related to a domain'
  SUP top AUXILIARY MUST associatedDomain )

objectclass ( COSINE:4.18 NAME 'friendlyCountry'
  DESC 'RFC4524: friendly country'
  SUP country STRUCTURAL MUST co )

objectclass ( COSINE:4.14 NAME 'rFC822localPart'
  DESC 'RFC4524: local part of an RFC 822 mailbox'
  SUP domain STRUCTURAL
  MAY ( cn $ description $ destinationIndicator $ facsimileTelephoneNumber $
    internationalISDNNumber $ physicalDeliveryOfficeName $ postalAddress $ postalCode $
    postOfficeBox $ registeredAddress $ seeAlso $ sn $ street $ telephoneNumber $
    teletexTerminalIdentifier $ telexNumber $ x121Address ) )

objectclass ( COSINE:4.7 NAME 'room'
  DESC 'RFC4524: room'
  SUP top STRUCTURAL MUST cn
  MAY ( roomNumber $ description $ seeAlso $ telephoneNumber ) )

objectclass ( COSINE:4.19 NAME 'simpleSecurityObject'
  DESC 'RFC4524: simple security object'
  SUP top AUXILIARY MUST userPassword )
`;
