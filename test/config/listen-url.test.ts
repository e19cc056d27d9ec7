import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, checkListenUrl, parseListenUrl } from '../../src/config/index.js';

const valid: [string, object][] = [
  ['ldap://0.0.0.0:389', { scheme: 'ldap', host: '0.0.0.0', port: 389, url: 'ldap://0.0.0.0:389' }],
  ['ldaps://0.0.0.0:636', { scheme: 'ldaps', host: '0.0.0.0', port: 636, url: 'ldaps://0.0.0.0:636' }],
  ['ldap://localhost', { scheme: 'ldap', host: 'localhost', port: 389, url: 'ldap://localhost:389' }],
  ['ldaps://LDAP.Example.COM/', { scheme: 'ldaps', host: 'ldap.example.com', port: 636, url: 'ldaps://ldap.example.com:636' }],
  ['LDAP://127.0.0.1:1389', { scheme: 'ldap', host: '127.0.0.1', port: 1389, url: 'ldap://127.0.0.1:1389' }],
  ['ldap://[::1]:389', { scheme: 'ldap', host: '::1', port: 389, url: 'ldap://[::1]:389' }],
  ['ldaps://[::]', { scheme: 'ldaps', host: '::', port: 636, url: 'ldaps://[::]:636' }],
  ['ldap://host:65535', { scheme: 'ldap', host: 'host', port: 65535, url: 'ldap://host:65535' }],
  [
    'ldapi://%2Fvar%2Frun%2Fwarden.sock',
    { scheme: 'ldapi', host: '', port: 0, path: '/var/run/warden.sock', url: 'ldapi://%2Fvar%2Frun%2Fwarden.sock' },
  ],
  ['ldapi://%2ftmp%2fa%20b.sock/', { scheme: 'ldapi', host: '', port: 0, path: '/tmp/a b.sock', url: 'ldapi://%2Ftmp%2Fa%20b.sock' }],
];

const invalid: [string, string][] = [
  ['http://x', "unsupported scheme 'http' (use ldap://, ldaps:// or ldapi://)"],
  ['ldap:/host', 'not a URL (expected ldap://host:port, ldaps://host:port or ldapi://<encoded socket path>)'],
  ['0.0.0.0:389', 'not a URL (expected ldap://host:port, ldaps://host:port or ldapi://<encoded socket path>)'],
  ['ldap://host:99999', 'port 99999 is out of range 1-65535'],
  ['ldap://host:0', 'port 0 is out of range 1-65535'],
  ['ldap://host:', 'empty port'],
  ['ldap://host:ldap', "port 'ldap' is not a number"],
  ['ldap://host:-1', "port '-1' is not a number"],
  ['ldap://:389', 'missing host (write 0.0.0.0 or [::] to listen on every interface)'],
  ['ldap:///', 'missing host (write 0.0.0.0 or [::] to listen on every interface)'],
  ['ldap://::1:389', 'an IPv6 address must be in brackets, e.g. ldap://[::1]:389'],
  ['ldap://[::1', "unterminated '[' in IPv6 address"],
  ['ldap://[1.2.3.4]:389', "invalid IPv6 address '1.2.3.4'"],
  ['ldap://[::1]x', "unexpected 'x' after the IPv6 address"],
  ['ldap://999.1.1.1', "invalid host '999.1.1.1'"],
  ['ldap://bad_host', "invalid host 'bad_host'"],
  ['ldap://-x.example', "invalid host '-x.example'"],
  ['ldap://user@host', 'a listener URL must not contain user information'],
  ['ldap://host/dc=example,dc=com', "a listener URL must not have a path, query or fragment ('/dc=example,dc=com')"],
  ['ldaps://host:636?cn', "a listener URL must not have a path, query or fragment ('?cn')"],
  ['ldapi:///var/run/warden.sock', 'the socket path must be URL-encoded in the host part, e.g. ldapi://%2Fvar%2Frun%2Fwarden.sock'],
  ['ldapi://', 'missing socket path, e.g. ldapi://%2Fvar%2Frun%2Fwarden.sock'],
  ['ldapi:///', 'missing socket path, e.g. ldapi://%2Fvar%2Frun%2Fwarden.sock'],
  ['ldapi://warden.sock', "socket path 'warden.sock' must be absolute, e.g. ldapi://%2Fvar%2Frun%2Fwarden.sock"],
  ['ldapi://%2Fx%ZZ', "invalid percent-encoding in '%2Fx%ZZ'"],
  ['ldapi://%2Fx%00y', 'the socket path must not contain NUL'],
  [`ldapi://%2F${'a'.repeat(107)}`, 'socket path is 108 bytes long; Unix sockets allow at most 107'],
  ['ldapi://%2Fa/b', "a listener URL must not have a path, query or fragment ('/b')"],
];

describe('parseListenUrl', () => {
  for (const [url, expected] of valid) {
    it(`parses ${url}`, () => {
      assert.deepEqual({ ...parseListenUrl(url) }, expected);
    });
  }

  it('accepts the longest socket path a Unix socket can bind (107 bytes)', () => {
    const path = `/${'a'.repeat(106)}`;
    const parsed = parseListenUrl(`ldapi://${encodeURIComponent(path)}`);
    assert.equal(parsed.path, path);
  });

  for (const [url, message] of invalid) {
    it(`refuses ${url.length > 40 ? `${url.slice(0, 40)}…` : url}`, () => {
      assert.deepEqual(checkListenUrl(url), { ok: false, message });
      assert.throws(
        () => parseListenUrl(url),
        (err: unknown) =>
          err instanceof ConfigError &&
          err.message === `listen URL '${url}': ${message}` &&
          err.problems.length === 1 &&
          err.problems[0] === err.message,
      );
    });
  }
});
