/** Child-process plumbing shared by the two servers: run a command to completion, start a server, stop it. */
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { statSync, readdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Remembers a server child so it never outlives the benchmark: on exit (also after Ctrl-C or SIGTERM, which are
 * turned into an exit) every child still running gets SIGKILL. Only our own children, by their ChildProcess.
 */
export function trackChild(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of children) c.kill('SIGKILL');
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  }
  return child;
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs a command to completion, optionally feeding it `stdin` chunks in order; rejects on a non-zero exit. */
export function runCommand(command: string, args: readonly string[], options: SpawnOptions & { stdin?: readonly NodeJS.ReadableStream[] } = {}): Promise<CommandResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = trackChild(spawn(command, args, { ...options, stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
      if (code === 0) resolve(result);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr || stdout}`));
    });
    if (options.stdin !== undefined && child.stdin !== null) {
      const sink = child.stdin;
      const streams = [...options.stdin];
      sink.on('error', () => undefined); // the exit code reports the real problem
      const pump = (): void => {
        const next = streams.shift();
        if (next === undefined) {
          sink.end();
          return;
        }
        next.on('end', pump);
        next.on('error', reject);
        next.pipe(sink, { end: false });
      };
      pump();
    }
  });
}

/** A free TCP port on 127.0.0.1, from the kernel (listen on port 0, then release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port; rejects when `child` exits first or on timeout. */
export async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000, output: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before listening on ${port}:\n${output()}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms:\n${output()}`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Bytes a directory's files occupy on disk (allocated blocks, so a sparse LMDB map counts only what is used). */
export function diskBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += diskBytes(path);
    else if (entry.isFile()) total += statSync(path).blocks * 512;
  }
  return total;
}

/** What the load generator and the report need from either server. */
export interface BenchServer {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  readonly importSeconds: number;
  readonly dbBytes: number;
  stop(): Promise<void>;
}
