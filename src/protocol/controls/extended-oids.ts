/**
 * Extended-operation OIDs some controls are restricted to. Spelled out here (and checked against
 * src/protocol/extended by a test) so that controls/ does not import extended/, which imports controls/.
 */
export const PASSWORD_MODIFY_EXTENDED_OID = '1.3.6.1.4.1.4203.1.11.1';
export const WHO_AM_I_EXTENDED_OID = '1.3.6.1.4.1.4203.1.11.3';
