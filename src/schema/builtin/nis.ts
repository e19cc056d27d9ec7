/**
 * RFC 2307 NIS schema. posixGroup stays STRUCTURAL as in RFC 2307 and OpenLDAP's nis.schema (RFC 2307bis
 * makes it AUXILIARY; load a custom schema for that). uidNumber/gidNumber get integerOrderingMatch, as
 * in OpenLDAP and RFC 2307bis, so `(uidNumber>=1000)` can be evaluated.
 */
export const NIS_SCHEMA = `
objectIdentifier LDAPSyntax 1.3.6.1.4.1.1466.115.121.1
objectIdentifier NIS 1.3.6.1.1.1

attributetype ( NIS:1.0 NAME 'uidNumber'
  DESC 'RFC2307: An integer uniquely identifying a user in an administrative domain'
  EQUALITY integerMatch ORDERING integerOrderingMatch
  SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.1 NAME 'gidNumber'
  DESC 'RFC2307: An integer uniquely identifying a group in an administrative domain'
  EQUALITY integerMatch ORDERING integerOrderingMatch
  SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.2 NAME 'gecos'
  DESC 'RFC2307: The GECOS field; the common name'
  EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch
  SYNTAX LDAPSyntax:26 SINGLE-VALUE )

attributetype ( NIS:1.3 NAME 'homeDirectory'
  DESC 'RFC2307: The absolute path to the home directory'
  EQUALITY caseExactIA5Match
  SYNTAX LDAPSyntax:26 SINGLE-VALUE )

attributetype ( NIS:1.4 NAME 'loginShell'
  DESC 'RFC2307: The path to the login shell'
  EQUALITY caseExactIA5Match
  SYNTAX LDAPSyntax:26 SINGLE-VALUE )

attributetype ( NIS:1.5 NAME 'shadowLastChange'
  EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.6 NAME 'shadowMin'
  EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.7 NAME 'shadowMax'
  EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.8 NAME 'shadowWarning'
  EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.9 NAME 'shadowInactive'
  EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.10 NAME 'shadowExpire'
  EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.11 NAME 'shadowFlag'
  EQUALITY integerMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.12 NAME 'memberUid'
  EQUALITY caseExactIA5Match SUBSTR caseExactIA5SubstringsMatch
  SYNTAX LDAPSyntax:26 )

attributetype ( NIS:1.13 NAME 'memberNisNetgroup'
  EQUALITY caseExactIA5Match SUBSTR caseExactIA5SubstringsMatch
  SYNTAX LDAPSyntax:26 )

attributetype ( NIS:1.14 NAME 'nisNetgroupTriple'
  DESC 'RFC2307: Netgroup triple'
  SYNTAX NIS:0.0 )

attributetype ( NIS:1.15 NAME 'ipServicePort'
  EQUALITY integerMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.16 NAME 'ipServiceProtocol'
  SUP name )

attributetype ( NIS:1.17 NAME 'ipProtocolNumber'
  EQUALITY integerMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.18 NAME 'oncRpcNumber'
  EQUALITY integerMatch SYNTAX LDAPSyntax:27 SINGLE-VALUE )

attributetype ( NIS:1.19 NAME 'ipHostNumber'
  DESC 'RFC2307: IP address'
  EQUALITY caseIgnoreIA5Match SYNTAX LDAPSyntax:26{128} )

attributetype ( NIS:1.20 NAME 'ipNetworkNumber'
  DESC 'RFC2307: IP network'
  EQUALITY caseIgnoreIA5Match SYNTAX LDAPSyntax:26{128} SINGLE-VALUE )

attributetype ( NIS:1.21 NAME 'ipNetmaskNumber'
  DESC 'RFC2307: IP netmask'
  EQUALITY caseIgnoreIA5Match SYNTAX LDAPSyntax:26{128} SINGLE-VALUE )

attributetype ( NIS:1.22 NAME 'macAddress'
  DESC 'RFC2307: MAC address'
  EQUALITY caseIgnoreIA5Match SYNTAX LDAPSyntax:26{128} )

attributetype ( NIS:1.23 NAME 'bootParameter'
  DESC 'RFC2307: rpc.bootparamd parameter'
  SYNTAX NIS:0.1 )

attributetype ( NIS:1.24 NAME 'bootFile'
  DESC 'RFC2307: Boot image name'
  EQUALITY caseExactIA5Match SYNTAX LDAPSyntax:26 )

attributetype ( NIS:1.26 NAME 'nisMapName'
  SUP name )

attributetype ( NIS:1.27 NAME 'nisMapEntry'
  EQUALITY caseExactIA5Match SUBSTR caseExactIA5SubstringsMatch
  SYNTAX LDAPSyntax:26{1024} SINGLE-VALUE )

objectclass ( NIS:2.0 NAME 'posixAccount'
  DESC 'RFC2307: Abstraction of an account with POSIX attributes'
  SUP top AUXILIARY
  MUST ( cn $ uid $ uidNumber $ gidNumber $ homeDirectory )
  MAY ( userPassword $ loginShell $ gecos $ description ) )

objectclass ( NIS:2.1 NAME 'shadowAccount'
  DESC 'RFC2307: Additional attributes for shadow passwords'
  SUP top AUXILIARY MUST uid
  MAY ( userPassword $ shadowLastChange $ shadowMin $ shadowMax $ shadowWarning $
    shadowInactive $ shadowExpire $ shadowFlag $ description ) )

objectclass ( NIS:2.2 NAME 'posixGroup'
  DESC 'RFC2307: Abstraction of a group of accounts'
  SUP top STRUCTURAL MUST ( cn $ gidNumber )
  MAY ( userPassword $ memberUid $ description ) )

objectclass ( NIS:2.3 NAME 'ipService'
  DESC 'RFC2307: Abstraction an Internet Protocol service'
  SUP top STRUCTURAL MUST ( cn $ ipServicePort $ ipServiceProtocol ) MAY description )

objectclass ( NIS:2.4 NAME 'ipProtocol'
  DESC 'RFC2307: Abstraction of an IP protocol'
  SUP top STRUCTURAL MUST ( cn $ ipProtocolNumber $ description ) MAY description )

objectclass ( NIS:2.5 NAME 'oncRpc'
  DESC 'RFC2307: Abstraction of an ONC/RPC binding'
  SUP top STRUCTURAL MUST ( cn $ oncRpcNumber $ description ) MAY description )

objectclass ( NIS:2.6 NAME 'ipHost'
  DESC 'RFC2307: Abstraction of a host, an IP device'
  SUP top AUXILIARY MUST ( cn $ ipHostNumber ) MAY ( l $ description $ manager ) )

objectclass ( NIS:2.7 NAME 'ipNetwork'
  DESC 'RFC2307: Abstraction of an IP network'
  SUP top STRUCTURAL MUST ( cn $ ipNetworkNumber ) MAY ( ipNetmaskNumber $ l $ description $ manager ) )

objectclass ( NIS:2.8 NAME 'nisNetgroup'
  DESC 'RFC2307: Abstraction of a netgroup'
  SUP top STRUCTURAL MUST cn MAY ( nisNetgroupTriple $ memberNisNetgroup $ description ) )

objectclass ( NIS:2.9 NAME 'nisMap'
  DESC 'RFC2307: A generic abstraction of a NIS map'
  SUP top STRUCTURAL MUST nisMapName MAY description )

objectclass ( NIS:2.10 NAME 'nisObject'
  DESC 'RFC2307: An entry in a NIS map'
  SUP top STRUCTURAL MUST ( cn $ nisMapEntry $ nisMapName ) MAY description )

objectclass ( NIS:2.11 NAME 'ieee802Device'
  DESC 'RFC2307: A device with a MAC address'
  SUP top AUXILIARY MAY macAddress )

objectclass ( NIS:2.12 NAME 'bootableDevice'
  DESC 'RFC2307: A device with boot parameters'
  SUP top AUXILIARY MAY ( bootFile $ bootParameter ) )
`;
