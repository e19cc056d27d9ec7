import { BerDecodeError, BerTag } from '../ber/index.js';
import type { BerReader, BerWriter } from '../ber/index.js';

/** RFC 4512 §1.4 numericoid: `number 1*( DOT number )`, no leading zeros. */
const NUMERIC_OID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))+$/;

/** RFC 4511 §4.1.2: LDAPOID ::= OCTET STRING -- Constrained to <numericoid> [RFC4512]. */
export function isLdapOid(value: string): boolean {
  return NUMERIC_OID.test(value);
}

/** Reads an LDAPOID (control type, extended request/response name) and refuses anything but a numericoid. */
export function readLdapOid(r: BerReader, tag: number = BerTag.octetString): string {
  const at = r.offset;
  const oid = r.readString(tag);
  if (!NUMERIC_OID.test(oid)) throw new BerDecodeError(`invalid LDAPOID ${JSON.stringify(oid)}`, at);
  return oid;
}

/** Writes an LDAPOID; an invalid one is a caller bug, so it is a RangeError rather than bad bytes on the wire. */
export function writeLdapOid(w: BerWriter, oid: string, tag: number = BerTag.octetString): void {
  if (!NUMERIC_OID.test(oid)) throw new RangeError(`invalid LDAPOID ${JSON.stringify(oid)}`);
  w.writeString(oid, tag);
}
