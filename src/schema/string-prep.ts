import type { SubstringPosition } from '../filter/index.js';

/**
 * RFC 4518 string preparation: Transcode (UTF-8 → string), Map (§2.2), Normalize (NFKC, §2.3) and
 * Insignificant Character Handling (§2.6). Prohibit (§2.4) is not applied, as in OpenLDAP: rejecting
 * stored values for private-use characters would lose data without making matching any safer.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(value: Buffer): string | undefined {
  try {
    return utf8.decode(value);
  } catch {
    return undefined;
  }
}

/** §2.2: controls (except the line/tab ones), soft hyphens, joiners, variation selectors → nothing. */
// The character classes are exactly RFC 4518's lists, controls and combining marks included.
const MAP_TO_NOTHING =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u034f\u06dd\u070f\u1806\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2063\u206a-\u206f\ufe00-\ufe0f\ufeff\ufff9-\ufffc\u{1d173}-\u{1d17a}\u{e0001}\u{e0020}-\u{e007f}]/gu;
/** §2.2: tab, line breaks, NEL and every separator (Zs, Zl, Zp) → SPACE. */
const MAP_TO_SPACE = /[\t\n\v\f\r\u0085\p{Zs}\u2028\u2029]/gu;
// eslint-disable-next-line no-control-regex
const ASCII_TO_NOTHING = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const ASCII_TO_SPACE = /[\t\n\v\f\r]/g;

/**
 * Map and Normalize. Case folding (RFC 3454 B.2 via upper-then-lower, so `ß` → `ss`) is repeated after
 * NFKC because compatibility decompositions can produce capitals (`㎒` → `MHz`).
 */
export function prepareText(text: string, fold: boolean): string {
  let out = text.replace(MAP_TO_NOTHING, '').replace(MAP_TO_SPACE, ' ');
  if (fold) out = out.toUpperCase().toLowerCase();
  out = out.normalize('NFKC');
  if (fold) out = out.toUpperCase().toLowerCase();
  return out;
}

function words(text: string): string[] {
  return text.split(' ').filter((word) => word !== '');
}

/** §2.6.1 for equality and ordering: ends trimmed, inner runs of spaces count as one. */
export function compactSpaces(text: string): string {
  return words(text).join(' ');
}

/**
 * ASCII fast path of prepare + compactSpaces, without regexes or NFKC (ASCII is NFKC-stable): one scan
 * that decides whether anything beyond lower-casing is needed. `undefined` when a byte is not ASCII.
 * Every indexed value of every write goes through this.
 */
export function asciiStringKey(value: Buffer, fold: boolean): string | undefined {
  const n = value.length;
  let upper = false;
  let work = false;
  let previousSpace = true;
  for (let i = 0; i < n; i++) {
    const c = value[i] as number;
    if (c >= 0x80) return undefined;
    if (c === 0x20) {
      if (previousSpace) work = true;
      previousSpace = true;
    } else {
      previousSpace = false;
      if (c < 0x20 || c === 0x7f) work = true;
      else if (c >= 0x41 && c <= 0x5a) upper = true;
    }
  }
  if (previousSpace) work = true;
  let text = value.toString('latin1');
  if (fold && upper) text = text.toLowerCase();
  return work ? compactSpaces(text.replace(ASCII_TO_NOTHING, '').replace(ASCII_TO_SPACE, ' ')) : text;
}

/** The equality/ordering form of a string value, or undefined when it is not UTF-8. */
export function stringKey(value: Buffer, fold: boolean): string | undefined {
  const ascii = asciiStringKey(value, fold);
  if (ascii !== undefined) return ascii;
  const text = decodeUtf8(value);
  return text === undefined ? undefined : compactSpaces(prepareText(text, fold));
}

/** Map + Normalize only (substrings, telephone numbers), or undefined when not UTF-8. */
export function preparedText(value: Buffer, fold: boolean): string | undefined {
  const text = decodeUtf8(value);
  return text === undefined ? undefined : prepareText(text, fold);
}

/**
 * §2.6.1 for substrings: a value becomes ` w1  w2 ` (one space at each end, inner runs doubled), so
 * that the initial piece `foo ` (→ ` foo  `... see spacedSubstring) matches "foo bar" but not "foobar".
 */
export function spacedValue(text: string): string {
  const list = words(text);
  return list.length === 0 ? '  ' : ` ${list.join('  ')} `;
}

export function spacedSubstring(text: string, position: SubstringPosition): string {
  if (text === '') return '';
  const list = words(text);
  if (list.length === 0) return ' ';
  const lead = position === 'initial' || text.startsWith(' ') ? ' ' : '';
  const trail = position === 'final' || text.endsWith(' ') ? ' ' : '';
  return `${lead}${list.join('  ')}${trail}`;
}

/** §2.6.3 telephoneNumber: hyphens and spaces (after mapping) are insignificant and removed. */
export function stripTelephone(text: string): string {
  return text.replace(/[ \u002d\u058a\u2010\u2011\u2212\ufe63\uff0d]/g, '');
}

/** §2.6.2 numericString: spaces are insignificant and removed. */
export function stripSpaces(text: string): string {
  return text.replace(/ /g, '');
}
