/**
 * Per-attribute equality normalisation, the hook the schema layer implements (distinguishedNameMatch,
 * RFC 4517 §4.2.15, compares RDN values with each attribute's equality rule).
 */
export interface ValueNormalizer {
  /** The key form of a type: e.g. lower case, or the OID / canonical name from the schema. */
  normalizeType(type: string): string;
  /** The key form of a value under `type`'s equality rule; a string is taken as UTF-8. */
  normalizeValue(type: string, value: Buffer): Buffer | string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** RFC 4518 §2.2 maps the separators and every other Unicode space to SPACE; `\s` is that set. */
const SPACES = /\s+/g;

function isAscii(value: Buffer): boolean {
  for (let i = 0; i < value.length; i++) if ((value[i] as number) >= 0x80) return false;
  return true;
}

function asciiLower(type: string): string {
  for (let i = 0; i < type.length; i++) {
    const c = type.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return type.toLowerCase();
  }
  return type;
}

/**
 * caseIgnoreMatch-like until the schema supplies real rules: types lower-cased (they are ASCII);
 * values NFKC-normalised, case-folded (upper then lower, which also folds `ß`/`ſ`-style pairs),
 * leading/trailing spaces removed and inner runs collapsed to one (RFC 4518 §2.6.1, insignificant
 * space handling). Octets that are not UTF-8 cannot be folded and are returned as they are.
 */
export const defaultValueNormalizer: ValueNormalizer = Object.freeze({
  normalizeType: asciiLower,
  normalizeValue(_type: string, value: Buffer): Buffer | string {
    let text: string;
    if (isAscii(value)) {
      text = value.toString('latin1').toLowerCase();
    } else {
      try {
        text = utf8.decode(value);
      } catch {
        return value;
      }
      text = text.normalize('NFKC').toUpperCase().toLowerCase();
    }
    return text.replace(SPACES, ' ').trim();
  },
});
