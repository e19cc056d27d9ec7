import { pino } from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export interface CreateLoggerOptions {
  /** trace, debug, info, warn, error, fatal (or silent). */
  readonly level: string;
  /** Append JSON lines to this file; stdout when absent. */
  readonly file?: string | undefined;
  /** The `name` field on every line, e.g. `warden`. */
  readonly name?: string | undefined;
}

/** Keys whose values are secrets wherever they appear (LDAP attribute names in both usual spellings). */
export const SECRET_KEYS: readonly string[] = Object.freeze([
  'password',
  'credentials',
  'userPassword',
  'userpassword',
  'newPassword',
  'newpassword',
  'oldPassword',
  'oldpassword',
  'authorization',
  'secret',
]);

export const REDACTED = '[REDACTED]';

export const LOGGER_LEVELS: readonly string[] = Object.freeze(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/**
 * pino's redaction is by path, without a recursive wildcard; the secret keys are covered at the top level and
 * two levels down (`{ bind: { credentials } }`, `{ op: { request: { newPassword } } }`). Code must still not
 * log raw PDUs or request objects deeper than that.
 */
export const REDACT_PATHS: readonly string[] = Object.freeze(SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]));

const fileDestinations = new WeakMap<Logger, DestinationStream & { end(): void; once(event: string, cb: () => void): unknown }>();

/**
 * A JSON-lines logger. A file destination is written asynchronously (pino.destination with sync: false) and
 * created mode 0640, since log lines carry DNs and client addresses; call {@link closeLogger} before exit.
 */
export function createLogger(opts: CreateLoggerOptions): Logger {
  if (!LOGGER_LEVELS.includes(opts.level)) {
    throw new RangeError(`unknown log level '${opts.level}' (use ${LOGGER_LEVELS.join(', ')})`);
  }
  const options = {
    level: opts.level,
    ...(opts.name === undefined ? {} : { name: opts.name }),
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (opts.file === undefined) return pino(options);
  const destination = pino.destination({ dest: opts.file, sync: false, mkdir: true, mode: 0o640 });
  const logger = pino(options, destination);
  fileDestinations.set(logger, destination);
  return logger;
}

/** Writes out everything buffered; for a file logger, also closes the file. Resolves when done. */
export async function closeLogger(logger: Logger): Promise<void> {
  await new Promise<void>((resolve, reject) => logger.flush((err) => (err ? reject(err) : resolve())));
  const destination = fileDestinations.get(logger);
  if (destination === undefined) return;
  fileDestinations.delete(logger);
  await new Promise<void>((resolve) => {
    destination.once('close', resolve);
    destination.end();
  });
}
