import { Ch, describeChar, isAlpha, isDigit, syntaxError } from './chars.js';

/** Characters that may follow an attribute type in a DN: the type is complete there. */
function endsType(c: number): boolean {
  return Number.isNaN(c) || c === Ch.EQUALS || c === Ch.SPACE || c === Ch.COMMA || c === Ch.PLUS;
}

/**
 * Scans `attributeType = descr / numericoid` (RFC 4514 §3, RFC 4512 §1.4) from `start` and returns
 * the index after it; returns `start` when no type begins there (the caller knows what was
 * expected instead). Attribute options (`cn;lang-en`) are not part of a DN and are rejected.
 *
 * RFC 1779's `OID.2.5.4.3` prefix is deliberately NOT accepted: RFC 2253 dropped it and RFC 4514
 * keeps it out of the grammar, so accepting it would give one entry two spellings that
 * other servers disagree on. It gets its own message because people still write it.
 */
export function scanAttributeType(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (isAlpha(first)) return scanDescr(text, start);
  if (isDigit(first)) return scanNumericOid(text, start);
  return start;
}

/** descr = keystring = leadkeychar *keychar; leadkeychar = ALPHA; keychar = ALPHA / DIGIT / HYPHEN */
function scanDescr(text: string, start: number): number {
  let i = start + 1;
  for (let c = text.charCodeAt(i); isAlpha(c) || isDigit(c) || c === Ch.HYPHEN; c = text.charCodeAt(i)) i++;
  const stop = text.charCodeAt(i);
  if (endsType(stop)) return i;
  if (stop === Ch.DOT && i - start === 3 && text.slice(start, i).toLowerCase() === 'oid') {
    throw syntaxError("'OID.' prefix is not allowed in an attribute type (RFC 4514)", start);
  }
  throw syntaxError(`invalid character ${describeChar(text, i)} in attribute type`, i);
}

/**
 * numericoid = number 1*( DOT number ); number = DIGIT / ( LDIGIT 1*DIGIT ).
 * So at least two arcs, and no leading zero in an arc other than "0" itself.
 */
function scanNumericOid(text: string, start: number): number {
  let i = start;
  let arcs = 0;
  for (;;) {
    const arcStart = i;
    if (!isDigit(text.charCodeAt(i))) throw syntaxError('empty arc in numeric OID', i);
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(arcStart) === Ch.ZERO && i - arcStart > 1) throw syntaxError('leading zero in numeric OID arc', arcStart);
    arcs++;
    if (text.charCodeAt(i) !== Ch.DOT) break;
    i++;
  }
  if (!endsType(text.charCodeAt(i))) throw syntaxError(`invalid character ${describeChar(text, i)} in numeric OID`, i);
  if (arcs < 2) throw syntaxError('numeric OID needs at least two arcs', start);
  return i;
}

/** Throws InvalidDnSyntaxError unless `type` is exactly one descr or numericoid. */
export function checkAttributeType(type: string): void {
  const end = scanAttributeType(type, 0);
  if (end === 0) {
    throw syntaxError(type.length === 0 ? 'missing attribute type' : `invalid character ${describeChar(type, 0)} at the start of an attribute type`, 0);
  }
  if (end !== type.length) throw syntaxError(`invalid character ${describeChar(type, end)} in attribute type`, end);
}
