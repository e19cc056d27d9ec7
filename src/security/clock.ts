/**
 * Time as a dependency. The abuse defences (bind throttle, enumeration detector, honeytokens) never read
 * `Date.now()` themselves and never start timers: every decision is made against `clock.now()` when a caller
 * asks, so tests replay minutes of traffic in microseconds and nothing keeps the process alive.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = Object.freeze({ now: (): number => Date.now() });

/** A clock that moves only when told to: for tests and for replaying recorded traffic. */
export class ManualClock implements Clock {
  #now: number;

  constructor(startMs: number = Date.UTC(2025, 0, 1)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`a clock only moves forward (advance by ${ms} ms)`);
    this.#now += ms;
  }

  set(ms: number): void {
    this.#now = ms;
  }
}
