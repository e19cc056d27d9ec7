import { loadConfig, readAdminPassword } from '../config/index.js';
import type { ConfigOverrides } from '../config/index.js';
import { startWarden } from '../server/index.js';
import { createLogger, closeLogger } from '../util/index.js';
import { packageVersion } from './version.js';

export interface ServeOptions {
  readonly config?: string;
  readonly data?: string;
  readonly suffix?: string;
  readonly listen?: readonly string[];
}

/**
 * `warden serve`: loads and validates the configuration, starts the server, prints where it listens, the TLS
 * fingerprint and (once, on first start) a generated administrator password. SIGTERM/SIGINT stop it gracefully;
 * SIGHUP reloads the TLS key and certificate.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const overrides: ConfigOverrides = {
    ...(options.data !== undefined ? { data: options.data } : {}),
    ...(options.suffix !== undefined ? { suffix: options.suffix } : {}),
    ...(options.listen !== undefined && options.listen.length > 0 ? { listen: options.listen } : {}),
  };
  const config = loadConfig({ ...(options.config !== undefined ? { file: options.config } : {}), overrides });
  const log = createLogger({ level: config.log.level, ...(config.log.file !== undefined ? { file: config.log.file } : {}), name: 'warden' });
  const adminPassword = readAdminPassword(config);
  const runtime = await startWarden(config, {
    log,
    version: packageVersion(),
    ...(adminPassword !== undefined ? { adminPassword: adminPassword.reveal() } : {}),
  });
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  out(`Warden ${packageVersion()} serving ${config.suffix} from ${config.data.dir}`);
  for (const l of runtime.listeners) out(`  listening on ${l.url}`);
  out(`  TLS certificate (${runtime.tls.source}) SHA-256 fingerprint ${runtime.tls.fingerprint256}`);
  if (runtime.bootstrap.created) out(`  created ${runtime.bootstrap.entries.join('; ')}`);
  if (runtime.generatedAdminPassword !== undefined) {
    out(`  administrator ${config.admin.dn} password (shown once): ${runtime.generatedAdminPassword}`);
  } else if (adminPassword !== undefined && runtime.bootstrap.created) {
    out(`  administrator ${config.admin.dn} password from ${adminPassword.description}`);
  }

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
