import { ResultCode } from '../../errors/index.js';
import { Dn } from '../../dn/index.js';
import type { SaslContext, SaslCredentialStore, SaslServerMechanism, SaslStep } from './types.js';
import { challenge, decodeUtf8, fail } from './step-helpers.js';
import { SaslMessage } from './types.js';

export const ExternalMessage = {
  noCertificate: 'EXTERNAL needs a verified TLS client certificate',
  unmapped: 'the client certificate does not map to an identity',
} as const;

/** An identity from the store in authzId form: 'dn:...' and 'u:...' stay, a bare DN gets 'dn:'. */
function asAuthzId(identity: string): string {
  return identity.startsWith('dn:') || identity.startsWith('u:') ? identity : `dn:${identity}`;
}

function sameIdentity(requested: string, identity: string): boolean {
  if (requested === identity) return true;
  if (!requested.startsWith('dn:') || !identity.startsWith('dn:')) return false;
  try {
    return Dn.parse(requested.slice(3)).equals(Dn.parse(identity.slice(3)));
  } catch {
    return false;
  }
}

/**
 * EXTERNAL (RFC 4422 Appendix A) over TLS: the identity is the verified client certificate. The client's only
 * message is an optional authzid, which must name that same identity. A certificate is bound to the TLS
 * channel, so EXTERNAL is allowed where channel binding is required.
 */
export class ExternalServerMechanism implements SaslServerMechanism {
  readonly name = 'EXTERNAL';
  readonly #ctx: SaslContext;
  readonly #store: SaslCredentialStore;
  #state: 'start' | 'emptySent' | 'done' = 'start';

  constructor(ctx: SaslContext, store: SaslCredentialStore) {
    this.#ctx = ctx;
    this.#store = store;
  }

  async step(clientData: Buffer | undefined): Promise<SaslStep> {
    const state = this.#state;
    this.#state = 'done';
    if (state === 'done') return fail(ResultCode.protocolError, SaslMessage.finished);
    const cert = this.#ctx.clientCertificate;
    if (this.#ctx.tls === undefined || cert === undefined || !cert.verified) {
      return fail(ResultCode.inappropriateAuthentication, ExternalMessage.noCertificate);
    }
    if (clientData === undefined) {
      if (state === 'emptySent') return fail(ResultCode.protocolError, 'EXTERNAL response missing');
      this.#state = 'emptySent'; // RFC 4422 Appendix A.1: the client may answer an empty challenge instead
      return challenge(Buffer.alloc(0));
    }
    const requested = decodeUtf8(clientData);
    if (requested === undefined) return fail(ResultCode.protocolError, SaslMessage.notUtf8);
    const identity = await this.#store.identityForCertificate({ subject: cert.subject, der: cert.der });
    if (identity === undefined || identity === '') return fail(ResultCode.invalidCredentials, ExternalMessage.unmapped);
    const authzId = asAuthzId(identity);
    if (requested !== '' && !sameIdentity(requested, authzId)) {
      return fail(ResultCode.authorizationDenied, SaslMessage.authzDenied);
    }
    return { kind: 'success', authzId };
  }
}
