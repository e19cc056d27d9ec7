import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { ConfigError } from './config-error.js';
import { describeFsError, fileProblem } from './schema.js';
import type { WardenConfig } from './schema.js';

export const ADMIN_PASSWORD_ENV = 'WARDEN_ADMIN_PASSWORD';

/**
 * The administrator's password and where it came from. The value sits in a private field and is only handed
 * out by {@link reveal}, so logging, JSON-encoding or inspecting this object shows the source, never the secret.
 */
export class AdminPassword {
  readonly source: 'passwordFile' | 'environment';
  /** For start-up logs: `admin.passwordFile '/etc/warden/admin.pw'` or `environment variable WARDEN_ADMIN_PASSWORD`. */
  readonly description: string;
  readonly #value: Buffer;

  constructor(source: 'passwordFile' | 'environment', description: string, value: Buffer) {
    this.source = source;
    this.description = description;
    this.#value = Buffer.from(value);
  }

  /** A copy of the password bytes. */
  reveal(): Buffer {
    return Buffer.from(this.#value);
  }

  toJSON(): { source: string; description: string } {
    return { source: this.source, description: this.description };
  }

  [inspect.custom](): string {
    return `AdminPassword(${this.description})`;
  }
}

/**
 * Finds the admin password: `admin.passwordFile` when configured (an explicit setting beats the ambient
 * environment), else the WARDEN_ADMIN_PASSWORD variable, else undefined (no admin bind possible).
 * An empty password is refused: RFC 4513 §5.1.2 makes a simple bind with an empty password an
 * unauthenticated bind, which must never be mistaken for the administrator.
 */
export function readAdminPassword(
  config: Pick<WardenConfig, 'admin'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): AdminPassword | undefined {
  const file = config.admin.passwordFile;
  if (file !== undefined) {
    const problem = fileProblem(file, true);
    if (problem !== undefined) throw new ConfigError([`admin.passwordFile: ${problem}`]);
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch (err) {
      throw new ConfigError([`admin.passwordFile: cannot read '${file}': ${describeFsError(err)}`]);
    }
    // One trailing newline is what `echo secret > file` adds; it is not part of the password.
    const end = text.at(-1) === 0x0a ? (text.at(-2) === 0x0d ? text.length - 2 : text.length - 1) : text.length;
    const value = text.subarray(0, end);
    if (value.length === 0) throw new ConfigError([`admin.passwordFile: '${file}' is empty`]);
    return new AdminPassword('passwordFile', `admin.passwordFile '${file}'`, value);
  }
  const fromEnv = env[ADMIN_PASSWORD_ENV];
  if (fromEnv === undefined) return undefined;
  if (fromEnv === '') throw new ConfigError([`environment variable ${ADMIN_PASSWORD_ENV} is set but empty`]);
  return new AdminPassword('environment', `environment variable ${ADMIN_PASSWORD_ENV}`, Buffer.from(fromEnv, 'utf8'));
}
