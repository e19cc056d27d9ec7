import { LdapError, ResultCode } from '../errors/index.js';
import { defaultValueNormalizer } from './normalizer.js';
import type { ValueNormalizer } from './normalizer.js';
import { parseRdns } from './parser.js';
import type { DnParseOptions } from './parser.js';
import type { Rdn } from './rdn.js';
import { VALIDATED } from './trust.js';

/**
 * A DistinguishedName (RFC 4514), immutable. Like slapd's `o_req_dn` / `o_req_ndn` pair it has two
 * string forms side by side: {@link toString} for display and responses, {@link normalize} for
 * comparisons and keys. Both are computed once and cached (normalize for the default normalizer).
 */
export class Dn {
  /** The root DN, `""` (RFC 4514 §2.1: the empty sequence of RDNs). */
  static readonly root: Dn = new Dn([]);

  /** rdns[0] is the leftmost, most specific RDN; the last is the one nearest the root. */
  readonly rdns: readonly Rdn[];
  #string: string | undefined;
  #normalized: string | undefined;

  constructor(rdns: readonly Rdn[], owned?: typeof VALIDATED) {
    // The parser hands over a fresh array; anyone else's is copied so they cannot change it later.
    this.rdns = Object.freeze(owned === VALIDATED ? rdns : rdns.slice());
  }

  /**
   * Parses an RFC 4514 DN string. Throws InvalidDnSyntaxError (resultCode invalidDNSyntax) whose
   * message names the problem and the 0-based position, e.g. `empty RDN at position 5`.
   */
  static parse(text: string, options: DnParseOptions = {}): Dn {
    if (text.length === 0) return Dn.root;
    return new Dn(parseRdns(text, options), VALIDATED);
  }

  get isRoot(): boolean {
    return this.rdns.length === 0;
  }

  get length(): number {
    return this.rdns.length;
  }

  /** The leftmost RDN, or undefined for the root DN. */
  rdn(): Rdn | undefined {
    return this.rdns[0];
  }

  /** The DN one level up (the root for a one-RDN DN), or undefined for the root DN. */
  parent(): Dn | undefined {
    if (this.rdns.length === 0) return undefined;
    if (this.rdns.length === 1) return Dn.root;
    return new Dn(this.rdns.slice(1));
  }

  /** The DN of an entry named `rdn` directly below this one. */
  child(rdn: Rdn): Dn {
    return new Dn([rdn, ...this.rdns]);
  }

  /**
   * The DN after a ModifyDN (RFC 4511 §4.9): the leftmost RDN replaced by `newRdn`, and moved under
   * `newParent` when one is given (newSuperior).
   */
  rename(newRdn: Rdn, newParent?: Dn): Dn {
    // The root DSE has no RDN and is not an entry that can be renamed.
    if (this.rdns.length === 0) throw new LdapError(ResultCode.unwillingToPerform, 'the root DN cannot be renamed');
    return (newParent ?? (this.parent() as Dn)).child(newRdn);
  }

  /** RFC 4514 §2: RDNs joined by `,`, types as written, values re-escaped canonically. */
  toString(): string {
    if (this.#string === undefined) this.#string = this.rdns.map((rdn) => rdn.toString()).join(',');
    return this.#string;
  }

  toJSON(): string {
    return this.toString();
  }

  /**
   * The normalised key form: each RDN's {@link Rdn.normalize} joined by `,`. Two DNs are equal
   * under distinguishedNameMatch (RFC 4517 §4.2.15) exactly when these strings are equal.
   */
  normalize(normalizer: ValueNormalizer = defaultValueNormalizer): string {
    const isDefault = normalizer === defaultValueNormalizer;
    if (isDefault && this.#normalized !== undefined) return this.#normalized;
    const result = this.rdns.map((rdn) => rdn.normalize(normalizer)).join(',');
    if (isDefault) this.#normalized = result;
    return result;
  }

  equals(other: Dn, normalizer: ValueNormalizer = defaultValueNormalizer): boolean {
    if (this === other) return true;
    if (this.rdns.length !== other.rdns.length) return false;
    return this.normalize(normalizer) === other.normalize(normalizer);
  }

  /** Whether `other` lies strictly below this DN (the root is an ancestor of every other DN). */
  isAncestorOf(other: Dn, normalizer: ValueNormalizer = defaultValueNormalizer): boolean {
    return other.rdns.length > this.rdns.length && this.#isSuffixOf(other, normalizer);
  }

  /** Whether `other` is an immediate child of this DN. */
  isParentOf(other: Dn, normalizer: ValueNormalizer = defaultValueNormalizer): boolean {
    return other.rdns.length === this.rdns.length + 1 && this.#isSuffixOf(other, normalizer);
  }

  /** Whether this DN lies strictly below `other`. */
  isDescendantOf(other: Dn, normalizer: ValueNormalizer = defaultValueNormalizer): boolean {
    return other.isAncestorOf(this, normalizer);
  }

  /** Compares RDN by RDN from the root end: never on raw string suffixes. */
  #isSuffixOf(other: Dn, normalizer: ValueNormalizer): boolean {
    const offset = other.rdns.length - this.rdns.length;
    for (let i = this.rdns.length - 1; i >= 0; i--) {
      if (!(this.rdns[i] as Rdn).equals(other.rdns[i + offset] as Rdn, normalizer)) return false;
    }
    return true;
  }
}
