import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ResultCode } from '../../errors/index.js';
import { channelBindingData, channelBindingTypes } from './channel-binding.js';
import { saslPrep } from './saslprep.js';
import { SCRAM_MIN_ITERATIONS, SCRAM_SALT_BYTES, decodeBase64Strict, hmac, sha256 } from './scram-crypto.js';
import type { ClientFirst } from './scram-messages.js';
import { parseClientFinal, parseClientFirst } from './scram-messages.js';
import type { SaslContext, SaslCredentialStore, SaslOptions, SaslServerMechanism, SaslStep, ScramVerifier } from './types.js';
import { challenge, decodeUtf8, fail } from './step-helpers.js';
import { SaslMessage } from './types.js';

/** Failure messages specific to SCRAM, for callers and tests that match them exactly. */
export const ScramMessage = {
  channelBindingMismatch: 'channel binding mismatch',
  downgrade: 'the client believes the server does not support channel binding, but it does: possible downgrade attack (RFC 5802 §6)',
  plusNeedsBinding: 'SCRAM-SHA-256-PLUS requires the GS2 channel binding flag p=',
  bindingWithoutPlus: 'channel binding (p=) requested with SCRAM-SHA-256: use SCRAM-SHA-256-PLUS',
  unsupportedBinding: (name: string): string => `channel binding type ${name} is not available on this connection`,
  nonceMismatch: 'nonce mismatch',
  badUsername: 'the user name is rejected by SASLprep',
  missingFinal: 'client-final message missing',
} as const;

/** Server nonce: 24 random bytes (RFC 5802 §5.1 only asks for enough entropy), base64 is printable and comma-free. */
const SERVER_NONCE_BYTES = 24;
/** Per-process default secret for fake salts; see SaslOptions.secret for why the integrator should persist one. */
const PROCESS_SECRET = randomBytes(32);

interface Exchange {
  readonly first: ClientFirst;
  readonly username: string;
  readonly verifier: ScramVerifier;
  readonly known: boolean;
  readonly cbData: Buffer;
  readonly serverFirst: string;
  readonly nonce: string;
}

/**
 * Server side of SCRAM-SHA-256 and SCRAM-SHA-256-PLUS (RFC 5802, RFC 7677), as a state machine:
 * start -> client-first (answered with server-first) -> client-final (answered with success + server-final).
 */
export class ScramServerMechanism implements SaslServerMechanism {
  readonly name: string;
  readonly #plus: boolean;
  readonly #ctx: SaslContext;
  readonly #store: SaslCredentialStore;
  readonly #options: SaslOptions;
  #state: 'start' | 'emptySent' | 'firstSent' | 'done' = 'start';
  #exchange: Exchange | undefined;

  constructor(plus: boolean, ctx: SaslContext, store: SaslCredentialStore, options: SaslOptions = {}) {
    this.name = plus ? 'SCRAM-SHA-256-PLUS' : 'SCRAM-SHA-256';
    this.#plus = plus;
    this.#ctx = ctx;
    this.#store = store;
    this.#options = options;
  }

  async step(clientData: Buffer | undefined): Promise<SaslStep> {
    const state = this.#state;
    this.#state = 'done'; // any early return below ends the exchange; the happy paths set the next state
    if (state === 'done') return fail(ResultCode.protocolError, SaslMessage.finished);
    if (!this.#plus && this.#ctx.requireChannelBinding) {
      return fail(ResultCode.strongerAuthRequired, SaslMessage.channelBindingRequired);
    }
    if (state === 'firstSent') return this.#final(clientData);
    if (clientData === undefined) {
      if (state === 'emptySent') return fail(ResultCode.protocolError, 'client-first message missing');
      // RFC 4422 §5 (2): a client-first mechanism without an initial response gets an empty challenge.
      this.#state = 'emptySent';
      return challenge(Buffer.alloc(0));
    }
    return this.#first(clientData);
  }

  async #first(data: Buffer): Promise<SaslStep> {
    const text = decodeUtf8(data);
    if (text === undefined) return fail(ResultCode.protocolError, SaslMessage.notUtf8);
    const first = parseClientFirst(text);
    if (typeof first === 'string') return fail(ResultCode.protocolError, first);
    const offered = channelBindingTypes(this.#ctx);
    let cbData: Buffer = Buffer.alloc(0);
    if (this.#plus) {
      if (first.flag !== 'p') return fail(ResultCode.protocolError, ScramMessage.plusNeedsBinding);
      const data = channelBindingData(this.#ctx, first.cbName as string);
      if (data === undefined) {
        return fail(ResultCode.inappropriateAuthentication, ScramMessage.unsupportedBinding(first.cbName as string));
      }
      cbData = data;
    } else if (first.flag === 'p') {
      return fail(ResultCode.protocolError, ScramMessage.bindingWithoutPlus);
    } else if (first.flag === 'y' && offered.length > 0) {
      // RFC 5802 §6: "y" while this server advertises a PLUS variant means an attacker stripped it.
      return fail(ResultCode.inappropriateAuthentication, ScramMessage.downgrade);
    }
    const username = saslPrep(first.username);
    if (username === undefined || username === '') return fail(ResultCode.invalidCredentials, ScramMessage.badUsername);
    const real = await this.#store.scramVerifier(username);
    const verifier = real ?? this.#fakeVerifier(username);
    const nonce = first.clientNonce + (this.#options.serverNonce ?? randomBytes(SERVER_NONCE_BYTES).toString('base64'));
    const serverFirst = `r=${nonce},s=${verifier.salt.toString('base64')},i=${verifier.iterations}`;
    this.#exchange = { first, username, verifier, known: real !== undefined, cbData, serverFirst, nonce };
    this.#state = 'firstSent';
    return challenge(serverFirst);
  }

  /**
   * An unknown user gets a salt and keys derived from the name and a secret, so the server-first message has
   * the same form and is stable across attempts (RFC 5802 §9 on user enumeration); the proof check runs the
   * same code and then fails.
   */
  #fakeVerifier(username: string): ScramVerifier {
    const secret = this.#options.secret ?? PROCESS_SECRET;
    return {
      iterations: this.#options.fakeIterations ?? SCRAM_MIN_ITERATIONS,
      salt: hmac(secret, `scram-salt\0${username}`).subarray(0, SCRAM_SALT_BYTES),
      storedKey: hmac(secret, `scram-stored-key\0${username}`),
      serverKey: hmac(secret, `scram-server-key\0${username}`),
    };
  }

  async #final(data: Buffer | undefined): Promise<SaslStep> {
    const ex = this.#exchange as Exchange;
    if (data === undefined) return fail(ResultCode.protocolError, ScramMessage.missingFinal);
    const text = decodeUtf8(data);
    if (text === undefined) return fail(ResultCode.protocolError, SaslMessage.notUtf8);
    const final = parseClientFinal(text);
    if (typeof final === 'string') return fail(ResultCode.protocolError, final);
    if (final.nonce !== ex.nonce) return fail(ResultCode.invalidCredentials, ScramMessage.nonceMismatch);
    // RFC 5802 §5.1 "c": base64 of the GS2 header followed by the channel-binding data, compared byte for byte.
    const expected = Buffer.concat([Buffer.from(ex.first.gs2Header, 'utf8'), ex.cbData]);
    const presented = decodeBase64Strict(final.channelBinding);
    if (presented === undefined || presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      return fail(ResultCode.invalidCredentials, ScramMessage.channelBindingMismatch);
    }
    const proof = decodeBase64Strict(final.proof);
    const { storedKey, serverKey } = ex.verifier;
    const authMessage = `${ex.first.bare},${ex.serverFirst},${final.withoutProof}`;
    const clientSignature = hmac(storedKey, authMessage);
    // A proof of the wrong length is compared as zeros so the work done does not depend on it.
    const proofBytes = proof?.length === clientSignature.length ? proof : Buffer.alloc(clientSignature.length);
    const clientKey = Buffer.alloc(clientSignature.length);
    for (let i = 0; i < clientKey.length; i++) clientKey[i] = (proofBytes[i] as number) ^ (clientSignature[i] as number);
    const matches = timingSafeEqual(sha256(clientKey), storedKey);
    if (!matches || !ex.known || proofBytes !== proof) {
      return fail(ResultCode.invalidCredentials, SaslMessage.invalidCredentials);
    }
    const authzid = ex.first.authzid;
    if (authzid !== undefined && !authzidNamesUser(authzid, ex.username)) {
      return fail(ResultCode.authorizationDenied, SaslMessage.authzDenied);
    }
    const serverSignature = hmac(serverKey, authMessage);
    return { kind: 'success', authzId: `u:${ex.username}`, serverFinal: Buffer.from(`v=${serverSignature.toString('base64')}`) };
  }
}

/**
 * Warden supports an authzid only when it names the authenticated user itself (RFC 4513 §5.2.1.8 `u:` form,
 * or the bare user name); proxy authorization is off until an administrator can allow it.
 */
export function authzidNamesUser(authzid: string, username: string): boolean {
  const name = authzid.startsWith('u:') ? authzid.slice(2) : authzid;
  return saslPrep(name) === username;
}
