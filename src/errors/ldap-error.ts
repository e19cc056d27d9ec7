import { ResultCode, resultCodeName } from './result-code.js';

export interface LdapErrorOptions {
  /** RFC 4511 §4.1.9: the last existing entry on the path to a missing one. */
  readonly matchedDn?: string;
  readonly cause?: unknown;
}

/**
 * Every error that should become an LDAP result carries its result code. The server maps errors to
 * responses in one place; anything that is not an LdapError becomes `other` there.
 */
export class LdapError extends Error {
  override readonly name: string = 'LdapError';
  readonly resultCode: number;
  readonly matchedDn: string;

  constructor(resultCode: number, message: string, options: LdapErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.resultCode = resultCode;
    this.matchedDn = options.matchedDn ?? '';
  }

  get resultName(): string {
    return resultCodeName(this.resultCode);
  }
}

/** Malformed protocol data: a PDU, a control value or an extended operation value that does not decode. */
export class ProtocolError extends LdapError {
  override readonly name: string = 'ProtocolError';
  constructor(message: string, options: LdapErrorOptions = {}) {
    super(ResultCode.protocolError, message, options);
  }
}

export class InvalidDnSyntaxError extends LdapError {
  override readonly name: string = 'InvalidDnSyntaxError';
  constructor(message: string, options: LdapErrorOptions = {}) {
    super(ResultCode.invalidDNSyntax, message, options);
  }
}

/** A filter string or BER filter that does not parse. RFC 4511 has no filter result code: protocolError. */
export class FilterSyntaxError extends LdapError {
  override readonly name: string = 'FilterSyntaxError';
  readonly position: number;
  constructor(message: string, position = -1, options: LdapErrorOptions = {}) {
    super(ResultCode.protocolError, message, options);
    this.position = position;
  }
}

export class UnavailableCriticalExtensionError extends LdapError {
  override readonly name: string = 'UnavailableCriticalExtensionError';
  constructor(message: string, options: LdapErrorOptions = {}) {
    super(ResultCode.unavailableCriticalExtension, message, options);
  }
}

/** An LDIF record that cannot be read; carries the line where the record starts or the fault is. */
export class LdifSyntaxError extends Error {
  override readonly name: string = 'LdifSyntaxError';
  readonly line: number;
  constructor(message: string, line: number, options: { cause?: unknown } = {}) {
    super(`line ${line}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.line = line;
  }
}
