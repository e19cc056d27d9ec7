/** TLS key or certificate material that cannot be used: unreadable, malformed, mismatched or unsafe on disk. */
export class TlsMaterialError extends Error {
  override readonly name: string = 'TlsMaterialError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}
