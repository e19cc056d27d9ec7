import { mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fdatasync, write } from 'node:fs';

/**
 * The security audit trail: one JSON line per bind, write, denial and alert, appended to a file and fdatasync'd.
 * Lines are group-committed (everything queued while a flush runs goes out in the next one), so auditing costs
 * one sync per burst, not per operation, and never delays a response. The file is created mode 0600: it names
 * every identity that touched the directory.
 */
export class AuditLog {
  readonly #fd: number;
  #queue: string[] = [];
  #flushing: Promise<void> | undefined;
  #closed = false;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#fd = openSync(path, 'a', 0o600);
  }

  record(event: Record<string, unknown>): void {
    if (this.#closed) return;
    this.#queue.push(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
    this.#flushing ??= this.#flush();
  }

  async #flush(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const chunk = Buffer.from(this.#queue.join(''));
        this.#queue = [];
        await new Promise<void>((resolve, reject) => write(this.#fd, chunk, (err) => (err ? reject(err) : resolve())));
        await new Promise<void>((resolve, reject) => fdatasync(this.#fd, (err) => (err ? reject(err) : resolve())));
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  /** Waits for every queued line to be on disk. */
  async flush(): Promise<void> {
    while (this.#flushing !== undefined) await this.#flushing;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
    closeSync(this.#fd);
  }
}

/** Operations whose outcome belongs in the audit trail, whatever the result. */
const AUDITED_OPS = new Set(['bind', 'add', 'modify', 'del', 'modifyDN', 'extended']);

/** Result codes that are denials (RFC 4511 names). */
const DENIALS = new Set([8, 13, 48, 49, 50, 53, 123]);

/** The audit record for one finished operation, or undefined when it is not auditable (a successful read). */
export function auditRecord(fields: {
  op: string;
  result: number;
  identity: string;
  client: string;
  tls: boolean;
  log: Record<string, unknown>;
}): Record<string, unknown> | undefined {
  const denied = DENIALS.has(fields.result);
  if (!AUDITED_OPS.has(fields.op) && !denied) return undefined;
  return { type: fields.op === 'bind' ? 'bind' : denied ? 'denial' : 'write', op: fields.op, result: fields.result, identity: fields.identity, client: fields.client, tls: fields.tls, ...fields.log };
}
