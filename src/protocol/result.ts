import { BerDecodeError, contextTag } from '../ber/index.js';
import type { BerReader, BerWriter } from '../ber/index.js';
import type { Mutable } from './mutable.js';

/**
 * LDAPResult (RFC 4511 §4.1.9). Response operations embed it with COMPONENTS OF, so these helpers
 * read and write the components only; the caller owns the enclosing [APPLICATION n] SEQUENCE.
 */
export interface LdapResult {
  readonly resultCode: number;
  readonly matchedDN: string;
  readonly diagnosticMessage: string;
  /** RFC 4511 §4.1.10: Referral ::= SEQUENCE SIZE (1..MAX) OF uri URI */
  readonly referral?: readonly string[];
}

const REFERRAL = contextTag(3, true);

export function encodeLdapResult(w: BerWriter, result: LdapResult): void {
  const code = result.resultCode;
  if (!Number.isInteger(code) || code < 0 || code > 0x7fffffff) {
    throw new RangeError(`resultCode must be an integer in 0..2147483647, got ${code}`);
  }
  w.writeEnumerated(code);
  w.writeString(result.matchedDN);
  w.writeString(result.diagnosticMessage);
  const referral = result.referral;
  if (referral !== undefined) {
    if (referral.length === 0) throw new RangeError('referral must hold at least one URI (RFC 4511 §4.1.10)');
    w.startSequence(REFERRAL);
    for (const uri of referral) w.writeString(uri);
    w.endSequence();
  }
}

/**
 * Reads the LDAPResult components and tags them with the operation `type`, in one object literal so
 * the hot response path builds no intermediate object. Leaves the reader after the optional referral.
 */
export function decodeResultComponents<T extends string>(r: BerReader, type: T): { type: T } & Mutable<LdapResult> {
  const codeAt = r.offset;
  const resultCode = r.readEnumerated();
  // The resultCode enumeration is extensible (`...`) but has no negative members.
  if (resultCode < 0) throw new BerDecodeError(`resultCode ${resultCode} is negative`, codeAt);
  const matchedDN = r.readString();
  const diagnosticMessage = r.readString();
  const result: { type: T } & Mutable<LdapResult> = { type, resultCode, matchedDN, diagnosticMessage };
  if (r.peekTagOrEnd() === REFERRAL) {
    const seq = r.readSequence(REFERRAL);
    const referral: string[] = [];
    while (!seq.atEnd) referral.push(seq.readString());
    if (referral.length === 0) throw new BerDecodeError('referral holds no URI', seq.offset);
    result.referral = referral;
  }
  return result;
}

/** Reads the LDAPResult components from `r` (see {@link decodeResultComponents}). */
export function decodeLdapResult(r: BerReader): LdapResult {
  const { resultCode, matchedDN, diagnosticMessage, referral } = decodeResultComponents(r, 'ldapResult');
  return referral === undefined ? { resultCode, matchedDN, diagnosticMessage } : { resultCode, matchedDN, diagnosticMessage, referral };
}
