/** Lexical pieces of RFC 2849 shared by the reader and the writer. */

/**
 * RFC 2849 AttributeDescription = AttributeType [";" options]; AttributeType = ldap-oid / (ALPHA *attr-type-chars);
 * options = 1*opt-char *(";" 1*opt-char), attr-type-chars and opt-char = ALPHA / DIGIT / "-".
 */
export const ATTRIBUTE_DESCRIPTION = /^(?:[A-Za-z][A-Za-z0-9-]*|(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))+)(?:;[A-Za-z0-9-]+)*$/;

/** RFC 2849 ldap-oid as used by `control:` lines (numeric form). */
export const NUMERIC_OID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))+$/;

/** RFC 2849 BASE64-STRING: RFC 2045 alphabet, canonical padding. Node's decoder skips junk, so we check first. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64.test(text);
}

/** SAFE-CHAR excludes NUL, LF and CR; LF cannot reach a line, so these are what a plain value must not hold. */
export const UNSAFE_IN_PLAIN_VALUE = /[\0\r]/;

/** Printable ASCII: such a line decodes the same as latin1 and UTF-8, so it needs no re-decoding. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Whether bytes may be written as `attr: value`. Stricter than RFC 2849 SAFE-STRING on purpose: besides the
 * RFC's rules (no NUL/LF/CR, no leading space, ':' or '<') we base64 any byte outside printable ASCII (control
 * characters, non-ASCII, invalid UTF-8) and a trailing space, which the RFC says SHOULD be base64-encoded.
 */
export function isSafeBytes(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n === 0) return true;
  const first = bytes[0]!;
  if (first === 0x20 || first === 0x3a || first === 0x3c) return false;
  if (bytes[n - 1] === 0x20) return false;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

/** Same rule for a JS string, without encoding it when it is printable ASCII. */
export function isSafeText(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  const first = text.charCodeAt(0);
  if (first === 0x20 || first === 0x3a || first === 0x3c) return false;
  if (text.charCodeAt(n - 1) === 0x20) return false;
  return PRINTABLE_ASCII.test(text);
}

/** `keyword:` at the start of a line, keyword matched case-insensitively (ABNF literals are case-insensitive). */
export function hasKeyword(text: string, keyword: string): boolean {
  const n = keyword.length;
  return text.length > n && text.charCodeAt(n) === 0x3a && text.slice(0, n).toLowerCase() === keyword;
}
