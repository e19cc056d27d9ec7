/** What the connection knows about its transport; the SASL mechanisms read only this. */
export interface SaslTlsInfo {
  /** tlsSocket.exportKeyingMaterial bound to this connection (RFC 5705 / RFC 8446 §7.5). */
  readonly exporter?: (label: string, length: number) => Buffer;
  /** The server certificate (DER) presented on this connection, for tls-server-end-point (RFC 5929 §4). */
  readonly certificate?: Buffer;
  /** The negotiated protocol version, as tlsSocket.getProtocol() reports it: 'TLSv1.3' | 'TLSv1.2'. */
  readonly protocol?: string;
}

export interface SaslContext {
  /** undefined when the connection is not protected by TLS (plain LDAP before StartTLS, LDAPI). */
  readonly tls: SaslTlsInfo | undefined;
  readonly clientCertificate?: { readonly subject: string; readonly der: Buffer; readonly verified: boolean };
  /** Refuse every mechanism that is not bound to the TLS channel (like Windows' LdapEnforceChannelBinding). */
  readonly requireChannelBinding: boolean;
}

/** One server step of an RFC 4422 exchange: another challenge, or an outcome. */
export type SaslStep =
  | { readonly kind: 'continue'; readonly challenge: Buffer }
  | { readonly kind: 'success'; readonly authzId: string; readonly serverFinal?: Buffer }
  | { readonly kind: 'failure'; readonly resultCode: number; readonly message: string };

export interface SaslServerMechanism {
  readonly name: string;
  /** The client's data (undefined: no initial response / no credentials in this bind request). */
  step(clientData: Buffer | undefined): Promise<SaslStep>;
}

/** A parsed RFC 5803 `{SCRAM-SHA-256}` value. */
export interface ScramVerifier {
  readonly iterations: number;
  readonly salt: Buffer;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

export interface SaslCredentialStore {
  /** SCRAM verifiers for a user name (RFC 5803 stored form, parsed), or undefined (unknown user). */
  scramVerifier(username: string): Promise<ScramVerifier | undefined>;
  /** Plaintext password check for PLAIN. */
  checkPassword(username: string, password: Buffer): Promise<boolean>;
  /** Maps a verified client certificate to an identity (EXTERNAL): 'dn:...', 'u:...' or a bare DN. */
  identityForCertificate(cert: { subject: string; der: Buffer }): Promise<string | undefined>;
}

/** Knobs that only the integrator (or a test) sets. */
export interface SaslOptions {
  /**
   * Secret that seeds the fake salt of unknown SCRAM users. Persist it: with the per-process default, a fake
   * salt changes on every restart while a real one never does, which tells an observer the user does not exist.
   */
  readonly secret?: Buffer;
  /** Iteration count shown to unknown users; set it to what real verifiers use. Default 4096. */
  readonly fakeIterations?: number;
  /** Fixed server nonce part (printable, no ','): only for test vectors. Default: base64 of 24 random bytes. */
  readonly serverNonce?: string;
}

/** Messages shared by several mechanisms, so callers and tests can match them exactly. */
export const SaslMessage = {
  finished: 'the SASL exchange has already finished',
  invalidCredentials: 'invalid credentials',
  channelBindingRequired: 'channel binding is required on this connection: use SCRAM-SHA-256-PLUS or EXTERNAL',
  tlsRequired: 'PLAIN is only allowed over TLS',
  authzDenied: 'the authorization identity differs from the authenticated identity',
  notUtf8: 'SASL credentials are not valid UTF-8',
} as const;
