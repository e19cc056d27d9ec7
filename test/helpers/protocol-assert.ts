import assert from 'node:assert/strict';
import { ProtocolError } from '../../src/errors/index.js';

/** Hex with optional spaces, for hand-derived BER vectors. */
export const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** ASCII content bytes as hex, so vectors show the hand-derived tags and lengths around readable text. */
export const ascii = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

/** The call throws a ProtocolError (protocolError, 2) with exactly this message. */
export function assertMalformed(fn: () => unknown, message: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ProtocolError, `expected ProtocolError, got ${String(err)}`);
    assert.equal(err.resultCode, 2);
    assert.equal(err.message, message);
    return true;
  });
}
