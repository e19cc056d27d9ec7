import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';
import { formatIssues, genericMessage } from './problems.js';
import { describeFsError, wardenConfigSchema } from './schema.js';
import type { WardenConfig } from './schema.js';

/** Command-line flags that replace what the file says (`warden serve --data --suffix --listen`). */
export interface ConfigOverrides {
  readonly data?: string;
  readonly suffix?: string;
  readonly listen?: readonly string[];
}

export interface LoadConfigOptions {
  /** The YAML file; without one, the defaults (plus overrides) are the configuration. */
  readonly file?: string;
  readonly overrides?: ConfigOverrides;
}

/** The configuration with every default applied and nothing read from disk. */
export function defaultConfig(): WardenConfig {
  return loadConfig({});
}

/**
 * Reads, merges and validates the configuration. Throws ConfigError listing every problem, each one line
 * naming its source: the file as given, or `--data` / `--suffix` / `--listen` for an override.
 * Relative paths in the result are left as written, i.e. relative to the working directory.
 */
export function loadConfig(options: LoadConfigOptions): WardenConfig {
  const label = options.file ?? '(defaults)';
  const raw = options.file === undefined ? {} : readYaml(options.file);
  if (!isMapping(raw)) throw new ConfigError([`${label}: (root): must be a mapping of settings, not ${describeTop(raw)}`]);

  const merged: Record<string, unknown> = { ...raw };
  const flags = new Map<string, string>();
  const overrides = options.overrides ?? {};
  if (overrides.data !== undefined) {
    merged['data'] = { ...(isMapping(merged['data']) ? merged['data'] : {}), dir: overrides.data };
    flags.set('data.dir', '--data');
  }
  if (overrides.suffix !== undefined) {
    merged['suffix'] = overrides.suffix;
    flags.set('suffix', '--suffix');
  }
  if (overrides.listen !== undefined) {
    merged['listen'] = [...overrides.listen];
    flags.set('listen', '--listen');
  }

  const result = wardenConfigSchema.safeParse(merged, { error: genericMessage });
  if (result.success) return result.data;
  const sourceOf = (path: readonly PropertyKey[]): string => {
    const key = path[0] === 'data' ? `data.${String(path[1])}` : String(path[0]);
    return flags.get(key) ?? label;
  };
  throw new ConfigError(formatIssues(result.error.issues, sourceOf));
}

/** Every problem in a configuration file, or [] when it is valid: backs `warden config check`. */
export function checkConfigFile(file: string): string[] {
  try {
    loadConfig({ file });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`${file}: cannot read: ${describeFsError(err)}`]);
  }
  // YAML 1.2 core schema: `on`/`yes` stay strings; duplicate keys are errors; alias expansion is bounded.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return `${file}: line ${pos.line}, column ${pos.col}: ${e.message.split('\n')[0] ?? ''}`;
      }),
    );
  }
  try {
    // An empty file (or one holding only comments) is a valid configuration of all defaults.
    return doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    throw new ConfigError([`${file}: ${err instanceof Error ? err.message : String(err)}`]);
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeTop(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : String(value);
}
