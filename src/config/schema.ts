import { statSync } from 'node:fs';
import * as z from 'zod';
import { Dn } from '../dn/index.js';
import { checkListenUrl } from './listen-url.js';
import type { ListenUrl } from './listen-url.js';

/**
 * The configuration file's schema. Every object is strict: an unknown key is an error (with a "did you mean"),
 * never silently ignored, because a misspelt security setting that is ignored is a setting that is off.
 * Nested sections use `prefault` so their own defaults apply when the section is absent.
 */

export const DEFAULT_LISTEN: readonly string[] = Object.freeze(['ldap://0.0.0.0:389', 'ldaps://0.0.0.0:636']);

export const INDEX_KINDS = ['eq', 'pres', 'sub'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/** Indexes for the lookups every directory does: objectClass, people, groups, POSIX ids and entryUUID. */
export const DEFAULT_INDEXES: readonly { readonly attribute: string; readonly kinds: readonly IndexKind[] }[] = Object.freeze([
  { attribute: 'objectClass', kinds: ['eq'] },
  { attribute: 'uid', kinds: ['eq', 'sub'] },
  { attribute: 'cn', kinds: ['eq', 'sub'] },
  { attribute: 'sn', kinds: ['eq', 'sub'] },
  { attribute: 'mail', kinds: ['eq', 'sub'] },
  { attribute: 'member', kinds: ['eq'] },
  { attribute: 'uniqueMember', kinds: ['eq'] },
  { attribute: 'memberUid', kinds: ['eq'] },
  { attribute: 'uidNumber', kinds: ['eq'] },
  { attribute: 'gidNumber', kinds: ['eq'] },
  { attribute: 'entryUUID', kinds: ['eq'] },
]);

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const TLS_MIN_VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;

const POSITIVE_INTEGER = 'must be a positive integer';
const positiveInteger = (fallback: number) =>
  z.int({ error: POSITIVE_INTEGER }).min(1, { error: POSITIVE_INTEGER }).default(fallback);

const nonEmptyString = z.string().min(1);

/**
 * A file Warden reads at start-up: it must exist now, so `warden config check` catches a typo before a restart
 * does. A secret (key, password) must in addition not be accessible to "others" (mode o+rwx), the same rule
 * ssh applies; group access is allowed for the usual `root:ssl-cert 0640` layout.
 */
const fileRef = (secret: boolean) =>
  nonEmptyString.superRefine((path, ctx) => {
    const problem = fileProblem(path, secret);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

export function fileProblem(path: string, secret: boolean): string | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    return `cannot read '${path}': ${describeFsError(err)}`;
  }
  if (!stat.isFile()) return `'${path}' is not a regular file`;
  if (secret && (stat.mode & 0o007) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    return `'${path}' is accessible by other users (mode ${mode}); run chmod o-rwx on it`;
  }
  return undefined;
}

export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return err instanceof Error ? err.message : String(err);
}

const dnString = z.string().superRefine((text, ctx) => {
  try {
    Dn.parse(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid DN: ${err instanceof Error ? err.message : String(err)}` });
  }
});

/** RFC 4512 §1.4 oid: a descr (keystring) or a numericoid. Index names take no options. */
const attributeType = z.string().regex(/^(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)+)$/, {
  error: (iss) => `'${String(iss.input)}' is not an attribute type name (RFC 4512 descr or numericoid)`,
});

const listenEntry = z.string().transform((text, ctx): ListenUrl => {
  const result = checkListenUrl(text);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: `'${text}': ${result.message}` });
  return z.NEVER;
});

const listenSchema = z
  .array(listenEntry)
  .min(1)
  .superRefine((urls, ctx) => {
    const seen = new Map<string, number>();
    urls.forEach((url, i) => {
      // Two listeners on one address cannot both bind; say which entry collides rather than fail at bind.
      const key = url.scheme === 'ldapi' ? `unix:${url.path}` : `tcp:${url.host}:${url.port}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.addIssue({ code: 'custom', path: [i], message: `'${url.url}' uses the same address as listen[${first}]` });
    });
  })
  .prefault(() => [...DEFAULT_LISTEN]);

export const dataSchema = z.strictObject({ dir: nonEmptyString.default('./warden-data') });

export const tlsSchema = z
  .strictObject({
    certFile: fileRef(false).optional(),
    keyFile: fileRef(true).optional(),
    caFile: fileRef(false).optional(),
    // TLS 1.0 and 1.1 are not offered at all (RFC 8996).
    minVersion: z.enum(TLS_MIN_VERSIONS).default('TLSv1.2'),
  })
  .superRefine((tls, ctx) => {
    if (tls.certFile !== undefined && tls.keyFile === undefined) {
      ctx.addIssue({ code: 'custom', path: ['keyFile'], message: 'required when tls.certFile is set' });
    }
    if (tls.keyFile !== undefined && tls.certFile === undefined) {
      ctx.addIssue({ code: 'custom', path: ['certFile'], message: 'required when tls.keyFile is set' });
    }
  });

export const adminSchema = z.strictObject({ dn: dnString.optional(), passwordFile: fileRef(true).optional() });

export const schemaFilesSchema = z.strictObject({ files: z.array(fileRef(false)).default(() => []) });

export const indexSchema = z.strictObject({
  attribute: attributeType,
  kinds: z
    .array(z.enum(INDEX_KINDS))
    .min(1)
    .superRefine((kinds, ctx) => {
      kinds.forEach((kind, i) => {
        if (kinds.indexOf(kind) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `'${kind}' is listed twice` });
      });
    }),
});

const indexesSchema = z
  .array(indexSchema)
  .superRefine((indexes, ctx) => {
    const seen = new Map<string, number>();
    indexes.forEach((index, i) => {
      const key = index.attribute.toLowerCase(); // attribute type names are case-insensitive (RFC 4512 §2.5)
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'attribute'], message: `'${index.attribute}' is already indexed by indexes[${first}]` });
    });
  })
  .default(() => DEFAULT_INDEXES.map((index) => ({ attribute: index.attribute, kinds: [...index.kinds] })));

export const limitsSchema = z
  .strictObject({
    sizeLimit: positiveInteger(500),
    timeLimit: positiveInteger(60),
    // OpenLDAP's sockbuf_max_incoming (262143) and sockbuf_max_incoming_auth (16777215).
    maxPduBytesAnonymous: positiveInteger(262_143),
    maxPduBytesAuthenticated: positiveInteger(16_777_215),
    idleTimeoutSeconds: positiveInteger(900),
    maxOutstandingPerConnection: positiveInteger(32),
    maxConnections: positiveInteger(4096),
    // One client address may not take every connection slot (per server process).
    maxConnectionsPerAddress: positiveInteger(256),
    writeBufferHighWaterBytes: positiveInteger(1_048_576),
    // A client that leaves results unread this long is disconnected: it cannot pin server memory.
    writeTimeoutSeconds: positiveInteger(60),
    // Largest page a non-administrator gets from a paged search (RFC 2696 lets the server return fewer).
    maxPageSize: positiveInteger(500),
  })
  .superRefine((limits, ctx) => {
    if (limits.maxPduBytesAnonymous > limits.maxPduBytesAuthenticated) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxPduBytesAnonymous'],
        message: `must not exceed limits.maxPduBytesAuthenticated (${limits.maxPduBytesAuthenticated})`,
      });
    }
  });

/**
 * Security settings. Every boolean here is a relaxation of Warden's hardened default and defaults to false;
 * turning one on is logged as a warning at start-up, named in the root DSE's wardenSecurityProfile and reported by
 * `warden audit`.
 */
const throttleLimitsSchema = (maxFailures: number) =>
  z.strictObject({
    maxFailures: positiveInteger(maxFailures),
    windowSeconds: positiveInteger(900),
    lockoutSeconds: positiveInteger(900),
  });

/** Brute-force defence: growing delays after failed binds, then a temporary lockout, per account and per address. */
export const bindThrottleSchema = z.strictObject({
  perAccount: throttleLimitsSchema(5).prefault(() => ({})),
  perAddress: throttleLimitsSchema(20).prefault(() => ({})),
  baseDelayMs: positiveInteger(250),
  maxDelayMs: positiveInteger(5000),
});

export const securitySchema = z.strictObject({
  /** Accept simple binds and directory operations on connections without TLS (port 389 without StartTLS). */
  allowCleartext: z.boolean().default(false),
  /** Let anonymous clients read the directory (by default they may read only the root DSE). */
  allowAnonymousRead: z.boolean().default(false),
  /** Let anonymous clients read the subschema entry cn=Subschema (some clients discover the schema before binding). */
  anonymousSubschema: z.boolean().default(false),
  /** Client networks allowed to connect (CIDR, IPv4 and IPv6); empty means every address. Others are dropped at accept. */
  allowlist: z.array(nonEmptyString).default([]),
  bindThrottle: bindThrottleSchema.prefault(() => ({})),
  /** Bulk-enumeration detection (BloodHound-style sweeps): scored searches in sliding windows raise alerts. */
  enumeration: z
    .strictObject({
      windowSeconds: positiveInteger(60),
      scoreThreshold: positiveInteger(100),
      exemptAdmins: z.boolean().default(false),
    })
    .prefault(() => ({})),
  /** Audit trail file (JSON lines, fdatasync'd); default <data.dir>/audit.log. */
  auditLog: nonEmptyString.optional(),
  /** Decoy entries (DNs): any read of them or bind as them raises a high-severity alert. */
  honeytokens: z.array(dnString).default([]),
  /** Alerts (enumeration, brute force, honeytokens) are logged as `security.alert`; also POSTed here as JSON. */
  alertWebhook: nonEmptyString.optional(),
});

/**
 * Access rules (checked in detail by the access-control engine when the server starts and by `warden config check`):
 * evaluated before the built-in policy, first applicable rule wins; administrators keep full access.
 */
export const aclSchema = z.strictObject({
  /** What authenticated users may read of people and groups; default: the engine's safe list. */
  readableAttributes: z.array(attributeType).optional(),
  rules: z.array(z.unknown()).default([]),
});

export const logSchema = z.strictObject({ level: z.enum(LOG_LEVELS).default('info'), file: nonEmptyString.optional() });

export const wardenConfigSchema = z
  .strictObject({
    data: dataSchema.prefault(() => ({})),
    suffix: dnString
      .refine((text) => text.trim() !== '', { error: 'must not be empty: the root DSE cannot be a naming context' })
      .default('dc=example,dc=com'),
    listen: listenSchema,
    tls: tlsSchema.prefault(() => ({})),
    admin: adminSchema.prefault(() => ({})),
    schema: schemaFilesSchema.prefault(() => ({})),
    indexes: indexesSchema,
    limits: limitsSchema.prefault(() => ({})),
    log: logSchema.prefault(() => ({})),
    security: securitySchema.prefault(() => ({})),
    acl: aclSchema.prefault(() => ({})),
    workers: positiveInteger(1),
  })
  .transform((config) => ({ ...config, admin: { ...config.admin, dn: config.admin.dn ?? `cn=admin,${config.suffix}` } }));

export type WardenConfig = z.output<typeof wardenConfigSchema>;
export type WardenConfigInput = z.input<typeof wardenConfigSchema>;

/** The keys each strict object accepts, by dotted path with array indexes removed, for "did you mean". */
export const KNOWN_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['', Object.keys(wardenConfigSchema.in.shape)],
  ['data', Object.keys(dataSchema.shape)],
  ['tls', Object.keys(tlsSchema.shape)],
  ['admin', Object.keys(adminSchema.shape)],
  ['schema', Object.keys(schemaFilesSchema.shape)],
  ['indexes', Object.keys(indexSchema.shape)],
  ['limits', Object.keys(limitsSchema.shape)],
  ['log', Object.keys(logSchema.shape)],
  ['security', Object.keys(securitySchema.shape)],
  ['acl', Object.keys(aclSchema.shape)],
]);
