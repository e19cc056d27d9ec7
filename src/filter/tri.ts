/**
 * Three-valued filter logic (RFC 4511 §4.5.1.7). Values are the string literals 'TRUE' | 'FALSE' |
 * 'UNDEFINED' rather than numbers or booleans so that a result printed in a log or an assertion
 * diff names itself, and so that nobody can mistake UNDEFINED for a falsy boolean.
 */
export const Tri = { TRUE: 'TRUE', FALSE: 'FALSE', UNDEFINED: 'UNDEFINED' } as const;
export type Tri = (typeof Tri)[keyof typeof Tri];

export const TRUE: Tri = Tri.TRUE;
export const FALSE: Tri = Tri.FALSE;
export const UNDEFINED: Tri = Tri.UNDEFINED;

/** RFC 4511 §4.5.1.7: FALSE if any is FALSE, else UNDEFINED if any is UNDEFINED, else TRUE (so empty = TRUE). */
export function triAnd(values: Iterable<Tri>): Tri {
  let result: Tri = TRUE;
  for (const value of values) {
    if (value === FALSE) return FALSE;
    if (value === UNDEFINED) result = UNDEFINED;
  }
  return result;
}

/** RFC 4511 §4.5.1.7: TRUE if any is TRUE, else UNDEFINED if any is UNDEFINED, else FALSE (so empty = FALSE). */
export function triOr(values: Iterable<Tri>): Tri {
  let result: Tri = FALSE;
  for (const value of values) {
    if (value === TRUE) return TRUE;
    if (value === UNDEFINED) result = UNDEFINED;
  }
  return result;
}

/** RFC 4511 §4.5.1.7: NOT(Undefined) = Undefined. Folding it to TRUE is how `(!(unknown=x))` leaks every entry. */
export function triNot(value: Tri): Tri {
  return value === TRUE ? FALSE : value === FALSE ? TRUE : UNDEFINED;
}
