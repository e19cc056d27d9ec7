/**
 * SASLprep (RFC 4013), the stringprep (RFC 3454) profile for user names and passwords. Tables are from
 * RFC 3454 Appendices B.1, C and D.1. Two approximations, both documented where they apply: "unassigned"
 * (A.1, Unicode 3.2) is approximated by today's General_Category Cn, and LCat (D.2, bidi class L) by letters
 * and spacing marks that are not RandALCat — JavaScript regular expressions have no Bidi_Class property.
 */

type Range = readonly [number, number];

/** C.1.2 non-ASCII space characters: mapped to U+0020 (RFC 4013 §2.1) and prohibited after mapping. */
const NON_ASCII_SPACE: readonly Range[] = [
  [0x00a0, 0x00a0], [0x1680, 0x1680], [0x2000, 0x200b], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000],
];

/** B.1 commonly mapped to nothing (RFC 4013 §2.1). */
const MAPPED_TO_NOTHING: readonly Range[] = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x1806, 0x1806], [0x180b, 0x180d], [0x200b, 0x200d], [0x2060, 0x2060],
  [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
];

/** C.1.2, C.2.1, C.2.2, C.3, C.5, C.6, C.7, C.8, C.9 (C.4 non-characters are tested arithmetically). */
const PROHIBITED: readonly Range[] = [
  ...NON_ASCII_SPACE,
  [0x0000, 0x001f], [0x007f, 0x007f],
  [0x0080, 0x009f], [0x06dd, 0x06dd], [0x070f, 0x070f], [0x180e, 0x180e], [0x200c, 0x200d], [0x2028, 0x2029],
  [0x2060, 0x2063], [0x206a, 0x206f], [0xfeff, 0xfeff], [0xfff9, 0xfffc], [0x1d173, 0x1d17a],
  [0xe000, 0xf8ff], [0xf0000, 0xffffd], [0x100000, 0x10fffd],
  [0xd800, 0xdfff],
  [0xfff9, 0xfffd],
  [0x2ff0, 0x2ffb],
  [0x0340, 0x0341], [0x200e, 0x200f], [0x202a, 0x202e],
  [0xe0001, 0xe0001], [0xe0020, 0xe007f],
];

/** D.1 characters with bidirectional property R or AL. */
const RAND_AL_CAT: readonly Range[] = [
  [0x05be, 0x05be], [0x05c0, 0x05c0], [0x05c3, 0x05c3], [0x05d0, 0x05ea], [0x05f0, 0x05f4], [0x061b, 0x061b],
  [0x061f, 0x061f], [0x0621, 0x063a], [0x0640, 0x064a], [0x066d, 0x066f], [0x0671, 0x06d5], [0x06dd, 0x06dd],
  [0x06e5, 0x06e6], [0x06fa, 0x06fe], [0x0700, 0x070d], [0x0710, 0x0710], [0x0712, 0x072c], [0x0780, 0x07a5],
  [0x07b1, 0x07b1], [0x200f, 0x200f], [0xfb1d, 0xfb1d], [0xfb1f, 0xfb28], [0xfb2a, 0xfb36], [0xfb38, 0xfb3c],
  [0xfb3e, 0xfb3e], [0xfb40, 0xfb41], [0xfb43, 0xfb44], [0xfb46, 0xfbb1], [0xfbd3, 0xfd3d], [0xfd50, 0xfd8f],
  [0xfd92, 0xfdc7], [0xfdf0, 0xfdfc], [0xfe70, 0xfe74], [0xfe76, 0xfefc],
];

const inRanges = (cp: number, ranges: readonly Range[]): boolean => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
const isNonCharacter = (cp: number): boolean => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
const UNASSIGNED = /^\p{Cn}$/u;
const L_CAT = /^[\p{L}\p{Mc}]$/u;

/**
 * Prepares a string with SASLprep. `stored` selects the "stored strings" rules (unassigned code points are
 * prohibited, RFC 3454 §7), as RFC 5802 §2.2 requires for SCRAM passwords. Returns undefined when the string
 * contains a prohibited character or fails the bidi rule (RFC 3454 §6), which callers treat as a failure.
 */
export function saslPrep(input: string, stored = false): string | undefined {
  let mapped = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) as number;
    if (inRanges(cp, MAPPED_TO_NOTHING)) continue;
    mapped += inRanges(cp, NON_ASCII_SPACE) ? ' ' : ch;
  }
  const normalized = mapped.normalize('NFKC');
  let hasRandAL = false;
  let hasL = false;
  const cps: number[] = [];
  for (const ch of normalized) {
    const cp = ch.codePointAt(0) as number;
    if (inRanges(cp, PROHIBITED) || isNonCharacter(cp)) return undefined;
    if (stored && UNASSIGNED.test(ch)) return undefined;
    const randAL = inRanges(cp, RAND_AL_CAT);
    hasRandAL ||= randAL;
    hasL ||= !randAL && L_CAT.test(ch);
    cps.push(cp);
  }
  if (hasRandAL) {
    // RFC 3454 §6: a string with RandALCat must not contain LCat and must start and end with RandALCat.
    if (hasL) return undefined;
    if (!inRanges(cps[0] as number, RAND_AL_CAT) || !inRanges(cps[cps.length - 1] as number, RAND_AL_CAT)) return undefined;
  }
  return normalized;
}
