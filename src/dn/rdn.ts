import { InvalidDnSyntaxError } from '../errors/index.js';
import { checkAttributeType } from './attribute-type.js';
import { createAva, formatAvaValue } from './ava.js';
import { berElementProblem } from './ber-check.js';
import type { Ava } from './ava.js';
import { escapeDnValue } from './escape.js';
import { defaultValueNormalizer } from './normalizer.js';
import type { ValueNormalizer } from './normalizer.js';
import { VALIDATED } from './trust.js';

/** Identity of an AVA within an RDN: type case-insensitively (types are ASCII), value by octets. */
function avaIdentity(ava: Ava): string {
  // Types cannot contain '=' or '#', and latin1 maps octets one-to-one, so the key is unambiguous.
  return `${ava.type.toLowerCase()}${ava.hexEncoded ? '#' : '='}${ava.value.toString('latin1')}`;
}

/**
 * Index of the first AVA that repeats an earlier one (same type, same octets), or -1. Pairwise
 * for the usual tiny RDN; a Set beyond that, so a crafted RDN of thousands of AVAs (8 KiB of
 * `a=1+a=2+...`) costs linear rather than quadratic time.
 */
export function duplicateAvaIndex(avas: readonly Ava[]): number {
  const n = avas.length;
  if (n <= 8) {
    for (let i = 1; i < n; i++) {
      const ava = avas[i] as Ava;
      for (let j = 0; j < i; j++) {
        const other = avas[j] as Ava;
        if (ava.hexEncoded === other.hexEncoded && ava.value.equals(other.value) && ava.type.toLowerCase() === other.type.toLowerCase()) return i;
      }
    }
    return -1;
  }
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const key = avaIdentity(avas[i] as Ava);
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return -1;
}

/** The key form of one AVA under a normalizer: `type=value`, value escaped canonically. */
function normalizeAva(ava: Ava, normalizer: ValueNormalizer): string {
  const type = normalizer.normalizeType(ava.type);
  // A `#hex` value is a BER element, not the attribute's LDAP string form; without the schema it
  // cannot be decoded, so it is compared as octets and never passed to normalizeValue.
  if (ava.hexEncoded) return `${type}=#${ava.value.toString('hex')}`;
  return `${type}=${escapeDnValue(normalizer.normalizeValue(ava.type, ava.value))}`;
}

/**
 * A RelativeDistinguishedName: one or more AVAs (RFC 4514 §3 `attributeTypeAndValue *( PLUS ... )`).
 * The same type may appear twice (`cn=a+cn=b`) but not the same type and value (X.501 §9.3: an
 * RDN is a *set* of AVAs).
 */
export class Rdn {
  readonly avas: readonly Ava[];
  #string: string | undefined;
  #normalized: string | undefined;

  constructor(avas: readonly Ava[], validated?: typeof VALIDATED) {
    if (validated === VALIDATED) {
      this.avas = Object.freeze(avas);
      return;
    }
    if (avas.length === 0) throw new InvalidDnSyntaxError('an RDN needs at least one attribute type and value');
    for (const ava of avas) {
      checkAttributeType(ava.type);
      // A hand-made AVA is held to what createAva and the parser guarantee for `#hex` values.
      if (ava.hexEncoded && (ava.value.length === 0 || berElementProblem(ava.value) !== undefined)) {
        throw new InvalidDnSyntaxError(`hex value of '${ava.type}' is not a single BER element`);
      }
    }
    const duplicate = avas[duplicateAvaIndex(avas)];
    if (duplicate !== undefined) {
      throw new InvalidDnSyntaxError(`duplicate attribute type and value '${duplicate.type}=${duplicate.rawValue}' in RDN`);
    }
    this.avas = Object.freeze(avas.slice());
  }

  /** A single-valued RDN from a type and a value (a string is taken as UTF-8). */
  static of(type: string, value: string | Buffer): Rdn {
    return new Rdn([createAva(type, value)]);
  }

  get isMultiValued(): boolean {
    return this.avas.length > 1;
  }

  /** The first AVA whose type matches `type` (case-insensitively), or undefined. */
  find(type: string): Ava | undefined {
    const lower = type.toLowerCase();
    return this.avas.find((ava) => ava.type.toLowerCase() === lower);
  }

  /** RFC 4514 §2.2/§2.3: AVAs joined by `+`, in the order written, values escaped canonically. */
  toString(): string {
    if (this.#string === undefined) {
      let out = '';
      for (const ava of this.avas) out += `${out === '' ? '' : '+'}${ava.type}=${formatAvaValue(ava)}`;
      this.#string = out;
    }
    return this.#string;
  }

  toJSON(): string {
    return this.toString();
  }

  /**
   * The key form: each AVA normalised and the AVAs of a multi-valued RDN sorted (their order is
   * not significant, X.501 §9.3). Cached for the default normalizer.
   */
  normalize(normalizer: ValueNormalizer = defaultValueNormalizer): string {
    const isDefault = normalizer === defaultValueNormalizer;
    if (isDefault && this.#normalized !== undefined) return this.#normalized;
    let result: string;
    if (this.avas.length === 1) {
      result = normalizeAva(this.avas[0] as Ava, normalizer);
    } else {
      // Plain code-unit order: the same on every platform and locale.
      result = this.avas
        .map((ava) => normalizeAva(ava, normalizer))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .join('+');
    }
    if (isDefault) this.#normalized = result;
    return result;
  }

  equals(other: Rdn, normalizer: ValueNormalizer = defaultValueNormalizer): boolean {
    return this === other || (this.avas.length === other.avas.length && this.normalize(normalizer) === other.normalize(normalizer));
  }
}
