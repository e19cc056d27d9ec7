export type { SaslContext, SaslCredentialStore, SaslOptions, SaslServerMechanism, SaslStep, SaslTlsInfo, ScramVerifier } from './types.js';
export { SaslMessage } from './types.js';
export { saslPrep } from './saslprep.js';
export { SCRAM_MIN_ITERATIONS, formatScramVerifier, makeScramVerifier, parseScramVerifier } from './scram-crypto.js';
export { decodeSaslName, encodeSaslName } from './scram-messages.js';
export {
  ChannelBindingType,
  TLS_EXPORTER_LABEL,
  TLS_EXPORTER_LENGTH,
  channelBindingData,
  channelBindingTypes,
  serverEndPointHash,
} from './channel-binding.js';
export { ScramMessage, ScramServerMechanism } from './scram.js';
export { PlainMessage, PlainServerMechanism } from './plain.js';
export { ExternalMessage, ExternalServerMechanism } from './external.js';
export { SaslMechanismName, availableMechanisms, createSaslMechanism } from './mechanisms.js';
