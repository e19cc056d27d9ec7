import type { ControlRegistry, ExtendedOperationRegistry } from '../protocol/index.js';
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
}
