import { BerReader, BerWriter } from '../../ber/index.js';
import { LdapError, ProtocolError, ResultCode } from '../../errors/index.js';

/**
 * Shared plumbing for control and extended-operation values. Internal to the protocol layer (not
 * re-exported by a barrel): every value codec goes through here so a malformed value always surfaces
 * as a ProtocolError whose message names the control or operation it belongs to.
 */

/** `label` is the whole message prefix, e.g. `malformed paged results control value`. */
export function malformedValue(label: string, detail: string, cause?: unknown): ProtocolError {
  return new ProtocolError(`${label}: ${detail}`, cause === undefined ? {} : { cause });
}

/**
 * Decodes a BER value that must be present and must hold exactly what `read` consumes. Any
 * protocolError raised while reading (BerDecodeError included) is re-raised with `label` in front.
 */
export function decodeBerValue<T>(label: string, value: Buffer | undefined, read: (r: BerReader) => T): T {
  if (value === undefined) throw malformedValue(label, 'the value is absent');
  try {
    const r = new BerReader(value);
    const result = read(r);
    // Trailing bytes after the value's single element are an encoding error, not padding.
    r.end();
    return result;
  } catch (err) {
    if (err instanceof LdapError && err.resultCode === ResultCode.protocolError) {
      throw malformedValue(label, err.message, err);
    }
    throw err;
  }
}

export function encodeBerValue(write: (w: BerWriter) => void): Buffer {
  const w = new BerWriter(64);
  write(w);
  return w.toBuffer();
}

/** For controls and operations whose specification says the value is absent. */
export function expectNoValue(label: string, value: Buffer | undefined): undefined {
  if (value !== undefined) throw malformedValue(label, `a value of ${value.length} bytes is present, but none is allowed`);
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Raw UTF-8 (not BER-wrapped) text; invalid UTF-8 is refused rather than silently replaced. */
export function decodeUtf8(label: string, value: Buffer): string {
  try {
    return utf8.decode(value);
  } catch (err) {
    throw malformedValue(label, 'the value is not valid UTF-8', err);
  }
}

/**
 * RFC 4513 §5.2.1.8: authzId = dnAuthzId / uAuthzId, and RFC 4370 §3 / RFC 4532 §2 use the empty
 * string for the anonymous identity. Only the form is checked here; resolving it is the server's job.
 */
export function decodeAuthzId(label: string, value: Buffer): string {
  const authzId = decodeUtf8(label, value);
  if (authzId !== '' && !authzId.startsWith('dn:') && !authzId.startsWith('u:')) {
    throw malformedValue(label, `authzId must be empty or start with "dn:" or "u:"`);
  }
  return authzId;
}

/** INTEGER (0 .. maxInt) fields: a negative number is a protocol error, not a value to clamp. */
export function readNonNegative(r: BerReader, what: string, tag?: number): number {
  const value = tag === undefined ? r.readInteger() : r.readInteger(tag);
  if (value < 0) throw new ProtocolError(`${what} must be in 0..maxInt, got ${value}`);
  return value;
}
