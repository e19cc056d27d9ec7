import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer } from 'node:tls';
import type { SecureContext, SecureContextOptions, Server as TlsServer, TLSSocket } from 'node:tls';
import cluster from 'node:cluster';
import { existsSync, unlinkSync } from 'node:fs';
import { createDefaultControlRegistry, createDefaultExtendedOperationRegistry } from '../protocol/index.js';
import { Connection } from './connection.js';
import type { ConnectionLimits } from './connection.js';
import { HARDENED } from './context.js';
import type { SecurityPolicy, ServerContext, ServerLimits } from './context.js';
import { Dispatcher } from './dispatcher.js';
import type { Directory } from './directory.js';
import type { ServerLogger } from './logger.js';
import type { BindThrottle, EnumerationDetector, Honeytokens, NetworkAllowlist, SecurityAlert } from '../security/index.js';
import { AccessControl, DEFAULT_READABLE_ATTRIBUTES, rulesFromConfig } from '../acl/index.js';
import type { AccessRule } from '../acl/index.js';

export interface ListenerSpec {
  readonly scheme: 'ldap' | 'ldaps' | 'ldapi';
  readonly host: string;
  readonly port: number;
  /** For ldapi: the Unix socket path. */
  readonly path?: string;
}

export interface WardenServerOptions {
  readonly directory: Directory;
  readonly listen: readonly ListenerSpec[];
  /** TLS key and certificate with protocol settings; without it, ldaps listeners and StartTLS are unavailable. */
  readonly tls?: SecureContextOptions & { requestCert?: boolean; rejectUnauthorized?: boolean };
  readonly connectionLimits: ConnectionLimits;
  readonly serverLimits: ServerLimits;
  /** Connections this process accepts in all, and from one client address. */
  readonly maxConnections?: number;
  readonly maxConnectionsPerAddress?: number;
  readonly log: ServerLogger;
  readonly version: string;
  /** Defaults to the hardened policy; every relaxation must be asked for. */
  readonly security?: SecurityPolicy;
  /** Clients outside it are disconnected at accept time (TCP listeners; ldapi:// is local). */
  readonly allowlist?: NetworkAllowlist;
  readonly bindThrottle?: BindThrottle;
  readonly enumerationDetector?: EnumerationDetector;
  readonly honeytokens?: Honeytokens;
  /** Receives the audit record of every bind, write and denial. */
  readonly audit?: (record: Record<string, unknown>) => void;
  /** Where alerts go; defaults to a warning in the log. */
  readonly alert?: (alert: SecurityAlert) => void;
  /** Defaults to the built-in policy (administrators manage, users read people and groups and their own entry). */
  readonly access?: AccessControl;
}

export interface BoundListener {
  readonly url: string;
  readonly scheme: ListenerSpec['scheme'];
  readonly host: string;
  readonly port: number;
}

/** A listener that could not be opened: one line that says why and what to do. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/**
 * The built-in policy for a directory: administrators manage; people read people, groups and themselves. With the
 * allowAnonymousRead relaxation, everyone (anonymous included) may read the same limited set of attributes.
 */
export function defaultAccess(
  directory: Directory,
  security: SecurityPolicy,
  configured: { readonly rules?: readonly AccessRule[]; readonly readableAttributes?: readonly string[] } = {},
): AccessControl {
  const suffix = directory.suffix.toString();
  const readable = configured.readableAttributes ?? DEFAULT_READABLE_ATTRIBUTES;
  const rules = rulesFromConfig({
    adminGroupDn: `cn=administrators,ou=groups,${suffix}`,
    readableAttributes: readable,
    peopleBase: `ou=people,${suffix}`,
    groupsBase: `ou=groups,${suffix}`,
    rules: [
      ...(configured.rules ?? []),
      ...(security.allowAnonymousRead
        ? [{ name: 'anonymous-read (security.allowAnonymousRead)', target: { attributes: ['entry', ...readable] }, grants: [{ subject: { kind: 'any' as const }, rights: ['read' as const] }] }]
        : []),
    ],
  });
  return new AccessControl(rules, directory.schema, (dn) => directory.normalize(directory.target(dn).dn));
}

export function listenerUrl(spec: ListenerSpec): string {
  if (spec.scheme === 'ldapi') return `ldapi://${encodeURIComponent(spec.path ?? '')}`;
  const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  return `${spec.scheme}://${host}:${spec.port}`;
}

/**
 * Warden's LDAP server: listeners for ldap:// (with StartTLS), ldaps:// and ldapi://, each connection handled
 * by a {@link Connection} and every request by the {@link Dispatcher}.
 */
export class WardenServer {
  readonly #options: WardenServerOptions;
  readonly #context: ServerContext;
  readonly #dispatcher: Dispatcher;
  readonly #connections = new Set<Connection>();
  readonly #perAddress = new Map<string, number>();
  readonly #servers: (Server | TlsServer)[] = [];
  #secureContext: SecureContext | undefined;
  #bound: BoundListener[] = [];

  constructor(options: WardenServerOptions) {
    this.#options = options;
    this.#secureContext = options.tls === undefined ? undefined : createSecureContext(options.tls);
    this.#context = {
      directory: options.directory,
      controls: createDefaultControlRegistry(),
      extendedOperations: createDefaultExtendedOperationRegistry(),
      limits: options.serverLimits,
      log: options.log,
      vendorVersion: options.version,
      tlsAvailable: options.tls !== undefined,
      namingContexts: [options.directory.suffix.toString()],
      security: options.security ?? HARDENED,
      bindThrottle: options.bindThrottle,
      enumerationDetector: options.enumerationDetector,
      honeytokens: options.honeytokens,
      alert: options.alert ?? ((alert) => options.log.warn({ event: 'security.alert', alert }, `security alert: ${alert.kind}`)),
      access: options.access ?? defaultAccess(options.directory, options.security ?? HARDENED),
    };
    this.#dispatcher = new Dispatcher(this.#context);
  }

  get context(): ServerContext {
    return this.#context;
  }

  get listeners(): readonly BoundListener[] {
    return this.#bound;
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Replaces the TLS key and certificate for new connections (SIGHUP). */
  reloadTls(tls: SecureContextOptions): void {
    this.#secureContext = createSecureContext(tls);
    for (const server of this.#servers) {
      if ('setSecureContext' in server) (server as TlsServer).setSecureContext(tls);
    }
  }

  async start(): Promise<readonly BoundListener[]> {
    for (const spec of this.#options.listen) {
      this.#bound.push(await this.#listen(spec));
    }
    return this.#bound;
  }

  async #listen(spec: ListenerSpec): Promise<BoundListener> {
    const url = listenerUrl(spec);
    let server: Server | TlsServer;
    if (spec.scheme === 'ldaps') {
      if (this.#options.tls === undefined) throw new ListenError(`cannot listen on ${url}: no TLS certificate is configured`);
      server = createTlsServer({ ...this.#options.tls }, (socket: TLSSocket) => this.#accept(socket, url));
    } else {
      server = createServer((socket: Socket) => this.#accept(socket, url));
    }
    server.maxConnections = this.#options.maxConnections ?? 100_000;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => reject(new ListenError(describeListenError(url, spec, err)));
      server.once('error', onError);
      const done = (): void => {
        server.off('error', onError);
        server.on('error', (err) => this.#options.log.error({ err, listener: url }, 'listener error'));
        resolve();
      };
      if (spec.scheme === 'ldapi') {
        const path = spec.path ?? '';
        // A socket file left by a crashed server would make listen fail with EADDRINUSE. Cluster workers share
        // the primary's socket, so only a standalone process (or the primary, before forking) removes it.
        if (!cluster.isWorker) removeStaleSocket(path);
        server.listen(path, done);
      } else {
        server.listen(spec.port, spec.host, done);
      }
    });
    this.#servers.push(server);
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? (address as AddressInfo).port : 0;
    const bound: BoundListener = { url: spec.scheme === 'ldapi' ? url : listenerUrl({ ...spec, port }), scheme: spec.scheme, host: spec.host, port };
    this.#options.log.info({ event: 'listening', url: bound.url }, `listening on ${bound.url}`);
    return bound;
  }

  #accept(socket: Socket, listener: string): void {
    const allowlist = this.#options.allowlist;
    const address = socket.remoteAddress;
    if (allowlist !== undefined && address !== undefined && !allowlist.allows(address)) {
      this.#options.log.warn({ event: 'connection-refused', client: address, listener }, 'client address is not in security.allowlist');
      socket.destroy();
      return;
    }
    const perAddressLimit = this.#options.maxConnectionsPerAddress;
    if (perAddressLimit !== undefined && address !== undefined) {
      const count = this.#perAddress.get(address) ?? 0;
      if (count >= perAddressLimit) {
        this.#options.log.warn({ event: 'connection-refused', client: address, listener, open: count }, 'too many connections from one address');
        socket.destroy();
        return;
      }
      this.#perAddress.set(address, count + 1);
      socket.once('close', () => {
        const left = (this.#perAddress.get(address) ?? 1) - 1;
        if (left <= 0) this.#perAddress.delete(address);
        else this.#perAddress.set(address, left);
      });
    }
    const connection = new Connection(socket, {
      handler: this.#dispatcher,
      limits: this.#options.connectionLimits,
      log: this.#options.log,
      listener,
      ...(this.#secureContext !== undefined ? { secureContext: this.#secureContext } : {}),
      onClose: (c) => this.#connections.delete(c),
      ...(this.#options.audit !== undefined ? { audit: this.#options.audit } : {}),
    });
    this.#connections.add(connection);
    this.#options.log.debug({ event: 'accepted', conn: connection.id, client: socket.remoteAddress, listener }, 'connection accepted');
  }

  /**
   * Graceful stop: no new connections, every connection finishes its in-flight operations (bounded by graceMs),
   * receives a Notice of Disconnection and is closed.
   */
  async stop(graceMs = 5000): Promise<void> {
    const closing = this.#servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    await Promise.all([...this.#connections].map((c) => c.shutdown(graceMs)));
    await Promise.all(closing);
    this.#servers.length = 0;
  }
}

export function removeStaleSocket(path: string): void {
  if (existsSync(path)) unlinkSync(path);
}

function describeListenError(url: string, spec: ListenerSpec, err: NodeJS.ErrnoException): string {
  const suggestion =
    spec.scheme === 'ldapi' ? 'choose another socket path' : `choose another port, e.g. --listen ${listenerUrl({ ...spec, port: spec.port < 1024 ? spec.port + 1000 : spec.port + 1 })}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${url}: the address is already in use (EADDRINUSE); ${suggestion}`;
    case 'EACCES':
      return `cannot listen on ${url}: permission denied (EACCES; ports below 1024 need root or CAP_NET_BIND_SERVICE); ${suggestion}`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${url}: the address is not available on this machine (EADDRNOTAVAIL)`;
    default:
      return `cannot listen on ${url}: ${err.message}`;
  }
}
