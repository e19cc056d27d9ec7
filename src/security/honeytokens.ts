import type { SecurityAlert } from './alerts.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';

/**
 * Decoy entries: accounts and objects no legitimate client has a reason to touch (a fake `svc-backup` with
 * an SPN, a "passwords" share entry). Any read of one, or any bind as one, is a high-confidence signal, so
 * each event is an alert on its own; the detectors' thresholds do not apply. The DNs are normalised DNs,
 * compared exactly as the caller passes them (the server compares normalised forms everywhere).
 */
export interface HoneytokenReadEvent {
  readonly ndn: string;
  readonly identity: string;
  readonly address: string;
  /** How it was touched, e.g. `search`, `compare`. */
  readonly operation?: string | undefined;
}

export interface HoneytokenBindEvent {
  readonly ndn: string;
  readonly address: string;
  /** Whether the password was right (a right password means the decoy's credential leaked and is in use). */
  readonly success?: boolean | undefined;
}

export class Honeytokens {
  readonly #ndns: ReadonlySet<string>;
  readonly #clock: Clock;

  constructor(ndns: readonly string[], opts: { clock?: Clock | undefined } = {}) {
    this.#ndns = new Set(ndns);
    this.#clock = opts.clock ?? systemClock;
  }

  get size(): number {
    return this.#ndns.size;
  }

  isDecoy(ndn: string): boolean {
    return this.#ndns.has(ndn);
  }

  onRead(event: HoneytokenReadEvent): SecurityAlert {
    return this.#alert(event.identity, event.address, {
      decoy: event.ndn,
      action: 'read',
      operation: event.operation ?? 'search',
    });
  }

  onBind(event: HoneytokenBindEvent): SecurityAlert {
    return this.#alert(event.ndn, event.address, { decoy: event.ndn, action: 'bind', success: event.success ?? false });
  }

  #alert(identity: string, address: string, evidence: Record<string, unknown>): SecurityAlert {
    return { kind: 'honeytoken', severity: 'high', identity, address, evidence, at: new Date(this.#clock.now()).toISOString() };
  }
}
