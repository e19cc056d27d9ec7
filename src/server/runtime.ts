import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Dn } from '../dn/index.js';
import { LmdbBackend } from '../backend/index.js';
import { Schema, superclassesOf } from '../schema/index.js';
import { ConfigError } from '../config/index.js';
import type { WardenConfig } from '../config/index.js';
import { AccessControl, AclConfigError, parseRules } from '../acl/index.js';
import type { AccessRule } from '../acl/index.js';
import { defaultAccess } from './server.js';
import { AlertSink, BindThrottle, EnumerationDetector, Honeytokens, NetworkAllowlist, loadOrCreateTlsMaterial, tlsServerOptions } from '../security/index.js';
import type { SecurityAlert, TlsMaterial } from '../security/index.js';
import { AuditLog } from './audit-log.js';
import { generatePassword } from '../auth/index.js';
import { Directory } from './directory.js';
import { bootstrapDirectory } from './bootstrap.js';
import type { BootstrapResult } from './bootstrap.js';
import { WardenServer } from './server.js';
import type { BoundListener, ListenerSpec } from './server.js';
import type { ServerLogger } from './logger.js';
import { relaxations } from './context.js';
import { typeKey } from './entry-view.js';

export interface OpenDirectoryOptions {
  readonly dataDir: string;
  readonly suffix: string;
  readonly adminDn?: string;
  readonly indexes: WardenConfig['indexes'];
  readonly schemaFiles?: readonly string[];
  /** Offline bulk loads may skip fsync per transaction; a server never does. */
  readonly noSync?: boolean;
}

/** The administrators group: members may do everything. */
export function adminGroupDnOf(suffix: Dn): Dn {
  return Dn.parse(`cn=administrators,ou=groups,${suffix.toString()}`);
}

/** Opens the schema and the LMDB database under `dataDir`: what `serve`, `import` and `export` share. */
export async function openDirectory(options: OpenDirectoryOptions): Promise<Directory> {
  const base = Schema.createDefault();
  const schema =
    options.schemaFiles === undefined || options.schemaFiles.length === 0
      ? base
      : Schema.fromDescriptions(options.schemaFiles.map((f) => readFileSync(f, 'utf8')), base);
  const suffix = Dn.parse(options.suffix);
  const adminDn = Dn.parse(options.adminDn ?? `cn=admin,${suffix.toString()}`);
  mkdirSync(options.dataDir, { recursive: true });
  const backend = new LmdbBackend({
    path: join(options.dataDir, 'db'),
    indexes: options.indexes.map((i) => ({ attribute: typeKey(schema, i.attribute), kinds: i.kinds })),
    attributeKey: (description) => typeKey(schema, description),
    equalityKey: (attribute, value) => {
      try {
        return schema.equalityKey(attribute, value);
      } catch {
        // A value the syntax rejects cannot match an assertion either; it is simply not indexed.
        return undefined;
      }
    },
    substringKey: (attribute, value) => {
      try {
        return schema.substringKey(attribute, value);
      } catch {
        return undefined;
      }
    },
    subtypeKeys: (attribute) => subtypeKeysOf(schema, attribute),
    impliedEqualityKeys: (attribute, key) => (attribute === 'objectclass' ? superclassKeys(schema, key) : []),
    ...(options.noSync === true ? { noSync: true } : {}),
  });
  await backend.open();
  return new Directory(backend, schema, { suffix, adminDn, adminGroupDn: adminGroupDnOf(suffix) });
}

/** The OIDs of an object class's superclasses: the keys an objectClass value also stands for. */
function superclassKeys(schema: Schema, oid: string): string[] {
  const oc = schema.objectClass(oid);
  if (oc === undefined) return [];
  return superclassesOf(oc)
    .filter((c) => c !== oc)
    .map((c) => c.oid);
}

const subtypeCache = new WeakMap<Schema, Map<string, string[]>>();

/** The type and every type below it (RFC 4512 §2.5.1), as index keys; computed once per schema and type. */
function subtypeKeysOf(schema: Schema, attribute: string): string[] {
  let cache = subtypeCache.get(schema);
  if (cache === undefined) {
    cache = new Map();
    subtypeCache.set(schema, cache);
  }
  let keys = cache.get(attribute);
  if (keys === undefined) {
    keys = computeSubtypeKeys(schema, attribute);
    cache.set(attribute, keys);
  }
  return keys;
}

function computeSubtypeKeys(schema: Schema, attribute: string): string[] {
  const at = schema.attributeType(attribute);
  if (at === undefined) return [attribute];
  const keys = [attribute];
  for (const other of schema.attributeTypes) {
    for (let sup = other.sup; sup !== undefined; sup = sup.sup) {
      if (sup === at) {
        keys.push(other.primaryName.toLowerCase());
        break;
      }
    }
  }
  return keys;
}

/** The configured access rules, parsed and checked against the schema; every problem is one line. */
export function configuredAccessRules(config: WardenConfig, schema: Schema): AccessRule[] {
  let rules: AccessRule[];
  try {
    rules = parseRules(config.acl.rules);
  } catch (err) {
    if (err instanceof AclConfigError) throw new ConfigError(err.problems.map((p) => `acl.${p}`));
    throw err;
  }
  const problems = AccessControl.validate(rules, schema);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `acl.rules: ${p}`));
  return rules;
}

export interface WardenRuntime {
  readonly server: WardenServer;
  readonly directory: Directory;
  readonly tls: TlsMaterial;
  readonly listeners: readonly BoundListener[];
  readonly bootstrap: BootstrapResult;
  /** Set when the administrator password was generated on first start: shown once, never stored in clear. */
  readonly generatedAdminPassword?: string;
  stop(graceMs?: number): Promise<void>;
  reloadTls(): Promise<TlsMaterial>;
}

/** The directory a configuration describes. */
export function directoryOptionsOf(config: WardenConfig): OpenDirectoryOptions {
  return {
    dataDir: config.data.dir,
    suffix: config.suffix,
    indexes: config.indexes,
    schemaFiles: config.schema.files,
    ...(config.admin.dn !== undefined ? { adminDn: config.admin.dn } : {}),
  };
}

export interface PreparedData {
  readonly bootstrap: BootstrapResult;
  readonly generatedAdminPassword?: string;
  readonly tls: TlsMaterial;
}

/**
 * What must happen once, before any server process listens: the first entries (with a generated administrator
 * password when none is configured) and the TLS key pair. With several worker processes the primary runs this,
 * so workers neither race to create entries nor generate different certificates.
 */
export async function prepareData(config: WardenConfig, adminPassword?: Buffer): Promise<PreparedData> {
  const directory = await openDirectory(directoryOptionsOf(config));
  try {
    let generated: string | undefined;
    let password = adminPassword;
    const needsBootstrap = directory.backend.read((txn) => txn.idOfNdn(directory.suffixNdn) === undefined);
    if (needsBootstrap && password === undefined) {
      generated = generatePassword();
      password = Buffer.from(generated);
    }
    const adminDn = Dn.parse(config.admin.dn ?? `cn=admin,${config.suffix}`);
    const bootstrap = needsBootstrap
      ? await bootstrapDirectory(directory, { dn: adminDn, groupDn: adminGroupDnOf(directory.suffix), password: password ?? Buffer.alloc(0) })
      : { created: false, entries: [] };
    const tls = await loadOrCreateTlsMaterial({
      dataDir: config.data.dir,
      ...(config.tls.certFile !== undefined ? { certFile: config.tls.certFile } : {}),
      ...(config.tls.keyFile !== undefined ? { keyFile: config.tls.keyFile } : {}),
    });
    return { bootstrap, tls, ...(generated !== undefined ? { generatedAdminPassword: generated } : {}) };
  } finally {
    await directory.backend.close();
  }
}

/** Starts Warden from a validated configuration: opens the data, creates the first entries, listens. */
export async function startWarden(config: WardenConfig, options: { log: ServerLogger; version: string; adminPassword?: Buffer }): Promise<WardenRuntime> {
  const prepared = await prepareData(config, options.adminPassword);
  const directory = await openDirectory(directoryOptionsOf(config));
  try {
    const generated = prepared.generatedAdminPassword;
    const bootstrap = prepared.bootstrap;
    const loadTls = (): Promise<TlsMaterial> =>
      loadOrCreateTlsMaterial({
        dataDir: config.data.dir,
        ...(config.tls.certFile !== undefined ? { certFile: config.tls.certFile } : {}),
        ...(config.tls.keyFile !== undefined ? { keyFile: config.tls.keyFile } : {}),
      });
    const tls = prepared.tls;
    const tlsOptions = tlsServerOptions(tls, { minVersion: config.tls.minVersion, caFile: config.tls.caFile });
    const listen: ListenerSpec[] = config.listen.map((url) =>
      url.scheme === 'ldapi' ? { scheme: 'ldapi', host: '', port: 0, path: url.path } : { scheme: url.scheme, host: url.host, port: url.port },
    );
    const limits = config.limits;
    const aclRules = configuredAccessRules(config, directory.schema);
    const audit = new AuditLog(config.security.auditLog ?? join(config.data.dir, 'audit.log'));
    const alerts = new AlertSink({
      logger: options.log,
      ...(config.security.alertWebhook !== undefined ? { webhookUrl: config.security.alertWebhook } : {}),
    });
    const alertAndAudit = (alert: SecurityAlert): void => {
      alerts.emit(alert);
      audit.record({ type: 'alert', alert });
    };
    const server = new WardenServer({
      directory,
      listen,
      tls: tlsOptions,
      connectionLimits: {
        maxPduBytesAnonymous: limits.maxPduBytesAnonymous,
        maxPduBytesAuthenticated: limits.maxPduBytesAuthenticated,
        maxOutstanding: limits.maxOutstandingPerConnection,
        idleTimeoutMs: limits.idleTimeoutSeconds * 1000,
        writeHighWaterBytes: limits.writeBufferHighWaterBytes,
        drainTimeoutMs: limits.writeTimeoutSeconds * 1000,
      },
      access: defaultAccess(directory, { ...config.security, tlsMinVersion: config.tls.minVersion }, {
        rules: aclRules,
        ...(config.acl.readableAttributes !== undefined ? { readableAttributes: config.acl.readableAttributes } : {}),
      }),
      maxConnections: limits.maxConnections,
      maxConnectionsPerAddress: limits.maxConnectionsPerAddress,
      serverLimits: { sizeLimit: limits.sizeLimit, timeLimit: limits.timeLimit, maxCursorsPerConnection: 16, maxSortEntries: 100_000, maxPageSize: limits.maxPageSize },
      log: options.log,
      version: options.version,
      security: { ...config.security, tlsMinVersion: config.tls.minVersion },
      ...(config.security.allowlist.length > 0 ? { allowlist: new NetworkAllowlist(config.security.allowlist) } : {}),
      bindThrottle: new BindThrottle({ ...config.security.bindThrottle, onAlert: (alert) => alertAndAudit(alert) }),
      enumerationDetector: new EnumerationDetector({
        windowSeconds: config.security.enumeration.windowSeconds,
        thresholds: { score: config.security.enumeration.scoreThreshold },
        exemptAdmins: config.security.enumeration.exemptAdmins,
        onAlert: (alert) => alertAndAudit(alert),
      }),
      alert: alertAndAudit,
      audit: (record) => audit.record(record),
      ...(config.security.honeytokens.length > 0
        ? { honeytokens: new Honeytokens(config.security.honeytokens.map((dn) => directory.normalize(Dn.parse(dn)))) }
        : {}),
    });
    for (const warning of relaxations({ ...config.security, tlsMinVersion: config.tls.minVersion })) {
      options.log.warn({ event: 'security-relaxation' }, warning);
    }
    let listeners: readonly BoundListener[];
    try {
      listeners = await server.start();
    } catch (err) {
      await server.stop(0);
      throw err;
    }
    let current = tls;
    return {
      server,
      directory,
      tls,
      listeners,
      bootstrap,
      ...(generated !== undefined ? { generatedAdminPassword: generated } : {}),
      async stop(graceMs = 5000) {
        await server.stop(graceMs);
        await audit.close();
        await directory.backend.close();
      },
      async reloadTls() {
        current = await loadTls();
        server.reloadTls(tlsServerOptions(current, { minVersion: config.tls.minVersion, caFile: config.tls.caFile }));
        return current;
      },
    };
  } catch (err) {
    await directory.backend.close();
    throw err;
  }
}
