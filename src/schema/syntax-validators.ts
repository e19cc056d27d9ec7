import { isUtf8 } from 'node:buffer';
import { Dn } from '../dn/index.js';
import { LdapError } from '../errors/index.js';
import { parseGeneralizedTime } from './generalized-time.js';
import { DESCR, NUMERIC_OID, parseDescription } from './parse-description.js';

/** Value checks of RFC 4517 §3.3, on the LDAP-specific encoding (the octets of the value). */

export type Validator = (value: Buffer) => boolean;

export const anyOctets: Validator = () => true;

/** §3.3.6 Directory String: one or more UTF-8 characters. */
export const directoryString: Validator = (v) => v.length > 0 && isUtf8(v);

/** §3.3.15 IA5 String: *(%x00-7F). */
export const ia5String: Validator = (v) => {
  for (let i = 0; i < v.length; i++) if ((v[i] as number) >= 0x80) return false;
  return true;
};

/** §3.3.29 PrintableCharacter = ALPHA / DIGIT / SQUOTE / LPAREN / RPAREN / PLUS / COMMA / HYPHEN / DOT / EQUALS / SLASH / COLON / QUESTION / SPACE */
const PRINTABLE = /^[A-Za-z0-9'()+,\-.=/:? ]+$/;

export const printableString: Validator = (v) => PRINTABLE.test(v.toString('latin1'));

/** §3.3.4 Country String: two PrintableCharacters (an ISO 3166 code). */
export const countryString: Validator = (v) => v.length === 2 && printableString(v);

/** §3.3.23 Numeric String: 1*(DIGIT / SPACE). */
export const numericString: Validator = (v) => /^[0-9 ]+$/.test(v.toString('latin1'));

/** §3.3.31 Telephone Number: a PrintableString (E.123 form is recommended, not required). */
export const telephoneNumber: Validator = printableString;

/** §3.3.3 Boolean = "TRUE" / "FALSE". */
export const boolean: Validator = (v) => {
  const s = v.toString('latin1');
  return s === 'TRUE' || s === 'FALSE';
};

/** §3.3.16 Integer = ( HYPHEN LDIGIT *DIGIT ) / number: no `+`, no `-0`, no leading zeros. */
export const INTEGER = /^(?:0|-?[1-9][0-9]*)$/;
export const integer: Validator = (v) => INTEGER.test(v.toString('latin1'));

/** §3.3.2 Bit String = SQUOTE *binary-digit SQUOTE "B". */
export const BIT_STRING = /^'[01]*'B$/;
export const bitString: Validator = (v) => BIT_STRING.test(v.toString('latin1'));

/** §3.3.26 OID = descr / numericoid. */
export const oid: Validator = (v) => {
  const s = v.toString('latin1');
  return DESCR.test(s) || NUMERIC_OID.test(s);
};

function parsesAsDn(text: string): boolean {
  try {
    Dn.parse(text);
    return true;
  } catch (error) {
    if (error instanceof LdapError) return false;
    throw error;
  }
}

/** §3.3.9 DN: an RFC 4514 string. */
export const dn: Validator = (v) => isUtf8(v) && parsesAsDn(v.toString('utf8'));

/** Splits `dn#'0101'B` (§3.3.21 Name and Optional UID) at the last `#` that starts a bit string. */
export function splitNameAndUid(text: string): { dn: string; uid?: string } {
  const hash = text.lastIndexOf('#');
  if (hash >= 0 && BIT_STRING.test(text.slice(hash + 1))) return { dn: text.slice(0, hash), uid: text.slice(hash + 1) };
  return { dn: text };
}

export const nameAndOptionalUid: Validator = (v) => isUtf8(v) && parsesAsDn(splitNameAndUid(v.toString('utf8')).dn);

/** §3.3.13 Generalized Time. */
export const generalizedTime: Validator = (v) => parseGeneralizedTime(v.toString('latin1')) !== undefined;

/** RFC 4530 §2.1 UUID: the RFC 4122 string form. */
export const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
export const uuid: Validator = (v) => UUID.test(v.toString('latin1'));

/** §3.3.5 Delivery Method: pdm *( WSP DOLLAR WSP pdm ). */
const PDM = new Set(['any', 'mhs', 'physical', 'telex', 'teletex', 'g3fax', 'g4fax', 'ia5', 'videotex', 'telephone']);
export const deliveryMethod: Validator = (v) => {
  const parts = v.toString('latin1').split('$').map((p) => p.trim());
  return parts.every((p) => PDM.has(p));
};

/** §3.3.11 Facsimile Telephone Number: telephone-number *( DOLLAR fax-parameter ). */
const FAX_PARAMETERS = new Set(['twoDimensional', 'fineResolution', 'unlimitedLength', 'b4Length', 'a3Width', 'b4Width', 'uncompressed']);
export const facsimileTelephoneNumber: Validator = (v) => {
  const [number, ...parameters] = v.toString('latin1').split('$');
  return number !== undefined && PRINTABLE.test(number) && parameters.every((p) => FAX_PARAMETERS.has(p));
};

/** §3.3.17 JPEG: a JFIF file, which starts with the SOI marker FF D8. */
export const jpeg: Validator = (v) => v.length >= 4 && v[0] === 0xff && v[1] === 0xd8;

/** §3.3.28 Postal Address: lines separated by `$`, each non-empty, `\24` and `\5C` the only escapes. */
export const postalAddress: Validator = (v) => {
  if (!isUtf8(v)) return false;
  return v.toString('utf8').split('$').every((line) => line.length > 0 && /^(?:[^\\]|\\24|\\5[Cc])*$/.test(line));
};

/** §3.3.30 Substring Assertion: at least one `*`, pieces non-empty UTF-8, escapes `\2A` and `\5C` only. */
export const substringAssertion: Validator = (v) => {
  if (!isUtf8(v)) return false;
  const text = v.toString('utf8');
  return text.includes('*') && !text.includes('**') && /^(?:[^\\]|\\2[Aa]|\\5[Cc])*$/.test(text);
};

/** §3.3.1 / §3.3.19: the value must itself parse as a description of that kind. */
export function descriptionOf(kind: 'attributeType' | 'objectClass' | 'syntax' | 'matchingRule' | 'matchingRuleUse'): Validator {
  return (v) => {
    if (!isUtf8(v)) return false;
    try {
      parseDescription(kind, v.toString('utf8'));
      return true;
    } catch (error) {
      if (error instanceof LdapError) return false;
      throw error;
    }
  };
}
