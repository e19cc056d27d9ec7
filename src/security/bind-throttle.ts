import type { SecurityAlert } from './alerts.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';

/**
 * Password-guessing defence for simple binds: adaptive delays and temporary lockouts, per account and per
 * client address.
 *
 * How the server uses it (per bind): `check(ndn, address)`; if not allowed, answer invalidCredentials after
 * `delayMs` without verifying the password (and still `recordFailure`); otherwise verify, wait `delayMs`
 * before a failure answer, then `recordFailure` or `recordSuccess`. A locked account gets the same
 * invalidCredentials as a wrong password, so lockout does not confirm that a guess was right or wrong.
 *
 * Unknown users: the throttle is keyed by the normalised DN string and never learns whether the entry
 * exists, so an unknown DN is delayed and locked exactly like a real one. The answer and the timing for
 * "no such user" and "wrong password" are therefore the same as far as this module is concerned.
 *
 * Why lockout is not a denial-of-service lever:
 *   - Lockout is temporary (`lockoutSeconds`), and failures during a lockout neither extend it nor count
 *     towards the next one: an attacker cannot push the end of a lockout into the future by hammering.
 *   - To keep a user locked out, an attacker must send `maxFailures` failures every `lockoutSeconds`, and
 *     every one also counts against the attacker's own address. The per-address limit (default 20 per
 *     window) locks that address after a handful of accounts, so one address can keep at most
 *     perAddress.maxFailures / perAccount.maxFailures accounts locked, and password spraying (one or two
 *     guesses each against many accounts, below the per-account limit) is caught by the per-address limit.
 *   - A success resets the account's counter; it does not reset the address's counter, or an attacker with
 *     one valid account could launder any number of guesses against others through it.
 *
 * Memory is bounded: at most `maxKeys` accounts and `maxKeys` addresses are remembered, least recently
 * touched evicted first, so spraying random DNs (or addresses) cannot grow the process. `check` creates
 * nothing. Evicting a record forgets its failures; pushing a targeted account out requires `maxKeys` fresh
 * failures, which the per-address limit spreads over `maxKeys / perAddress.maxFailures` addresses.
 *
 * Nothing here sleeps or starts a timer: expiry is computed from the injected clock when asked.
 */
export interface ThrottleLimits {
  /** Failures within the window that trigger a lockout. */
  readonly maxFailures: number;
  /** How long a failure counts. */
  readonly windowSeconds: number;
  /** How long a lockout lasts. */
  readonly lockoutSeconds: number;
}

export interface BindThrottleOptions {
  readonly clock?: Clock | undefined;
  readonly perAccount: ThrottleLimits;
  readonly perAddress: ThrottleLimits;
  /** Delay after the first recent failure; doubles with each further one. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Accounts (and, separately, addresses) remembered at most (default 100 000). */
  readonly maxKeys?: number | undefined;
  /** Called when an account or an address becomes locked. */
  readonly onAlert?: ((alert: SecurityAlert) => void) | undefined;
}

export const BIND_THROTTLE_DEFAULTS = Object.freeze({
  perAccount: Object.freeze({ maxFailures: 5, windowSeconds: 900, lockoutSeconds: 900 }),
  perAddress: Object.freeze({ maxFailures: 20, windowSeconds: 900, lockoutSeconds: 900 }),
  baseDelayMs: 250,
  maxDelayMs: 5000,
  maxKeys: 100_000,
});

export type BindThrottleReason = 'account-locked' | 'address-locked';

export interface BindCheck {
  readonly allowed: boolean;
  readonly delayMs: number;
  readonly reason?: BindThrottleReason;
}

interface Counter {
  /** Times of the failures in the current window, oldest first (never more than maxFailures). */
  fails: number[];
  lockedUntil: number;
}

type Scope = 'account' | 'address';

export class BindThrottle {
  readonly #clock: Clock;
  readonly #limits: Record<Scope, ThrottleLimits>;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #maxKeys: number;
  readonly #onAlert: ((alert: SecurityAlert) => void) | undefined;
  readonly #maps: Record<Scope, Map<string, Counter>> = { account: new Map(), address: new Map() };

  constructor(opts: BindThrottleOptions) {
    this.#clock = opts.clock ?? systemClock;
    this.#limits = { account: checkLimits('perAccount', opts.perAccount), address: checkLimits('perAddress', opts.perAddress) };
    this.#baseDelayMs = nonNegative('baseDelayMs', opts.baseDelayMs);
    this.#maxDelayMs = nonNegative('maxDelayMs', opts.maxDelayMs);
    this.#maxKeys = positiveInteger('maxKeys', opts.maxKeys ?? BIND_THROTTLE_DEFAULTS.maxKeys);
    this.#onAlert = opts.onAlert;
  }

  /** Records kept (for monitoring and tests): never more than maxKeys each. */
  get size(): { readonly accounts: number; readonly addresses: number } {
    return { accounts: this.#maps.account.size, addresses: this.#maps.address.size };
  }

  /** May this bind attempt proceed, and how long to hold a failure answer. Creates no state. */
  check(account: string, address: string): BindCheck {
    const now = this.#clock.now();
    const acc = this.#maps.account.get(account);
    const addr = this.#maps.address.get(address);
    if (addr !== undefined && addr.lockedUntil > now) return { allowed: false, delayMs: this.#maxDelayMs, reason: 'address-locked' };
    if (acc !== undefined && acc.lockedUntil > now) return { allowed: false, delayMs: this.#maxDelayMs, reason: 'account-locked' };
    const delayMs = Math.max(this.#delay(this.#recent('account', acc, now)), this.#delay(this.#recent('address', addr, now)));
    return { allowed: true, delayMs };
  }

  recordFailure(account: string, address: string): void {
    const now = this.#clock.now();
    this.#fail('account', account, now, account, address);
    this.#fail('address', address, now, account, address);
  }

  /** A correct password: the account's failures are forgotten (the address's are not, see the header). */
  recordSuccess(account: string, _address: string): void {
    const acc = this.#maps.account.get(account);
    if (acc !== undefined && acc.lockedUntil <= this.#clock.now()) this.#maps.account.delete(account);
  }

  isLocked(account: string): { locked: boolean; until?: number } {
    const acc = this.#maps.account.get(account);
    if (acc !== undefined && acc.lockedUntil > this.#clock.now()) return { locked: true, until: acc.lockedUntil };
    return { locked: false };
  }

  #fail(scope: Scope, key: string, now: number, account: string, address: string): void {
    const map = this.#maps[scope];
    const limits = this.#limits[scope];
    let rec = map.get(key);
    if (rec === undefined) {
      rec = { fails: [], lockedUntil: 0 };
      if (map.size >= this.#maxKeys) evictOldest(map, Math.max(1, Math.floor(this.#maxKeys / EVICT_FRACTION)));
    } else {
      map.delete(key); // re-insert below: Map order is least recently touched first
    }
    map.set(key, rec);
    if (rec.lockedUntil > now) return; // no extension during a lockout (see the header)
    this.#prune(scope, rec, now);
    rec.fails.push(now);
    if (rec.fails.length < limits.maxFailures) return;
    rec.fails = [];
    rec.lockedUntil = now + limits.lockoutSeconds * 1000;
    this.#onAlert?.({
      kind: 'brute-force',
      severity: scope === 'address' ? 'high' : 'medium',
      identity: account,
      address,
      evidence: {
        locked: scope,
        failures: limits.maxFailures,
        windowSeconds: limits.windowSeconds,
        lockedUntil: new Date(rec.lockedUntil).toISOString(),
      },
      at: new Date(now).toISOString(),
    });
  }

  #recent(scope: Scope, rec: Counter | undefined, now: number): number {
    if (rec === undefined) return 0;
    this.#prune(scope, rec, now);
    return rec.fails.length;
  }

  #prune(scope: Scope, rec: Counter, now: number): void {
    const cutoff = now - this.#limits[scope].windowSeconds * 1000;
    let drop = 0;
    while (drop < rec.fails.length && (rec.fails[drop] ?? 0) <= cutoff) drop++;
    if (drop > 0) rec.fails.splice(0, drop);
  }

  /** 0 without recent failures, then base, 2·base, 4·base, … capped at maxDelayMs. */
  #delay(failures: number): number {
    if (failures === 0) return 0;
    return Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** Math.min(failures - 1, 30));
  }
}

/**
 * Evicts in batches: V8 leaves a tombstone per Map delete until the table is rebuilt, so removing one
 * oldest key per insertion rescans the tombstones every time (quadratic; minutes for a million DNs).
 */
const EVICT_FRACTION = 64;

function evictOldest(map: Map<string, unknown>, count: number): void {
  for (const key of map.keys()) {
    if (count-- <= 0) break;
    map.delete(key);
  }
}

function checkLimits(name: string, limits: ThrottleLimits): ThrottleLimits {
  positiveInteger(`${name}.maxFailures`, limits.maxFailures);
  nonNegative(`${name}.windowSeconds`, limits.windowSeconds);
  nonNegative(`${name}.lockoutSeconds`, limits.lockoutSeconds);
  return Object.freeze({ ...limits });
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer (got ${value})`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number (got ${value})`);
  return value;
}
