/**
 * Server resource use from /proc (Linux): CPU time from /proc/PID/stat (utime + stime, proc(5) fields 14 and 15,
 * in clock ticks) and memory from /proc/PID/status (VmRSS, and RssAnon = the process's own heap, without mapped
 * files such as an LMDB data.mdb).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** sysconf(_SC_CLK_TCK); 100 on every common Linux build, asked once from getconf to be sure. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The process and its children: Warden with `workers: N` serves from N child processes of the primary. */
export function processTree(pid: number): number[] {
  try {
    const children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter((l) => l !== '').map(Number);
    return [pid, ...children];
  } catch {
    return [pid]; // pgrep exits 1 when there are no children
  }
}

/** CPU seconds (user + system) the process and its children have used so far. */
export function cpuSeconds(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += processCpuSeconds(p);
    } catch {
      // a child that exited between the listing and the read
    }
  }
  return total;
}

function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

export interface Memory {
  readonly rssKb: number;
  readonly rssAnonKb: number;
}

/**
 * Memory of the process and its children, summed. With several worker processes the RSS sum counts the shared
 * LMDB map once per process (an overstatement); RssAnon, each process's own heap, adds up honestly.
 */
export function memory(pid: number): Memory {
  let rssKb = 0;
  let rssAnonKb = 0;
  for (const p of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      rssKb += kb('VmRSS');
      rssAnonKb += kb('RssAnon');
    } catch {
      // exited in between
    }
  }
  return { rssKb, rssAnonKb };
}

export interface ProcessUsage {
  /** Percent of one core over the window (200 % = both cores of this machine). */
  readonly cpuPercent: number;
  /** Largest VmRSS seen during the window, and RssAnon at that moment. */
  readonly rssKb: number;
  readonly rssAnonKb: number;
}

/** Watches one process from start() to stop(): CPU over the window, peak RSS sampled every `intervalMs`. */
export class UsageMeter {
  readonly #pid: number;
  readonly #intervalMs: number;
  #cpu0 = 0;
  #t0 = 0n;
  #peak: Memory = { rssKb: 0, rssAnonKb: 0 };
  #timer: NodeJS.Timeout | undefined;

  constructor(pid: number, intervalMs = 250) {
    this.#pid = pid;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    this.#cpu0 = cpuSeconds(this.#pid);
    this.#t0 = process.hrtime.bigint();
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), this.#intervalMs);
  }

  stop(): ProcessUsage {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#sample();
    const elapsed = Number(process.hrtime.bigint() - this.#t0) / 1e9;
    const cpu = cpuSeconds(this.#pid) - this.#cpu0;
    return { cpuPercent: elapsed > 0 ? (100 * cpu) / elapsed : 0, rssKb: this.#peak.rssKb, rssAnonKb: this.#peak.rssAnonKb };
  }

  #sample(): void {
    try {
      const now = memory(this.#pid);
      if (now.rssKb > this.#peak.rssKb) this.#peak = now;
    } catch {
      // The process exited; the caller finds out from its own connection errors.
    }
  }
}
