import cluster from 'node:cluster';
import { loadConfig, readAdminPassword } from '../config/index.js';
import type { ConfigOverrides, WardenConfig } from '../config/index.js';
import { prepareData, removeStaleSocket, startWarden } from '../server/index.js';
import type { PreparedData } from '../server/index.js';
import { createLogger, closeLogger } from '../util/index.js';
import type { Logger } from '../util/index.js';
import { packageVersion } from './version.js';

export interface ServeOptions {
  readonly config?: string;
  readonly data?: string;
  readonly suffix?: string;
  readonly listen?: readonly string[];
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * `warden serve`: loads and validates the configuration, starts the server, prints where it listens, the TLS
 * fingerprint and (once, on first start) a generated administrator password. SIGTERM/SIGINT stop it gracefully;
 * SIGHUP reloads the TLS key and certificate. With `workers: N` (N > 1) the primary prepares the data once and
 * forks N processes that share the listeners and the LMDB environment, so both cores serve requests.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const overrides: ConfigOverrides = {
    ...(options.data !== undefined ? { data: options.data } : {}),
    ...(options.suffix !== undefined ? { suffix: options.suffix } : {}),
    ...(options.listen !== undefined && options.listen.length > 0 ? { listen: options.listen } : {}),
  };
  const config = loadConfig({ ...(options.config !== undefined ? { file: options.config } : {}), overrides });
  const log = createLogger({ level: config.log.level, ...(config.log.file !== undefined ? { file: config.log.file } : {}), name: 'warden' });
  if (cluster.isWorker) {
    await runServer(config, log);
    return;
  }
  const adminPassword = readAdminPassword(config);
  const prepared = await prepareData(config, adminPassword?.reveal());
  printPrepared(config, prepared, adminPassword?.description);
  if (config.workers > 1) {
    await runPrimary(config, log);
    return;
  }
  await runServer(config, log);
}

function printPrepared(config: WardenConfig, prepared: PreparedData, passwordSource: string | undefined): void {
  out(`Warden ${packageVersion()} serving ${config.suffix} from ${config.data.dir}`);
  out(`  TLS certificate (${prepared.tls.source}) SHA-256 fingerprint ${prepared.tls.fingerprint256}`);
  if (prepared.bootstrap.created) out(`  created ${prepared.bootstrap.entries.join('; ')}`);
  if (prepared.generatedAdminPassword !== undefined) {
    out(`  administrator ${config.admin.dn} password (shown once): ${prepared.generatedAdminPassword}`);
  } else if (passwordSource !== undefined && prepared.bootstrap.created) {
    out(`  administrator ${config.admin.dn} password from ${passwordSource}`);
  }
}

async function runServer(config: WardenConfig, log: Logger): Promise<void> {
  const runtime = await startWarden(config, { log, version: packageVersion() });
  if (cluster.isWorker) process.send?.({ type: 'listening', urls: runtime.listeners.map((l) => l.url) });
  else for (const l of runtime.listeners) out(`  listening on ${l.url}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'shutdown', signal }, 'stopping');
    void runtime
      .stop(10_000)
      .then(() => closeLogger(log))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => {
    runtime
      .reloadTls()
      .then((tls) => log.info({ event: 'tls-reloaded', fingerprint: tls.fingerprint256 }, 'TLS certificate reloaded'))
      .catch((err: unknown) => log.error({ err }, 'TLS reload failed; keeping the previous certificate'));
  });
}

/** The primary of a multi-process server: forks the workers, restarts crashed ones, forwards signals. */
async function runPrimary(config: WardenConfig, log: Logger): Promise<void> {
  for (const url of config.listen) if (url.scheme === 'ldapi') removeStaleSocket(url.path);
  let stopping = false;
  let announced = false;
  const fork = (): void => {
    const worker = cluster.fork();
    worker.on('message', (message: { type?: string; urls?: string[] }) => {
      if (message.type === 'listening' && !announced) {
        announced = true;
        for (const url of message.urls ?? []) out(`  listening on ${url} (${config.workers} worker processes)`);
      }
    });
  };
  for (let i = 0; i < config.workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void closeLogger(log).finally(() => process.exit(0));
      return;
    }
    log.error({ event: 'worker-exit', pid: worker.process.pid, code, signal }, 'worker exited; starting a new one');
    fork();
  });
  const forward = (signal: NodeJS.Signals): void => {
    if (signal !== 'SIGHUP') stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGHUP', () => forward('SIGHUP'));
}
