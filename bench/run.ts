/**
 * `npm run bench`: every Warden benchmark, printed as Markdown tables with ratios against the peers, and saved as
 * JSON under bench/results/. Settings come from the environment:
 *
 *   WARDEN_BENCH_SECONDS      codec: seconds per measurement (1.5)
 *   WARDEN_BENCH_N            server comparison: number of users (10000); groups are N/50
 *   WARDEN_BENCH_CONNECTIONS  load connections (4)
 *   WARDEN_BENCH_DEPTH        outstanding requests per connection (1)
 *   WARDEN_BENCH_DURATION     measured seconds per point (5)
 *   WARDEN_BENCH_WARMUP       warm-up seconds per point (1)
 *   WARDEN_BENCH_REPEAT       runs per server and workload, interleaved; the median is reported (1)
 *   WARDEN_BENCH_WORKLOADS    comma list of search,read,bind,sub1000,modify,add (all)
 *   WARDEN_BENCH_PARTS        comma list of codec,servers (both)
 *   WARDEN_BENCH_DIR          where the temporary data and databases go (the OS temp dir); WARDEN_BENCH_KEEP=1 keeps them
 *
 * The server comparison needs slapd and slapadd: `scripts/bench-setup.sh` installs them (Debian, as root).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatCodecRows, runCodecBenchmark } from './codec.js';
import type { CodecRow } from './codec.js';
import { formatComparison } from './report.js';
import type { ComparisonResult } from './report.js';
import { compareServers } from './server-compare.js';
import { slapdAvailable } from './slapd.js';
import { WORKLOAD_IDS } from './workloads.js';
import type { WorkloadId } from './workloads.js';

const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));

function envNumber(name: string, fallback: number, integer = true): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${name}=${raw}: expected a positive ${integer ? 'integer' : 'number'}`);
  }
  return value;
}

function envList<T extends string>(name: string, allowed: readonly T[]): T[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return [...allowed];
  const items = raw.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw new Error(`${name}: unknown '${item}' (expected ${allowed.join(', ')})`);
  }
  return items as T[];
}

async function main(): Promise<void> {
  const parts = envList('WARDEN_BENCH_PARTS', ['codec', 'servers'] as const);
  const workloads = envList<WorkloadId>('WARDEN_BENCH_WORKLOADS', WORKLOAD_IDS);
  const n = envNumber('WARDEN_BENCH_N', 10_000);
  const connections = envNumber('WARDEN_BENCH_CONNECTIONS', 4);
  const depth = envNumber('WARDEN_BENCH_DEPTH', 1);
  const seconds = envNumber('WARDEN_BENCH_DURATION', 5, false);
  const warmupSeconds = envNumber('WARDEN_BENCH_WARMUP', 1, false);
  const repeat = envNumber('WARDEN_BENCH_REPEAT', 1);
  const codecSeconds = envNumber('WARDEN_BENCH_SECONDS', 1.5, false);
  if (depth > 32) throw new Error('WARDEN_BENCH_DEPTH: at most 32 (Warden\'s default limits.maxOutstandingPerConnection)');

  let codec: CodecRow[] | undefined;
  if (parts.includes('codec')) {
    console.log('## Codec: decode + encode, messages per second (higher is better)\n');
    codec = runCodecBenchmark(codecSeconds);
    console.log(formatCodecRows(codec));
  }

  let servers: ComparisonResult | undefined;
  if (parts.includes('servers')) {
    const missing = slapdAvailable();
    if (missing !== undefined) throw new Error(`server comparison: ${missing}`);
    servers = await compareServers({
      n,
      connections,
      depth,
      warmupSeconds,
      seconds,
      repeat,
      workloads,
      ...(process.env['WARDEN_BENCH_DIR'] ? { workDir: process.env['WARDEN_BENCH_DIR'] } : {}),
      keep: process.env['WARDEN_BENCH_KEEP'] === '1',
    });
    console.log(`\n${formatComparison(servers)}`);
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = `${RESULTS_DIR}bench-n${n}.json`;
  writeFileSync(file, `${JSON.stringify({ codec, servers }, null, 2)}\n`);
  console.log(`\nresults written to ${file}`);
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
