import { LdapError, ResultCode } from '../errors/index.js';
import { PROXIED_AUTHZ_OID, START_TLS_OID, WHO_AM_I_OID } from '../protocol/index.js';
import type { ProtocolOp, RequestOpType } from '../protocol/index.js';
import type { OperationOutcome, RequestContext, RequestHandler } from './connection.js';
import type { ServerContext } from './context.js';
import { add } from './ops/add.js';
import { bind } from './ops/bind.js';
import { compare } from './ops/compare.js';
import { del } from './ops/delete.js';
import { extended } from './ops/extended.js';
import { modify } from './ops/modify.js';
import { modifyDn } from './ops/modify-dn.js';
import { search } from './ops/search.js';
import { result } from './respond.js';
import { ANONYMOUS } from './session.js';
import type { SessionInfo } from './session.js';

export const CLEARTEXT_REFUSED =
  'confidentiality required: this server accepts binds and directory operations only over TLS; use LDAPS (ldaps://, port 636) or StartTLS (e.g. ldapsearch -ZZ)';
export const ANONYMOUS_REFUSED = 'anonymous access is limited to the root DSE; bind first';

/** TLS, or a local ldapi:// socket (which never crosses a network, like OpenLDAP's ssf for ldapi). */
function isConfidential(session: SessionInfo): boolean {
  return session.tls !== undefined || session.listener.startsWith('ldapi://');
}

function isRootDseRead(request: ProtocolOp): boolean {
  return request.type === 'searchRequest' && request.baseObject === '' && request.scope === 'base';
}

/**
 * What a connection without TLS may do (OpenLDAP `security tls=1`): start TLS, read the root DSE, leave. An
 * anonymous bind carries no credential, and standard tools (ldapsearch -x, nmap's ldap-rootdse) send one before
 * reading the root DSE, so it is allowed too.
 */
function permittedInCleartext(request: ProtocolOp): boolean {
  if (request.type === 'bindRequest') {
    return request.name === '' && request.authentication.method === 'simple' && request.authentication.password.length === 0;
  }
  return (request.type === 'extendedRequest' && request.requestName === START_TLS_OID) || isRootDseRead(request);
}

/** What an anonymous client may do by default: bind, start TLS, ask who it is, read the root DSE. */
function permittedAnonymously(server: ServerContext, request: ProtocolOp): boolean {
  if (request.type === 'bindRequest' || isRootDseRead(request)) return true;
  if (request.type === 'extendedRequest') return request.requestName === START_TLS_OID || request.requestName === WHO_AM_I_OID;
  if (server.security.anonymousSubschema && request.type === 'searchRequest' && request.scope === 'base') {
    try {
      return server.directory.target(request.baseObject).ndn === server.directory.subschemaNdn;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Routes each request to its operation after resolving its controls (RFC 4511 §4.1.11: an unknown critical
 * control is unavailableCriticalExtension, an unknown non-critical one is ignored).
 */
export class Dispatcher implements RequestHandler {
  readonly #server: ServerContext;

  constructor(server: ServerContext) {
    this.#server = server;
  }

  async handle(request: ProtocolOp, ctx: RequestContext): Promise<OperationOutcome> {
    const server = this.#server;
    // RFC 4513 §5.1.2/§6: no credential or directory data without confidentiality. The check comes before the bind
    // looks at its password, so a cleartext password is never compared and the answer reveals nothing about it.
    if (!server.security.allowCleartext && !isConfidential(ctx.session) && !permittedInCleartext(request)) {
      return {
        result: result(ResultCode.confidentialityRequired, CLEARTEXT_REFUSED),
        ...(request.type === 'bindRequest' ? { identity: ANONYMOUS } : {}),
        log: { refused: 'cleartext' },
      };
    }
    if (!server.security.allowAnonymousRead && ctx.session.identity.kind === 'anonymous' && !permittedAnonymously(server, request)) {
      return { result: result(ResultCode.insufficientAccessRights, ANONYMOUS_REFUSED), log: { refused: 'anonymous' } };
    }
    const extendedOid = request.type === 'extendedRequest' ? request.requestName : undefined;
    const controls = server.controls.resolve(ctx.controls, request.type as RequestOpType, extendedOid);
    if (controls.has(PROXIED_AUTHZ_OID)) {
      // RFC 4370 §3: proxied authorization is refused unless an administrator allows it (not yet configurable).
      throw new LdapError(ResultCode.authorizationDenied, 'proxied authorization is not allowed on this server');
    }
    switch (request.type) {
      case 'bindRequest':
        return bind(server, request, ctx);
      case 'searchRequest':
        return search(server, request, ctx, controls);
      case 'addRequest':
        return add(server, request, ctx, controls);
      case 'modifyRequest':
        return modify(server, request, ctx, controls);
      case 'delRequest':
        return del(server, request, ctx, controls);
      case 'modifyDNRequest':
        return modifyDn(server, request, ctx, controls);
      case 'compareRequest':
        return compare(server, request, ctx, controls);
      case 'extendedRequest':
        return extended(server, request, ctx);
      default:
        throw new LdapError(ResultCode.protocolError, `${request.type} is not handled here`);
    }
  }
}
