/** RFC 2798 inetOrgPerson, with labeledURI (RFC 2079) and the certificate attributes it names. */
export const INETORGPERSON_SCHEMA = `
objectIdentifier LDAPSyntax 1.3.6.1.4.1.1466.115.121.1
objectIdentifier Netscape 2.16.840.1.113730.3

attributetype ( Netscape:1.1 NAME 'carLicense'
  DESC 'RFC2798: vehicle license or registration plate'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15 )

attributetype ( Netscape:1.2 NAME 'departmentNumber'
  DESC 'RFC2798: identifies a department within an organization'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15 )

attributetype ( Netscape:1.241 NAME 'displayName'
  DESC 'RFC2798: preferred name to be used when displaying entries'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15 SINGLE-VALUE )

attributetype ( Netscape:1.3 NAME 'employeeNumber'
  DESC 'RFC2798: numerically identifies an employee within an organization'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15 SINGLE-VALUE )

attributetype ( Netscape:1.4 NAME 'employeeType'
  DESC 'RFC2798: type of employment for a person'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15 )

attributetype ( Netscape:1.39 NAME 'preferredLanguage'
  DESC 'RFC2798: preferred written or spoken language for a person'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX LDAPSyntax:15 SINGLE-VALUE )

attributetype ( Netscape:1.40 NAME 'userSMIMECertificate'
  DESC 'RFC2798: PKCS#7 SignedData used to support S/MIME'
  SYNTAX LDAPSyntax:5 )

attributetype ( Netscape:1.216 NAME 'userPKCS12'
  DESC 'RFC2798: personal identity information, a PKCS #12 PFX'
  SYNTAX LDAPSyntax:5 )

attributetype ( 1.3.6.1.4.1.250.1.57 NAME 'labeledURI'
  DESC 'RFC2079: Uniform Resource Identifier with optional label'
  EQUALITY caseExactMatch
  SYNTAX LDAPSyntax:15 )

objectclass ( Netscape:2.2 NAME 'inetOrgPerson'
  DESC 'RFC2798: Internet Organizational Person'
  SUP organizationalPerson STRUCTURAL
  MAY ( audio $ businessCategory $ carLicense $ departmentNumber $ displayName $ employeeNumber $
    employeeType $ givenName $ homePhone $ homePostalAddress $ initials $ jpegPhoto $ labeledURI $
    mail $ manager $ mobile $ o $ pager $ photo $ roomNumber $ secretary $ uid $ userCertificate $
    x500UniqueIdentifier $ preferredLanguage $ userSMIMECertificate $ userPKCS12 ) )

objectclass ( 1.3.6.1.4.1.250.3.15 NAME 'labeledURIObject'
  DESC 'RFC2079: object that contains the URI attribute type'
  SUP top AUXILIARY MAY labeledURI )
`;
