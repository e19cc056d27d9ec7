import type { SaslStep } from './types.js';

/** Small constructors shared by the mechanisms (not exported from the barrel). */
export const fail = (resultCode: number, message: string): SaslStep => ({ kind: 'failure', resultCode, message });
export const challenge = (data: Buffer | string): SaslStep => ({
  kind: 'continue',
  challenge: typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
});

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 decoding: an invalid sequence yields undefined instead of U+FFFD. */
export function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
