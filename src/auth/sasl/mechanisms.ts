import { channelBindingTypes } from './channel-binding.js';
import { ExternalServerMechanism } from './external.js';
import { PlainServerMechanism } from './plain.js';
import { ScramServerMechanism } from './scram.js';
import type { SaslContext, SaslCredentialStore, SaslOptions, SaslServerMechanism } from './types.js';

export const SaslMechanismName = {
  scramSha256Plus: 'SCRAM-SHA-256-PLUS',
  scramSha256: 'SCRAM-SHA-256',
  external: 'EXTERNAL',
  plain: 'PLAIN',
} as const;

/**
 * A fresh server state machine for one bind exchange, or undefined for a mechanism Warden does not implement
 * (the caller answers authMethodNotSupported). Mechanism names are matched exactly: RFC 4422 §3.1 names are
 * upper case. A known mechanism that cannot succeed on this connection is still returned; its first step
 * explains why (e.g. PLAIN without TLS -> confidentialityRequired).
 */
export function createSaslMechanism(
  name: string,
  ctx: SaslContext,
  store: SaslCredentialStore,
  options: SaslOptions = {},
): SaslServerMechanism | undefined {
  switch (name) {
    case SaslMechanismName.scramSha256Plus:
      return new ScramServerMechanism(true, ctx, store, options);
    case SaslMechanismName.scramSha256:
      return new ScramServerMechanism(false, ctx, store, options);
    case SaslMechanismName.plain:
      return new PlainServerMechanism(ctx, store);
    case SaslMechanismName.external:
      return new ExternalServerMechanism(ctx, store);
    default:
      return undefined;
  }
}

/**
 * supportedSASLMechanisms for this connection, strongest first. PLAIN only over TLS (never a cleartext
 * password on the wire); the PLUS variant only when a channel binding type is available; EXTERNAL whenever
 * TLS is on (a client certificate is requested during the handshake). With requireChannelBinding only the
 * mechanisms that can succeed are listed, so a client is not invited to try one that will be refused.
 */
export function availableMechanisms(ctx: SaslContext): string[] {
  const names: string[] = [];
  if (channelBindingTypes(ctx).length > 0) names.push(SaslMechanismName.scramSha256Plus);
  if (!ctx.requireChannelBinding) names.push(SaslMechanismName.scramSha256);
  if (ctx.tls !== undefined) {
    names.push(SaslMechanismName.external);
    if (!ctx.requireChannelBinding) names.push(SaslMechanismName.plain);
  }
  return names;
}
