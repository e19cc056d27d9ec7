import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIND_THROTTLE_DEFAULTS, BindThrottle, ManualClock } from '../../src/security/index.js';
import type { BindThrottleOptions, SecurityAlert } from '../../src/security/index.js';

const ALICE = 'uid=alice,ou=people,dc=example,dc=com';
const GHOST = 'uid=nobody-by-this-name,ou=people,dc=example,dc=com';

function throttle(extra: Partial<BindThrottleOptions> = {}): { t: BindThrottle; clock: ManualClock; alerts: SecurityAlert[] } {
  const clock = new ManualClock();
  const alerts: SecurityAlert[] = [];
  const t = new BindThrottle({
    clock,
    perAccount: BIND_THROTTLE_DEFAULTS.perAccount,
    perAddress: BIND_THROTTLE_DEFAULTS.perAddress,
    baseDelayMs: 250,
    maxDelayMs: 5000,
    onAlert: (a) => alerts.push(a),
    ...extra,
  });
  return { t, clock, alerts };
}

describe('BindThrottle', () => {
  it('lets a clean bind through with no delay', () => {
    const { t } = throttle();
    assert.deepEqual(t.check(ALICE, '192.0.2.1'), { allowed: true, delayMs: 0 });
    assert.deepEqual(t.size, { accounts: 0, addresses: 0 });
  });

  it('grows the delay exponentially with recent failures, capped', () => {
    const { t } = throttle({ perAccount: { maxFailures: 50, windowSeconds: 900, lockoutSeconds: 900 }, perAddress: { maxFailures: 50, windowSeconds: 900, lockoutSeconds: 900 } });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      t.recordFailure(ALICE, '192.0.2.1');
      delays.push(t.check(ALICE, '192.0.2.1').delayMs);
    }
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('delays per address too: spraying many accounts from one address slows that address', () => {
    const { t } = throttle();
    for (let i = 0; i < 4; i++) t.recordFailure(`uid=user${i},ou=people,dc=example,dc=com`, '198.51.100.7');
    assert.deepEqual(t.check('uid=fresh,ou=people,dc=example,dc=com', '198.51.100.7'), { allowed: true, delayMs: 2000 });
    assert.deepEqual(t.check('uid=fresh,ou=people,dc=example,dc=com', '198.51.100.8'), { allowed: true, delayMs: 0 });
  });

  it('locks an account after maxFailures, from any address, and raises one brute-force alert', () => {
    const { t, clock, alerts } = throttle();
    for (let i = 0; i < 4; i++) t.recordFailure(ALICE, `192.0.2.${i}`);
    assert.equal(t.isLocked(ALICE).locked, false);
    assert.equal(alerts.length, 0);
    t.recordFailure(ALICE, '192.0.2.4');
    assert.deepEqual(t.isLocked(ALICE), { locked: true, until: clock.now() + 900_000 });
    assert.deepEqual(t.check(ALICE, '203.0.113.1'), { allowed: false, delayMs: 5000, reason: 'account-locked' });
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.kind, 'brute-force');
    assert.equal(alerts[0]?.identity, ALICE);
    assert.deepEqual(alerts[0]?.evidence, { locked: 'account', failures: 5, windowSeconds: 900, lockedUntil: new Date(clock.now() + 900_000).toISOString() });
  });

  it('lockout expires, and failures during it neither extend it nor count towards the next', () => {
    const { t, clock } = throttle();
    for (let i = 0; i < 5; i++) t.recordFailure(ALICE, '192.0.2.1');
    const until = t.isLocked(ALICE).until;
    clock.advance(600_000);
    for (let i = 0; i < 10; i++) t.recordFailure(ALICE, `203.0.113.${i}`);
    assert.equal(t.isLocked(ALICE).until, until);
    clock.advance(299_999);
    assert.equal(t.isLocked(ALICE).locked, true);
    clock.advance(1);
    assert.deepEqual(t.isLocked(ALICE), { locked: false });
    assert.deepEqual(t.check(ALICE, '203.0.113.50'), { allowed: true, delayMs: 0 });
    t.recordFailure(ALICE, '203.0.113.50');
    assert.equal(t.isLocked(ALICE).locked, false);
  });

  it('failures older than the window stop counting', () => {
    const { t, clock } = throttle();
    for (let i = 0; i < 4; i++) t.recordFailure(ALICE, '192.0.2.1');
    clock.advance(900_001);
    assert.deepEqual(t.check(ALICE, '192.0.2.1'), { allowed: true, delayMs: 0 });
    t.recordFailure(ALICE, '192.0.2.1');
    assert.equal(t.isLocked(ALICE).locked, false);
    assert.equal(t.check(ALICE, '192.0.2.1').delayMs, 250);
  });

  it('a success resets the account counter but not the address counter', () => {
    const { t } = throttle();
    for (let i = 0; i < 4; i++) t.recordFailure(ALICE, '192.0.2.1');
    t.recordSuccess(ALICE, '192.0.2.1');
    assert.equal(t.check(ALICE, '192.0.2.2').delayMs, 0);
    assert.equal(t.check(ALICE, '192.0.2.1').delayMs, 2000);
    for (let i = 0; i < 4; i++) t.recordFailure(ALICE, '192.0.2.2');
    assert.equal(t.isLocked(ALICE).locked, false);
  });

  it('a success does not lift a lockout', () => {
    const { t } = throttle();
    for (let i = 0; i < 5; i++) t.recordFailure(ALICE, '192.0.2.1');
    t.recordSuccess(ALICE, '192.0.2.9');
    assert.equal(t.isLocked(ALICE).locked, true);
  });

  it('locks an address after perAddress.maxFailures spread over many accounts (password spraying)', () => {
    const { t, alerts } = throttle();
    for (let i = 0; i < 20; i++) t.recordFailure(`uid=user${i},ou=people,dc=example,dc=com`, '198.51.100.7');
    assert.deepEqual(t.check(ALICE, '198.51.100.7'), { allowed: false, delayMs: 5000, reason: 'address-locked' });
    assert.deepEqual(t.check(ALICE, '198.51.100.8'), { allowed: true, delayMs: 0 });
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.severity, 'high');
    assert.equal(alerts[0]?.evidence['locked'], 'address');
  });

  it('treats an unknown DN exactly like an existing one (it cannot tell them apart)', () => {
    const run = (dn: string): unknown[] => {
      const { t, clock } = throttle();
      const seen: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        seen.push(t.check(dn, '192.0.2.1'));
        t.recordFailure(dn, '192.0.2.1');
        seen.push(t.isLocked(dn));
        clock.advance(1000);
      }
      return seen;
    };
    assert.deepEqual(run(GHOST), run(ALICE));
  });

  it('check creates no state; memory stays capped under a million random accounts', () => {
    const { t } = throttle({ maxKeys: 100_000 });
    for (let i = 0; i < 1000; i++) t.check(`uid=probe${i},dc=example,dc=com`, `10.0.${i >> 8}.${i & 255}`);
    assert.deepEqual(t.size, { accounts: 0, addresses: 0 });
    for (let i = 0; i < 1_000_000; i++) {
      t.recordFailure(`uid=${Math.random().toString(36).slice(2)}-${i},dc=example,dc=com`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    }
    const { accounts, addresses } = t.size;
    assert.ok(accounts <= 100_000 && accounts > 98_000, `accounts: ${accounts}`);
    assert.ok(addresses <= 100_000 && addresses > 98_000, `addresses: ${addresses}`);
  });

  it('evicts the least recently touched record first', () => {
    const { t } = throttle({ maxKeys: 3 });
    t.recordFailure('a', '1.1.1.1');
    t.recordFailure('b', '1.1.1.1');
    t.recordFailure('c', '1.1.1.1');
    t.recordFailure('a', '1.1.1.1');
    t.recordFailure('d', '1.1.1.1');
    assert.equal(t.check('a', '2.2.2.2').delayMs, 500);
    assert.equal(t.check('b', '2.2.2.2').delayMs, 0);
    assert.equal(t.size.accounts, 3);
  });

  it('refuses nonsensical options', () => {
    assert.throws(() => throttle({ perAccount: { maxFailures: 0, windowSeconds: 900, lockoutSeconds: 900 } }), {
      name: 'RangeError',
      message: 'perAccount.maxFailures must be a positive integer (got 0)',
    });
    assert.throws(() => throttle({ maxDelayMs: -1 }), { name: 'RangeError', message: 'maxDelayMs must be a non-negative number (got -1)' });
  });
});
