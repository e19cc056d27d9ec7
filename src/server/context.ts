import type { ControlRegistry, ExtendedOperationRegistry } from '../protocol/index.js';
import type { BindThrottle, EnumerationDetector, Honeytokens, SecurityAlert } from '../security/index.js';
import type { AccessControl } from '../acl/index.js';
import type { Directory } from './directory.js';
import type { ServerLogger } from './logger.js';

export interface ServerLimits {
  /** Entries a non-administrator search may return (0 = unlimited). */
  readonly sizeLimit: number;
  /** Seconds a non-administrator search may run (0 = unlimited). */
  readonly timeLimit: number;
  /** Open paged-results cursors one connection may hold. */
  readonly maxCursorsPerConnection: number;
  /** Entries a sorted search may hold in memory. */
  readonly maxSortEntries: number;
  /** Largest page a non-administrator gets (RFC 2696 allows fewer than asked). */
  readonly maxPageSize: number;
}

/** The security switches in force; every `true` is a relaxation of the hardened default. */
export interface SecurityPolicy {
  readonly allowCleartext: boolean;
  readonly allowAnonymousRead: boolean;
  readonly anonymousSubschema: boolean;
  readonly tlsMinVersion: string;
}

export const HARDENED: SecurityPolicy = Object.freeze({ allowCleartext: false, allowAnonymousRead: false, anonymousSubschema: false, tlsMinVersion: 'TLSv1.2' });

/** The root DSE's wardenSecurityProfile values: one `setting=state` token per switch, relaxations named as such. */
export function securityProfile(policy: SecurityPolicy): string[] {
  return [
    `cleartext=${policy.allowCleartext ? 'allowed (relaxed)' : 'refused'}`,
    `anonymous-read=${policy.allowAnonymousRead ? 'allowed (relaxed)' : 'root-dse-only'}`,
    `anonymous-subschema=${policy.anonymousSubschema ? 'allowed (relaxed)' : 'refused'}`,
    `tls-min-version=${policy.tlsMinVersion}`,
    'proxied-authorization=refused',
  ];
}

/** Start-up warnings, one per relaxation. */
export function relaxations(policy: SecurityPolicy): string[] {
  const out: string[] = [];
  if (policy.allowCleartext) out.push('security.allowCleartext is on: passwords and directory data may cross the network unencrypted');
  if (policy.allowAnonymousRead) out.push('security.allowAnonymousRead is on: anyone who can connect can read the directory');
  if (policy.anonymousSubschema) out.push('security.anonymousSubschema is on: anonymous clients can read the schema');
  return out;
}

/** What every operation handler may use: the directory, the registries, the limits and the logger. */
export interface ServerContext {
  readonly directory: Directory;
  readonly controls: ControlRegistry;
  readonly extendedOperations: ExtendedOperationRegistry;
  readonly limits: ServerLimits;
  readonly log: ServerLogger;
  readonly vendorVersion: string;
  /** Whether StartTLS can be offered (TLS material is loaded). */
  readonly tlsAvailable: boolean;
  readonly namingContexts: readonly string[];
  readonly security: SecurityPolicy;
  /** Brute-force defence for simple binds; absent only in tests that build a context by hand. */
  readonly bindThrottle: BindThrottle | undefined;
  /** The access-control engine every operation consults (deny by default). */
  readonly access: AccessControl;
  /** Sees every completed search; absent only in tests that build a context by hand. */
  readonly enumerationDetector: EnumerationDetector | undefined;
  /** Decoy entries; absent when none are configured. */
  readonly honeytokens: Honeytokens | undefined;
  /** Where security alerts go (log, counter, webhook). */
  readonly alert: (alert: SecurityAlert) => void;
}
