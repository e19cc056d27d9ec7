import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import type { WardenConfig } from '../../src/config/index.js';
import { startWarden, silentLogger } from '../../src/server/index.js';
import type { ServerLogger, WardenRuntime } from '../../src/server/index.js';

export const SUFFIX = 'dc=example,dc=com';
export const ADMIN_DN = `cn=admin,${SUFFIX}`;
export const ADMIN_PASSWORD = 'admin-secret-Pa55';

export interface TestServer {
  readonly runtime: WardenRuntime;
  readonly dataDir: string;
  readonly ldapUrl: string;
  readonly ldapsUrl: string;
  readonly port: number;
  readonly ldapsPort: number;
  stop(): Promise<void>;
}

/**
 * Starts a real Warden on loopback with ephemeral ports (ldap:// with StartTLS and ldaps://) and a fresh LMDB
 * directory in a temporary folder, exactly as `warden serve` would, minus the fixed ports.
 */
export async function startTestServer(
  options: { dataDir?: string; tweak?: (config: WardenConfig) => WardenConfig; log?: ServerLogger } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'warden-test-'));
  let config = loadConfig({ overrides: { data: dataDir, suffix: SUFFIX } });
  config = {
    ...config,
    listen: [
      { scheme: 'ldap', host: '127.0.0.1', port: 0, url: 'ldap://127.0.0.1:0' },
      { scheme: 'ldaps', host: '127.0.0.1', port: 0, url: 'ldaps://127.0.0.1:0' },
    ],
  };
  if (options.tweak !== undefined) config = options.tweak(config);
  const runtime = await startWarden(config, { log: options.log ?? silentLogger, version: 'test', adminPassword: Buffer.from(ADMIN_PASSWORD) });
  const ldap = runtime.listeners.find((l) => l.scheme === 'ldap');
  const ldaps = runtime.listeners.find((l) => l.scheme === 'ldaps');
  return {
    runtime,
    dataDir,
    ldapUrl: `ldap://127.0.0.1:${ldap?.port ?? 0}`,
    ldapsUrl: `ldaps://127.0.0.1:${ldaps?.port ?? 0}`,
    port: ldap?.port ?? 0,
    ldapsPort: ldaps?.port ?? 0,
    async stop() {
      await runtime.stop(1000);
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
