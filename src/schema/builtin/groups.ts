/** Dynamic groups (Netscape/OpenLDAP dyngroup): groupOfURLs with memberURL. memberOf is in the system schema. */
export const GROUPS_SCHEMA = `
attributetype ( 2.16.840.1.113730.3.1.198 NAME 'memberURL'
  DESC 'Identifies an URL associated with each member of a group'
  SUP labeledURI )

objectclass ( 2.16.840.1.113730.3.2.33 NAME 'groupOfURLs'
  DESC 'a group whose members are given by LDAP URLs'
  SUP top STRUCTURAL MUST cn
  MAY ( memberURL $ businessCategory $ description $ o $ ou $ owner $ seeAlso ) )
`;
