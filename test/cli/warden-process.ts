/**
 * Runs the real `warden` command (`node bin/warden.js …`) as a child process for end-to-end tests: free loopback
 * ports, output capture, waiting for the start-up lines, and a registry of children so every test file's
 * `after` hook can kill whatever is still running.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { Client } from 'ldapts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WARDEN_BIN = join(REPO_ROOT, 'bin', 'warden.js');
export const SUFFIX = 'dc=example,dc=com';
export const ADMIN_DN = `cn=admin,${SUFFIX}`;

const running = new Set<ChildProcess>();

/** SIGKILLs every child still running: for `after` hooks, so a failed test never leaves a server behind. */
export function killAllChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

/** A port that was free a moment ago: bind a throwaway listener on port 0 of loopback and close it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The environment for a child: this process's, without an inherited admin password, plus `extra`. */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!('WARDEN_ADMIN_PASSWORD' in extra)) delete env['WARDEN_ADMIN_PASSWORD'];
  return env;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface WardenChild {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` on stdout; rejects when the process exits first or on timeout. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Starts `node bin/warden.js ...args`; stdout and stderr are captured as text unless `stdio` says otherwise. */
export function spawnWarden(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdio?: StdioOptions } = {}): WardenChild {
  const child = spawn(process.execPath, [WARDEN_BIN, ...args], {
    cwd: REPO_ROOT,
    env: options.env ?? childEnv(),
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of listeners) l();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    notify();
  });
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
      notify();
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    waitForStdout(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(out);
          if (match !== null) finish(() => resolve(match));
          else if (done) finish(() => reject(new Error(`warden exited before printing ${String(pattern)}\nstdout: ${out}\nstderr: ${err}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${String(pattern)}\nstdout: ${out}\nstderr: ${err}`))), timeoutMs);
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs a short `warden` command to completion. */
export async function runWarden(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Exit & { stdout: string; stderr: string }> {
  const run = spawnWarden(args, env === undefined ? {} : { env });
  const exit = await run.exited;
  return { ...exit, stdout: run.stdout(), stderr: run.stderr() };
}

export interface ServeChild extends WardenChild {
  readonly ldapPort: number;
  readonly ldapsPort: number;
  readonly ldapsUrl: string;
  /** The `SHA-256 fingerprint` that serve printed. */
  readonly fingerprint: string;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface ServeOptions {
  readonly data: string;
  readonly config?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `warden serve --data DIR --suffix dc=example,dc=com --listen ldap://127.0.0.1:P1 --listen ldaps://127.0.0.1:P2`,
 * resolved once the ldaps listener's `listening on` line has appeared. Ports come from
 * {@link freePort}; if another process grabs one in between (EADDRINUSE), it tries again with new ports.
 */
export async function startServe(options: ServeOptions): Promise<ServeChild> {
  for (let attempt = 1; ; attempt++) {
    const ldapPort = await freePort();
    const ldapsPort = await freePort();
    const args = [
      'serve',
      '--data', options.data,
      '--suffix', SUFFIX,
      '--listen', `ldap://127.0.0.1:${ldapPort}`,
      '--listen', `ldaps://127.0.0.1:${ldapsPort}`,
      ...(options.config !== undefined ? ['--config', options.config] : []),
    ];
    const run = spawnWarden(args, options.env === undefined ? {} : { env: options.env });
    let fingerprint: string;
    try {
      // The listening lines come once every listener is bound; the fingerprint line is printed before them.
      await run.waitForStdout(new RegExp(`listening on ldaps://127\\.0\\.0\\.1:${ldapsPort}\\b`));
      fingerprint = (await run.waitForStdout(/SHA-256 fingerprint ([0-9A-F:]+)\n/))[1] ?? '';
    } catch (err) {
      await run.exited;
      if (attempt < 3 && /EADDRINUSE/.test(run.stderr())) continue;
      throw err;
    }
    return {
      ...run,
      ldapPort,
      ldapsPort,
      ldapsUrl: `ldaps://127.0.0.1:${ldapsPort}`,
      fingerprint,
      async stop(signal: NodeJS.Signals = 'SIGTERM') {
        if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(signal);
        return run.exited;
      },
    };
  }
}

/** The server certificate of a data directory's generated TLS material, for clients to trust. */
export function dataDirCa(data: string): Buffer {
  return readFileSync(join(data, 'tls', 'cert.pem'));
}

/** An ldapts client over LDAPS that trusts `ca`, bound as `dn` when a password is given. */
export async function ldapsClient(url: string, ca: Buffer, bind?: { dn: string; password: string }): Promise<Client> {
  const client = new Client({ url, tlsOptions: { ca: [ca] }, timeout: 15_000, connectTimeout: 5_000 });
  if (bind !== undefined) await client.bind(bind.dn, bind.password);
  return client;
}

/** The SHA-256 fingerprint of the certificate a fresh TLS connection to `port` is served. */
export async function servedFingerprint(port: number): Promise<string> {
  const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
  try {
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const cert = socket.getPeerX509Certificate();
    if (cert === undefined) throw new Error('the server presented no certificate');
    return cert.fingerprint256;
  } finally {
    socket.destroy();
  }
}
