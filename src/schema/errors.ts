import { LdapError, ResultCode } from '../errors/index.js';

/**
 * A schema text that cannot be read or resolved (a bad definition, an unknown SUP, a duplicate OID).
 * It is configuration, not a client request, so it carries `other`; the message is one line that names
 * the definition and the problem, e.g. `attributetype 'foo': unknown SUP 'bar'`.
 */
export class SchemaParseError extends LdapError {
  override readonly name: string = 'SchemaParseError';
  constructor(message: string) {
    super(ResultCode.other, message);
  }
}

/** The error every syntax check and matching-rule normaliser raises for a value invalid for its syntax. */
export function invalidSyntax(message: string): LdapError {
  return new LdapError(ResultCode.invalidAttributeSyntax, message);
}
