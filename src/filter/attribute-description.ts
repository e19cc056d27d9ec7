/**
 * RFC 4512 §1.4 / §2.5 name grammar, shared by the string parser (to reject) and the formatter (to refuse
 * to print something that would parse back differently):
 *
 *   attributedescription = attributetype options     options = *( SEMI option )   option = 1*keychar
 *   oid = descr / numericoid     descr = ALPHA *( ALPHA / DIGIT / HYPHEN )
 *   numericoid = number 1*( DOT number )     number = DIGIT / ( LDIGIT 1*DIGIT )
 */
const OID = String.raw`(?:[A-Za-z][A-Za-z0-9-]*|(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))+)`;
const OID_RE = new RegExp(`^${OID}$`);
const ATTRIBUTE_DESCRIPTION_RE = new RegExp(`^${OID}(?:;[A-Za-z0-9-]+)*$`);

/** `cn`, `cn;lang-en;binary`, `2.5.4.3` — but not `c n`, `1.02`, `_x` or `cn;`. */
export function isValidAttributeDescription(text: string): boolean {
  return ATTRIBUTE_DESCRIPTION_RE.test(text);
}

/** A descriptor (`caseExactMatch`) or a numeric OID (`2.5.13.5`), as a matching rule is named. */
export function isValidOid(text: string): boolean {
  return OID_RE.test(text);
}
