/**
 * A private OpenLDAP slapd for the comparison: its own slapd.conf (back-mdb, the indexes and settings of
 * shared/bench/slapd-start.sh), an offline `slapadd -q` import that is timed, then slapd in the foreground as our
 * child on 127.0.0.1:<port>. Everything lives under `dir`; the system slapd and /etc/ldap/slapd.d are never touched.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUFFIX, ssha } from './gen-data.js';
import type { DataFiles } from './gen-data.js';
import { diskBytes, runCommand, stopChild, trackChild, waitForPort } from './server-process.js';
import type { BenchServer } from './server-process.js';

export const SLAPD = '/usr/sbin/slapd';
export const SLAPADD = '/usr/sbin/slapadd';
const SCHEMA_DIR = '/etc/ldap/schema';
const MODULE_DIR = '/usr/lib/ldap';

export function slapdAvailable(): string | undefined {
  for (const path of [SLAPD, SLAPADD, join(SCHEMA_DIR, 'inetorgperson.schema'), join(MODULE_DIR, 'back_mdb.so')]) {
    if (!existsSync(path)) return `${path} is missing: run scripts/bench-setup.sh (as root) to install slapd`;
  }
  return undefined;
}

export interface SlapdOptions {
  readonly dir: string;
  readonly port: number;
  readonly data: DataFiles;
  readonly adminDn: string;
  readonly adminPassword: string;
  readonly threads?: number;
}

/**
 * The same configuration as the published baseline: 16 threads (slapd's default), no logging, no size or time
 * limit, durable writes (no dbnosync), indexes objectClass/uid/mail/member/departmentNumber eq and cn eq,sub.
 */
export function slapdConf(options: SlapdOptions): string {
  const dir = options.dir;
  return [
    `include ${SCHEMA_DIR}/core.schema`,
    `include ${SCHEMA_DIR}/cosine.schema`,
    `include ${SCHEMA_DIR}/inetorgperson.schema`,
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    `modulepath ${MODULE_DIR}`,
    'moduleload back_mdb',
    'loglevel 0',
    `threads ${options.threads ?? 16}`,
    'tool-threads 2',
    'sizelimit unlimited',
    'timelimit unlimited',
    '',
    'access to attrs=userPassword by self write by anonymous auth by * none',
    'access to * by * read',
    '',
    'database mdb',
    `suffix "${SUFFIX}"`,
    `rootdn "${options.adminDn}"`,
    `rootpw ${ssha(options.adminPassword, 'warden-bench-rootpw')}`,
    `directory ${dir}/db`,
    'maxsize 34359738368',
    'index objectClass eq',
    'index uid eq',
    'index cn eq,sub',
    'index mail eq',
    'index member eq',
    'index departmentNumber eq',
    '',
  ].join('\n');
}

/** Writes the configuration, imports base.ldif + data.ldif with `slapadd -q` (timed), starts slapd. */
export async function startSlapd(options: SlapdOptions): Promise<BenchServer> {
  const problem = slapdAvailable();
  if (problem !== undefined) throw new Error(problem);
  mkdirSync(join(options.dir, 'db'), { recursive: true });
  const conf = join(options.dir, 'slapd.conf');
  writeFileSync(conf, slapdConf(options));

  // slapadd reads LDIF from standard input when -l is not given: the base entries, then the data.
  const imported = await runCommand(SLAPADD, ['-q', '-f', conf], { stdin: [createReadStream(options.data.base), createReadStream(options.data.data)] });
  const dbBytes = diskBytes(join(options.dir, 'db'));

  // -d 0: stay in the foreground (a child we can watch and stop) without debug output; loglevel 0 keeps it quiet.
  const child = trackChild(spawn(SLAPD, ['-d', '0', '-f', conf, '-h', `ldap://127.0.0.1:${options.port}/`], { stdio: ['ignore', 'ignore', 'pipe'] }));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  try {
    await waitForPort(options.port, child, 30_000, () => stderr);
  } catch (err) {
    await stopChild(child, 2000);
    throw err;
  }
  return {
    name: 'slapd',
    port: options.port,
    pid: child.pid ?? 0,
    importSeconds: imported.seconds,
    dbBytes,
    stop: () => stopChild(child),
  };
}

/** `slapd -VV` prints its version on stderr, e.g. "@(#) $OpenLDAP: slapd 2.5.13+dfsg-5 (...)". */
export async function slapdVersion(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(SLAPD, ['-VV'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (text += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (text += d));
    child.on('error', () => resolve('unknown'));
    child.on('close', () => resolve(/slapd ([0-9][^ ]*)/.exec(text)?.[1] ?? 'unknown'));
  });
}
