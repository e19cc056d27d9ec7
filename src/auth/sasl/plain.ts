import { ResultCode } from '../../errors/index.js';
import { saslPrep } from './saslprep.js';
import { authzidNamesUser } from './scram.js';
import type { SaslContext, SaslCredentialStore, SaslServerMechanism, SaslStep } from './types.js';
import { challenge, decodeUtf8, fail } from './step-helpers.js';
import { SaslMessage } from './types.js';

export const PlainMessage = {
  malformed: 'malformed PLAIN message: expected authzid NUL authcid NUL passwd',
} as const;

/**
 * PLAIN (RFC 4616): one message `[authzid] NUL authcid NUL passwd`. The password travels in the clear inside
 * the SASL layer, so Warden accepts it only over TLS (RFC 4616 §6), and not at all where channel binding is
 * required.
 */
export class PlainServerMechanism implements SaslServerMechanism {
  readonly name = 'PLAIN';
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
    if (this.#ctx.tls === undefined) return fail(ResultCode.confidentialityRequired, SaslMessage.tlsRequired);
    if (this.#ctx.requireChannelBinding) return fail(ResultCode.strongerAuthRequired, SaslMessage.channelBindingRequired);
    if (clientData === undefined) {
      if (state === 'emptySent') return fail(ResultCode.protocolError, PlainMessage.malformed);
      this.#state = 'emptySent'; // RFC 4422 §5 (2): no initial response, so send an empty challenge
      return challenge(Buffer.alloc(0));
    }
    const first = clientData.indexOf(0);
    const second = first < 0 ? -1 : clientData.indexOf(0, first + 1);
    if (second < 0 || clientData.indexOf(0, second + 1) >= 0) return fail(ResultCode.protocolError, PlainMessage.malformed);
    const authzid = decodeUtf8(clientData.subarray(0, first));
    const authcid = decodeUtf8(clientData.subarray(first + 1, second));
    const password = clientData.subarray(second + 1);
    if (authzid === undefined || authcid === undefined || decodeUtf8(password) === undefined) {
      return fail(ResultCode.protocolError, SaslMessage.notUtf8);
    }
    if (authcid === '' || password.length === 0) return fail(ResultCode.protocolError, PlainMessage.malformed);
    // RFC 4616 §2: the authcid is prepared (SASLprep) before it is compared. The password is passed as sent,
    // so PLAIN and a simple bind verify the same bytes against the stored userPassword.
    const username = saslPrep(authcid);
    if (username === undefined || username === '') return fail(ResultCode.invalidCredentials, SaslMessage.invalidCredentials);
    if (!(await this.#store.checkPassword(username, Buffer.from(password)))) {
      return fail(ResultCode.invalidCredentials, SaslMessage.invalidCredentials);
    }
    if (authzid !== '' && !authzidNamesUser(authzid, username)) {
      return fail(ResultCode.authorizationDenied, SaslMessage.authzDenied);
    }
    return { kind: 'success', authzId: `u:${username}` };
  }
}
