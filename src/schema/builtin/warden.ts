/**
 * Warden's own schema, under a UUID-derived OID arc (2.25.<uuid>, ITU-T X.667), so it needs no registration
 * and cannot collide with anyone's.
 */
export const WARDEN_OID_ARC = '2.25.127536743163517131977790687373236702796';

export const WARDEN_SCHEMA = `
attributetype ( ${WARDEN_OID_ARC}.1.1 NAME 'wardenSecurityProfile'
  DESC 'Warden: the security settings in force, each relaxation named (root DSE)'
  EQUALITY caseIgnoreMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15
  NO-USER-MODIFICATION USAGE dSAOperation )
`;
