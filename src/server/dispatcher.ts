import { LdapError, ResultCode } from '../errors/index.js';
import { PROXIED_AUTHZ_OID } from '../protocol/index.js';
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
