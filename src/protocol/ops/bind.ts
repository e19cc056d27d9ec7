import { BerDecodeError, contextTag, formatTag } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { OpTag } from '../op-types.js';
import { decodeResultComponents, encodeLdapResult } from '../result.js';
import type { LdapResult } from '../result.js';
import type { Mutable } from '../mutable.js';

/** AuthenticationChoice simple [0] OCTET STRING (RFC 4511 §4.2). */
export interface SimpleAuthentication {
  readonly method: 'simple';
  readonly password: Buffer;
}

/** AuthenticationChoice sasl [3] SaslCredentials (RFC 4511 §4.2). */
export interface SaslAuthentication {
  readonly method: 'sasl';
  readonly mechanism: string;
  readonly credentials?: Buffer;
}

export type BindAuthentication = SimpleAuthentication | SaslAuthentication;

/** BindRequest ::= [APPLICATION 0] SEQUENCE { version INTEGER (1 .. 127), name LDAPDN, authentication } */
export interface BindRequest {
  readonly type: 'bindRequest';
  readonly version: number;
  readonly name: string;
  readonly authentication: BindAuthentication;
}

/** BindResponse ::= [APPLICATION 1] SEQUENCE { COMPONENTS OF LDAPResult, serverSaslCreds [7] OCTET STRING OPTIONAL } */
export interface BindResponse extends LdapResult {
  readonly type: 'bindResponse';
  readonly serverSaslCreds?: Buffer;
}

const AUTH_SIMPLE = contextTag(0, false);
const AUTH_SASL = contextTag(3, true);
const SERVER_SASL_CREDS = contextTag(7, false);

export function writeBindRequest(w: BerWriter, op: BindRequest): void {
  const version = op.version;
  if (!Number.isInteger(version) || version < 1 || version > 127) {
    throw new RangeError(`bind version must be an integer in 1..127, got ${version}`);
  }
  w.startSequence(OpTag.bindRequest);
  w.writeInteger(version);
  w.writeString(op.name);
  const auth = op.authentication;
  if (auth.method === 'simple') {
    w.writeOctetString(auth.password, AUTH_SIMPLE);
  } else if (auth.method === 'sasl') {
    w.startSequence(AUTH_SASL);
    w.writeString(auth.mechanism);
    if (auth.credentials !== undefined) w.writeOctetString(auth.credentials);
    w.endSequence();
  } else {
    throw new RangeError(`unknown bind authentication method ${JSON.stringify((auth as { method: unknown }).method)}`);
  }
  w.endSequence();
}

export function readBindRequest(r: BerReader): BindRequest {
  const seq = r.readSequence(OpTag.bindRequest);
  const versionAt = seq.offset;
  const version = seq.readInteger();
  // RFC 4511 §4.2: version INTEGER (1 .. 127); whether 3 is the only one accepted is the server's call.
  if (version < 1 || version > 127) throw new BerDecodeError(`bind version ${version} is outside 1..127`, versionAt);
  const name = seq.readString();
  const authAt = seq.offset;
  const tag = seq.peekTag();
  let authentication: BindAuthentication;
  if (tag === AUTH_SIMPLE) {
    authentication = { method: 'simple', password: seq.readOctetString(AUTH_SIMPLE) };
  } else if (tag === AUTH_SASL) {
    const sasl = seq.readSequence(AUTH_SASL);
    const mechanism = sasl.readString();
    if (sasl.atEnd) {
      authentication = { method: 'sasl', mechanism };
    } else {
      const credentials = sasl.readOctetString();
      sasl.end();
      authentication = { method: 'sasl', mechanism, credentials };
    }
  } else {
    throw new BerDecodeError(`unsupported bind authentication choice ${formatTag(tag)}`, authAt);
  }
  seq.end();
  return { type: 'bindRequest', version, name, authentication };
}

export function writeBindResponse(w: BerWriter, op: BindResponse): void {
  w.startSequence(OpTag.bindResponse);
  encodeLdapResult(w, op);
  if (op.serverSaslCreds !== undefined) w.writeOctetString(op.serverSaslCreds, SERVER_SASL_CREDS);
  w.endSequence();
}

export function readBindResponse(r: BerReader): BindResponse {
  const seq = r.readSequence(OpTag.bindResponse);
  const op: Mutable<BindResponse> = decodeResultComponents(seq, 'bindResponse');
  if (!seq.atEnd) op.serverSaslCreds = seq.readOctetString(SERVER_SASL_CREDS);
  seq.end();
  return op;
}
