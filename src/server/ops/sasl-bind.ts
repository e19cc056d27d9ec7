import { LdapError, ResultCode } from '../../errors/index.js';
import type { BindRequest } from '../../protocol/index.js';
import { burnVerification, verifyPassword } from '../../auth/index.js';
import { createSaslMechanism } from '../../auth/sasl/index.js';
import type { SaslContext, SaslCredentialStore, SaslServerMechanism } from '../../auth/sasl/index.js';
import type { ReadTxn, StoredEntry } from '../../backend/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import type { SessionInfo } from '../session.js';
import { ANONYMOUS } from '../session.js';
import { result } from '../respond.js';

/**
 * SASL binds (RFC 4513 §5.2, RFC 4422). Offered today: PLAIN (RFC 4616), only over TLS. SCRAM-SHA-256(-PLUS) and
 * EXTERNAL are implemented in src/auth/sasl but need stored SCRAM verifiers and a client-certificate mapping first,
 * so they are answered with authMethodNotSupported. A mechanism that asks for another round keeps its state on the
 * connection until the next bind (saslBindInProgress, RFC 4511 §4.2.2).
 */
export const OFFERED_SASL_MECHANISMS = ['PLAIN'] as const;

/** What supportedSASLMechanisms shows on a connection: nothing without TLS (RFC 4616 §6 for PLAIN). */
export function advertisedSaslMechanisms(session: SessionInfo): string[] {
  return session.tls !== undefined || session.listener.startsWith('ldapi://') ? [...OFFERED_SASL_MECHANISMS] : [];
}

const inProgress = new WeakMap<object, SaslServerMechanism>();

function saslContext(session: SessionInfo): SaslContext {
  const tls = session.tls;
  const local = session.listener.startsWith('ldapi://');
  if (tls === undefined) return { tls: local ? {} : undefined, requireChannelBinding: false };
  return {
    tls: {
      exporter: (label, length) => tls.exportKeyingMaterial(length, label, Buffer.alloc(0)),
      certificate: certificateOf(tls.getCertificate()),
      protocol: tls.getProtocol() ?? '',
    },
    requireChannelBinding: false,
  };
}

/** The server certificate's DER (for tls-server-end-point), when Node exposes it. */
function certificateOf(cert: object | null): Buffer {
  const raw = (cert as { raw?: unknown } | null)?.raw;
  return Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
}

/** The entry a SASL user name denotes: a `dn:` authzId, or the one entry whose uid is the name. */
function entryForName(server: ServerContext, txn: ReadTxn, name: string): StoredEntry | undefined {
  const directory = server.directory;
  if (name.startsWith('dn:')) {
    try {
      return txn.getByNdn(directory.target(name.slice(3)).ndn);
    } catch {
      return undefined;
    }
  }
  const key = directory.schema.equalityKey('uid', Buffer.from(name));
  if (key === undefined) return undefined;
  const ids = txn.idsWithEquality('uid', key) ?? [];
  return ids.length === 1 ? txn.getById(ids[0] as number) : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Credentials for the SASL mechanisms. Password checks go through the same brute-force throttle as simple binds
 * (keyed by the entry's DN, or by the name when no entry has it), so PLAIN is no way around the lockout.
 */
function credentialStore(server: ServerContext, session: SessionInfo): SaslCredentialStore {
  return {
    scramVerifier: () => Promise.resolve(undefined),
    identityForCertificate: () => Promise.resolve(undefined),
    async checkPassword(username, password) {
      const entry = server.directory.backend.read((txn) => entryForName(server, txn, username));
      const account = entry?.ndn ?? `u:${username.toLowerCase()}`;
      const throttle = server.bindThrottle;
      const gate = throttle?.check(account, session.remoteAddress) ?? { allowed: true, delayMs: 0 };
      const stored = entry === undefined || !gate.allowed ? [] : server.directory.valuesOf(entry.attributes, 'userPassword');
      let ok = false;
      if (stored.length === 0) await burnVerification(password);
      for (const value of stored) if (!ok && (await verifyPassword(value, password)).ok) ok = true;
      if (ok) {
        throttle?.recordSuccess(account, session.remoteAddress);
        return true;
      }
      throttle?.recordFailure(account, session.remoteAddress);
      if (gate.delayMs > 0) await sleep(gate.delayMs);
      return false;
    },
  };
}

export async function saslBind(server: ServerContext, request: BindRequest, ctx: RequestContext): Promise<OperationOutcome> {
  if (request.authentication.method !== 'sasl') throw new LdapError(ResultCode.protocolError, 'not a SASL bind');
  const { mechanism: name, credentials } = request.authentication;
  const log = { method: 'sasl', mechanism: name };
  let mechanism = inProgress.get(ctx.connection);
  inProgress.delete(ctx.connection);
  if (mechanism === undefined || mechanism.name !== name) {
    mechanism = (OFFERED_SASL_MECHANISMS as readonly string[]).includes(name) ? createSaslMechanism(name, saslContext(ctx.session), credentialStore(server, ctx.session)) : undefined;
  }
  if (mechanism === undefined) {
    return { result: result(ResultCode.authMethodNotSupported, `SASL mechanism ${name} is not offered; offered: ${OFFERED_SASL_MECHANISMS.join(', ')} (over TLS)`), identity: ANONYMOUS, log };
  }
  const step = await mechanism.step(credentials);
  if (step.kind === 'continue') {
    inProgress.set(ctx.connection, mechanism);
    return { result: { ...result(ResultCode.saslBindInProgress), serverSaslCreds: step.challenge }, identity: ANONYMOUS, log };
  }
  if (step.kind === 'failure') return { result: result(step.resultCode, step.message), identity: ANONYMOUS, log };
  const entry = server.directory.backend.read((txn) => entryForName(server, txn, step.authzId.startsWith('u:') ? step.authzId.slice(2) : step.authzId));
  if (entry === undefined) return { result: result(ResultCode.invalidCredentials, 'invalid credentials'), identity: ANONYMOUS, log };
  return {
    result: { ...result(ResultCode.success), ...(step.serverFinal !== undefined ? { serverSaslCreds: step.serverFinal } : {}) },
    identity: { kind: 'dn', dn: entry.dn, ndn: entry.ndn, method: 'sasl' },
    log: { ...log, dn: entry.dn },
  };
}
