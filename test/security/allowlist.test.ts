import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidCidrError, NetworkAllowlist } from '../../src/security/index.js';

const table: [cidrs: string[], address: string, allowed: boolean][] = [
  [['10.0.0.0/8'], '10.1.2.3', true],
  [['10.0.0.0/8'], '11.0.0.1', false],
  [['10.0.0.0/8'], '::ffff:10.9.8.7', true],
  [['10.0.0.0/8'], '::ffff:a09:807', true],
  [['127.0.0.0/8'], '::ffff:127.0.0.1', true],
  [['127.0.0.0/8'], '::1', false],
  [['192.0.2.7'], '192.0.2.7', true],
  [['192.0.2.7'], '192.0.2.8', false],
  [['192.0.2.7'], '::ffff:192.0.2.7', true],
  [['2001:db8::/32'], '2001:db8:1::5', true],
  [['2001:db8::/32'], '2001:db9::1', false],
  [['2001:db8::/32'], '10.0.0.1', false],
  [['2001:db8::1'], '2001:db8::1', true],
  [['2001:db8::1'], '2001:0db8:0:0:0:0:0:1', true],
  [['2001:db8::1'], '2001:db8::2', false],
  [['fe80::/10'], 'fe80::1%eth0', true],
  [['::ffff:10.0.0.0/104'], '10.200.0.1', true],
  [['::ffff:10.0.0.0/104'], '::ffff:10.200.0.1', true],
  [['::ffff:10.0.0.0/104'], '11.0.0.1', false],
  [['0.0.0.0/0'], '203.0.113.9', true],
  [['0.0.0.0/0'], '::ffff:203.0.113.9', true],
  [['0.0.0.0/0'], '2001:db8::1', false],
  [['::/0'], '2001:db8::1', true],
  [['::/0'], '::1', true],
  [['::/0'], '203.0.113.9', true],
  [['::/0'], '::ffff:203.0.113.9', true],
  [['10.0.0.0/8', '2001:db8::/32'], '2001:db8::9', true],
  [['10.0.0.0/8', '2001:db8::/32'], '::ffff:10.0.0.9', true],
  [['10.0.0.0/8', '2001:db8::/32'], '172.16.0.1', false],
  [[], '127.0.0.1', false],
  [['0.0.0.0/0', '::/0'], 'not-an-address', false],
  [['0.0.0.0/0', '::/0'], '', false],
  [['0.0.0.0/0', '::/0'], '/run/warden.sock', false],
];

describe('NetworkAllowlist', () => {
  for (const [cidrs, address, allowed] of table) {
    it(`[${cidrs.join(', ')}] ${allowed ? 'allows' : 'refuses'} '${address}'`, () => {
      assert.equal(new NetworkAllowlist(cidrs).allows(address), allowed);
    });
  }

  const bad: [string, string][] = [
    ['10.0.0.0/33', "invalid network '10.0.0.0/33' in allowlist: the prefix length must be a number from 0 to 32"],
    ['2001:db8::/129', "invalid network '2001:db8::/129' in allowlist: the prefix length must be a number from 0 to 128"],
    ['10.0.0.0/', "invalid network '10.0.0.0/' in allowlist: the prefix length must be a number from 0 to 32"],
    ['10.0.0.0/08', "invalid network '10.0.0.0/08' in allowlist: the prefix length must be a number from 0 to 32"],
    ['10.0.0/8', "invalid network '10.0.0/8' in allowlist: '10.0.0' is not an IPv4 or IPv6 address"],
    ['example.com', "invalid network 'example.com' in allowlist: 'example.com' is not an IPv4 or IPv6 address"],
    ['', "invalid network '' in allowlist: '' is not an IPv4 or IPv6 address"],
    ['10.0.0.1/8', "invalid network '10.0.0.1/8' in allowlist: host bits are set (did you mean 10.0.0.0/8?)"],
    ['2001:db8::1/32', "invalid network '2001:db8::1/32' in allowlist: host bits are set (did you mean 2001:db8::/32?)"],
  ];
  for (const [cidr, message] of bad) {
    it(`refuses '${cidr}' with a one-line error naming it`, () => {
      assert.throws(
        () => new NetworkAllowlist(['127.0.0.0/8', cidr]),
        (err: unknown) => err instanceof InvalidCidrError && err.message === message && err.cidr === cidr && !message.includes('\n'),
      );
    });
  }

  it('keeps the configured list', () => {
    assert.deepEqual(new NetworkAllowlist(['10.0.0.0/8', '::1']).cidrs, ['10.0.0.0/8', '::1']);
  });
});
