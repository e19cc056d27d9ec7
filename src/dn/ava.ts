import { InvalidDnSyntaxError } from '../errors/index.js';
import { checkAttributeType } from './attribute-type.js';
import { berElementProblem } from './ber-check.js';
import { escapeDnValue } from './escape.js';

/**
 * One AttributeTypeAndValue of an RDN (RFC 4514 §3). Plain readonly data; the Buffer must not be
 * mutated (RDNs and DNs cache their string forms).
 */
export interface Ava {
  /** The attribute type as written (a descr or numericoid), case preserved. */
  readonly type: string;
  /**
   * The value's octets: escapes decoded, kept as bytes so `\XX` sequences that are not UTF-8
   * survive. For a `#hex` value, the complete BER element the hex spells (tag, length, content).
   */
  readonly value: Buffer;
  /** The value as written in the DN string, escapes intact, surrounding unescaped spaces trimmed. */
  readonly rawValue: string;
  /** Whether the value was written as `#hex` (RFC 4514 §2.4); formatting keeps that form. */
  readonly hexEncoded: boolean;
}

export interface CreateAvaOptions {
  /** `value` is a BER element to be written as `#hex`; it must be exactly one complete TLV. */
  readonly hexEncoded?: boolean;
}

/** Builds a validated AVA from a type and a value (a string is taken as UTF-8). */
export function createAva(type: string, value: string | Buffer, options: CreateAvaOptions = {}): Ava {
  checkAttributeType(type);
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  if (options.hexEncoded === true) {
    if (bytes.length === 0) throw new InvalidDnSyntaxError('hex value needs at least one octet');
    const problem = berElementProblem(bytes);
    if (problem !== undefined) throw new InvalidDnSyntaxError(`hex value is not a single BER element: ${problem}`);
    return Object.freeze({ type, value: bytes, rawValue: `#${bytes.toString('hex')}`, hexEncoded: true });
  }
  return Object.freeze({ type, value: bytes, rawValue: escapeDnValue(bytes), hexEncoded: false });
}

/** The string form of one AVA's value: `#hex` for hex-encoded values, else escaped per RFC 4514 §2.4. */
export function formatAvaValue(ava: Ava): string {
  return ava.hexEncoded ? `#${ava.value.toString('hex')}` : escapeDnValue(ava.value);
}
