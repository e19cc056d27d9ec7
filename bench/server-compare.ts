/**
 * Warden against OpenLDAP slapd on this machine: the same generated data imported offline into each, both
 * servers started side by side, then every workload run against Warden and then slapd with the same load
 * generator and parameters, one server at a time (an idle server costs memory, not CPU).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUFFIX, generateData } from './gen-data.js';
import { runLoad } from './load.js';
import type { LoadResult } from './load.js';
import { memory } from './proc-stats.js';
import type { ComparisonResult, ServerSetup } from './report.js';
import { freePort } from './server-process.js';
import type { BenchServer } from './server-process.js';
import { slapdVersion, startSlapd } from './slapd.js';
import { startWardenServer } from './warden.js';
import { WORKLOAD_IDS, createWorkload } from './workloads.js';
import type { WorkloadId } from './workloads.js';

export const ADMIN_DN = `cn=admin,${SUFFIX}`;
export const ADMIN_PASSWORD = 'secret';

export interface CompareOptions {
  readonly n: number;
  readonly connections: number;
  readonly depth: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** Runs per server and workload, interleaved (Warden, slapd, slapd, Warden, …); the median run by ops/s is reported. */
  readonly repeat?: number;
  readonly workloads?: readonly WorkloadId[];
  /** Parent of the temporary working directory (data sets, both databases); it must be on a real disk. */
  readonly workDir?: string;
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

/** The run with the median throughput (the lower middle one for an even count). */
function median(runs: readonly LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.opsPerSecond - b.opsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)] as LoadResult;
}

function setupOf(server: BenchServer): ServerSetup {
  const idle = memory(server.pid);
  return { importSeconds: server.importSeconds, dbBytes: server.dbBytes, idleRssKb: idle.rssKb, idleRssAnonKb: idle.rssAnonKb };
}

export async function compareServers(options: CompareOptions): Promise<ComparisonResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = mkdtempSync(join(options.workDir ?? tmpdir(), 'warden-bench-'));
  const servers: BenchServer[] = [];
  // An interrupted run (Ctrl-C) skips the finally below; the data sets and databases are removed on exit anyway.
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  if (options.keep !== true) process.once('exit', removeDir);
  try {
    let t = Date.now();
    const data = generateData(dir, options.n);
    log(`generated ${data.entries} entries (${(data.bytes / 1e6).toFixed(1)} MB LDIF) in ${((Date.now() - t) / 1000).toFixed(1)} s under ${dir}`);

    const wardenPort = await freePort();
    t = Date.now();
    const warden = await startWardenServer({ dir: join(dir, 'warden'), port: wardenPort, data, adminPassword: ADMIN_PASSWORD });
    servers.push(warden);
    log(`warden: imported in ${warden.importSeconds.toFixed(2)} s, serving on 127.0.0.1:${warden.port} (pid ${warden.pid}; setup ${((Date.now() - t) / 1000).toFixed(1)} s)`);

    const slapdPort = await freePort();
    const slapd = await startSlapd({ dir: join(dir, 'slapd'), port: slapdPort, data, adminDn: ADMIN_DN, adminPassword: ADMIN_PASSWORD });
    servers.push(slapd);
    log(`slapd: imported in ${slapd.importSeconds.toFixed(2)} s, serving on 127.0.0.1:${slapd.port} (pid ${slapd.pid})`);

    const setup = { warden: setupOf(warden), slapd: setupOf(slapd) };
    const runTag = Date.now().toString(36);
    const repeat = options.repeat ?? 1;
    const workloads: ComparisonResult['workloads'][number][] = [];
    for (const id of options.workloads ?? WORKLOAD_IDS) {
      const workload = createWorkload(id, options.n, runTag);
      const point = async (server: BenchServer): Promise<LoadResult> => {
        const result = await runLoad({
          port: server.port,
          workload,
          connections: options.connections,
          depth: options.depth,
          warmupSeconds: options.warmupSeconds,
          seconds: options.seconds,
          adminDn: ADMIN_DN,
          adminPassword: ADMIN_PASSWORD,
          serverPid: server.pid,
        });
        log(
          `  ${id.padEnd(8)} ${server.name.padEnd(6)} ${Math.round(result.opsPerSecond).toString().padStart(7)} ops/s  p50 ${result.p50Ms.toFixed(3)} ms  p99 ${result.p99Ms.toFixed(3)} ms  ` +
            `errors ${result.errors}  server CPU ${Math.round(result.serverCpuPercent)} %  client CPU ${Math.round(result.clientCpuPercent)} %`,
        );
        return result;
      };
      const runs: { warden: LoadResult[]; slapd: LoadResult[] } = { warden: [], slapd: [] };
      for (let rep = 0; rep < repeat; rep++) {
        // Alternate who goes first so a drift in the machine's state does not always favour the same server.
        const order = rep % 2 === 0 ? [warden, slapd] : [slapd, warden];
        for (const server of order) runs[server.name === 'warden' ? 'warden' : 'slapd'].push(await point(server));
      }
      workloads.push({ id, warden: median(runs.warden), slapd: median(runs.slapd), ...(repeat > 1 ? { runs } : {}) });
    }

    return {
      n: options.n,
      entries: data.entries,
      connections: options.connections,
      depth: options.depth,
      warmupSeconds: options.warmupSeconds,
      seconds: options.seconds,
      repeat,
      environment: {
        node: process.version,
        slapd: await slapdVersion(),
        cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
        date: new Date().toISOString(),
      },
      setup,
      workloads,
    };
  } finally {
    for (const server of servers) await server.stop();
    if (options.keep === true) log(`kept ${dir}`);
    else {
      removeDir();
      process.removeListener('exit', removeDir);
    }
  }
}
