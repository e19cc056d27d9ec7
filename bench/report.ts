/** Markdown tables for the server comparison: one per workload, Warden / slapd / Warden ÷ slapd. */
import type { LoadResult } from './load.js';
import { WORKLOAD_TITLES } from './workloads.js';
import type { WorkloadId } from './workloads.js';

export interface ServerSetup {
  readonly importSeconds: number;
  readonly dbBytes: number;
  readonly idleRssKb: number;
  readonly idleRssAnonKb: number;
}

export interface ComparisonResult {
  readonly n: number;
  readonly entries: number;
  readonly connections: number;
  readonly depth: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly repeat: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly setup: { readonly warden: ServerSetup; readonly slapd: ServerSetup };
  readonly workloads: readonly {
    readonly id: WorkloadId;
    readonly warden: LoadResult;
    readonly slapd: LoadResult;
    /** Every run when repeated; warden/slapd above are the median runs. */
    readonly runs?: { readonly warden: readonly LoadResult[]; readonly slapd: readonly LoadResult[] };
  }[];
}

const int = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const fixed = (digits: number) => (x: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const mb = (kb: number): string => (Number.isFinite(kb) ? (kb / 1024).toFixed(1) : '–');
const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '–');

interface Row {
  readonly label: string;
  readonly warden: number;
  readonly slapd: number;
  readonly format: (x: number) => string;
  readonly ratio?: boolean;
}

function table(rows: readonly Row[]): string {
  const lines = ['| | Warden | slapd | Warden ÷ slapd |', '|---|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.label} | ${r.format(r.warden)} | ${r.format(r.slapd)} | ${r.ratio === false ? '' : ratio(r.warden, r.slapd)} |`);
  return lines.join('\n');
}

export function formatSetup(result: ComparisonResult): string {
  const { warden, slapd } = result.setup;
  return table([
    { label: 'offline import, s (`warden import` / `slapadd -q`; lower is better)', warden: warden.importSeconds, slapd: slapd.importSeconds, format: fixed(2) },
    { label: 'import rate, entries/s (higher is better)', warden: result.entries / warden.importSeconds, slapd: result.entries / slapd.importSeconds, format: int },
    { label: 'database on disk, MB (lower is better)', warden: warden.dbBytes / 1024, slapd: slapd.dbBytes / 1024, format: mb },
    { label: 'RSS after start, idle, MB (lower is better)', warden: warden.idleRssKb, slapd: slapd.idleRssKb, format: mb },
    { label: '… of which RssAnon (heap), MB', warden: warden.idleRssAnonKb, slapd: slapd.idleRssAnonKb, format: mb },
  ]);
}

export function formatWorkload(id: WorkloadId, warden: LoadResult, slapd: LoadResult): string {
  const rows: Row[] = [{ label: 'ops/s (higher is better)', warden: warden.opsPerSecond, slapd: slapd.opsPerSecond, format: int }];
  if (id === 'sub1000') rows.push({ label: 'entries/s (higher is better)', warden: warden.entriesPerSecond, slapd: slapd.entriesPerSecond, format: int });
  rows.push(
    { label: 'p50 latency, ms (lower is better)', warden: warden.p50Ms, slapd: slapd.p50Ms, format: fixed(3) },
    { label: 'p99 latency, ms (lower is better)', warden: warden.p99Ms, slapd: slapd.p99Ms, format: fixed(3) },
    { label: 'response bytes per op (same data, so ≈ 1×)', warden: warden.bytesPerOp, slapd: slapd.bytesPerOp, format: int },
    { label: 'errors', warden: warden.errors, slapd: slapd.errors, format: int, ratio: false },
    { label: 'server CPU, % of one core', warden: warden.serverCpuPercent, slapd: slapd.serverCpuPercent, format: int },
    { label: 'server CPU per 1000 ops, core-ms (lower is better)', warden: (10 * warden.serverCpuPercent) / warden.opsPerSecond * 1000, slapd: (10 * slapd.serverCpuPercent) / slapd.opsPerSecond * 1000, format: fixed(1) },
    { label: 'server peak RSS, MB (lower is better)', warden: warden.serverRssKb, slapd: slapd.serverRssKb, format: mb },
    { label: '… of which RssAnon (heap), MB', warden: warden.serverRssAnonKb, slapd: slapd.serverRssAnonKb, format: mb },
    { label: 'load generator CPU, % of one core', warden: warden.clientCpuPercent, slapd: slapd.clientCpuPercent, format: int, ratio: false },
  );
  let text = `### ${WORKLOAD_TITLES[id]}\n\n${table(rows)}`;
  const errors = [warden.firstError === undefined ? '' : `Warden: ${warden.firstError}`, slapd.firstError === undefined ? '' : `slapd: ${slapd.firstError}`].filter((e) => e !== '');
  if (errors.length > 0) text += `\n\nFirst errors: ${errors.join('; ')}`;
  return text;
}

export function formatComparison(result: ComparisonResult): string {
  const env = Object.entries(result.environment)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ');
  const parts = [
    `## Server comparison: Warden vs OpenLDAP slapd, N = ${result.n.toLocaleString('en-US')} users (${result.entries.toLocaleString('en-US')} entries)`,
    `${result.connections} connections × depth ${result.depth} (bind: depth 1), ${result.warmupSeconds} s warm-up + ${result.seconds} s measured per point` +
      `${result.repeat > 1 ? ` (median of ${result.repeat} interleaved runs)` : ''}, ` +
      `load connections bound as cn=admin except for bind; client and servers share this machine's cores. ${env}`,
    '### Import and footprint',
    formatSetup(result),
    ...result.workloads.map((w) => formatWorkload(w.id, w.warden, w.slapd)),
  ];
  return parts.join('\n\n');
}
