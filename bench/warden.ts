/**
 * Warden for the comparison, run exactly as an operator would: `warden serve` once on an empty data directory
 * (it creates the suffix, ou=people, ou=groups, cn=admin and the administrators group), stop, then the offline
 * `warden import` of data.ldif (timed, like slapadd), then `warden serve` as our child on 127.0.0.1:<port>.
 * The configuration file gives it slapd's indexes and turns the per-operation access log off (slapd runs with
 * loglevel 0). Like the slapd baseline, the load runs over plain LDAP on loopback, so where this Warden has the
 * `security` section (cleartext binds refused by default), `security.allowCleartext: true` is set.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWN_KEYS } from '../src/config/index.js';
import { SUFFIX } from './gen-data.js';
import type { DataFiles } from './gen-data.js';
import { diskBytes, runCommand, stopChild, trackChild, waitForPort } from './server-process.js';
import type { BenchServer } from './server-process.js';

/** bin/warden.js of this checkout: dist/bench/warden.js → ../../bin. */
export const WARDEN_BIN = fileURLToPath(new URL('../../bin/warden.js', import.meta.url));

/** The slapd baseline's indexes (shared/bench/slapd-start.sh), in Warden's `indexes:` format. */
export const BENCH_INDEXES: readonly { attribute: string; kinds: readonly string[] }[] = [
  { attribute: 'objectClass', kinds: ['eq'] },
  { attribute: 'uid', kinds: ['eq'] },
  { attribute: 'cn', kinds: ['eq', 'sub'] },
  { attribute: 'mail', kinds: ['eq'] },
  { attribute: 'member', kinds: ['eq'] },
  { attribute: 'departmentNumber', kinds: ['eq'] },
];

export interface WardenOptions {
  readonly dir: string;
  readonly port: number;
  readonly data: DataFiles;
  readonly adminPassword: string;
}

export function wardenConfigYaml(dir: string, port: number): string {
  const lines = [
    '# Written by bench/warden.ts for npm run bench.',
    'data:',
    `  dir: ${JSON.stringify(join(dir, 'data'))}`,
    `suffix: ${JSON.stringify(SUFFIX)}`,
    'listen:',
    `  - ldap://127.0.0.1:${port}`,
    'indexes:',
    ...BENCH_INDEXES.map((i) => `  - { attribute: ${i.attribute}, kinds: [${i.kinds.join(', ')}] }`),
    'log:',
    '  level: warn',
    // slapd runs 16 threads over both cores; Warden's equivalent is one process per core sharing the LMDB env.
    `workers: ${Number(process.env['WARDEN_BENCH_WORKERS'] ?? '2')}`,
  ];
  if (KNOWN_KEYS.get('security')?.includes('allowCleartext') === true) lines.push('security:', '  allowCleartext: true');
  lines.push('');
  return lines.join('\n');
}

function spawnServe(config: string, adminPassword: string): { child: ReturnType<typeof spawn>; output: () => string } {
  const child = trackChild(
    spawn(process.execPath, [WARDEN_BIN, 'serve', '--config', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WARDEN_ADMIN_PASSWORD: adminPassword },
    }),
  );
  let output = '';
  const keep = (d: string): void => {
    output = (output + d).slice(-4000);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  return { child, output: () => output };
}

async function serveUntilListening(config: string, options: WardenOptions): Promise<ReturnType<typeof spawnServe>> {
  const served = spawnServe(config, options.adminPassword);
  try {
    await waitForPort(options.port, served.child, 60_000, served.output);
  } catch (err) {
    await stopChild(served.child, 2000);
    throw err;
  }
  return served;
}

export async function startWardenServer(options: WardenOptions): Promise<BenchServer> {
  mkdirSync(options.dir, { recursive: true });
  const config = join(options.dir, 'warden.yaml');
  writeFileSync(config, wardenConfigYaml(options.dir, options.port));

  // First start creates the naming context, the two ou entries and the administrator; not timed.
  const first = await serveUntilListening(config, options);
  await stopChild(first.child);

  const imported = await runCommand(process.execPath, [WARDEN_BIN, 'import', options.data.data, '--config', config]);
  const report = /imported (\d+) entries \((\d+) rejected\)/.exec(imported.stdout);
  if (report === null || Number(report[2]) !== 0 || Number(report[1]) !== options.data.entries) {
    throw new Error(`warden import did not load all ${options.data.entries} entries:\n${imported.stdout}\n${imported.stderr.slice(0, 4000)}`);
  }
  const dbBytes = diskBytes(join(options.dir, 'data'));

  const served = await serveUntilListening(config, options);
  return {
    name: 'warden',
    port: options.port,
    pid: served.child.pid ?? 0,
    importSeconds: imported.seconds,
    dbBytes,
    stop: () => stopChild(served.child),
  };
}
