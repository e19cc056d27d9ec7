import { isIPv4, isIPv6 } from 'node:net';
import { ConfigError } from './config-error.js';

/** A TCP listener: `ldap://host:port` (StartTLS available) or `ldaps://host:port` (TLS from the first byte). */
export interface TcpListenUrl {
  readonly scheme: 'ldap' | 'ldaps';
  /** An IPv4 address, an IPv6 address without brackets, or a lower-cased host name. */
  readonly host: string;
  readonly port: number;
  readonly path?: undefined;
  /** The canonical form, for logs and messages. */
  readonly url: string;
}

/** A Unix-domain socket listener, `ldapi://%2Fvar%2Frun%2Fwarden.sock` (OpenLDAP's URL-encoded path). */
export interface IpcListenUrl {
  readonly scheme: 'ldapi';
  readonly host: '';
  readonly port: 0;
  /** The decoded, absolute socket path. */
  readonly path: string;
  readonly url: string;
}

export type ListenUrl = TcpListenUrl | IpcListenUrl;

/** RFC 4516 §2 default ports; ldaps' 636 is the IANA registration. */
const DEFAULT_PORTS = { ldap: 389, ldaps: 636 } as const;

/** sockaddr_un.sun_path is 108 bytes on Linux, one of which is the terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 107;

const EXAMPLE_LDAPI = 'ldapi://%2Fvar%2Frun%2Fwarden.sock';

const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*\\.?$`);

export type ListenUrlResult = { readonly ok: true; readonly value: ListenUrl } | { readonly ok: false; readonly message: string };

/**
 * Parses a listener URL without throwing; `message` says what is wrong without repeating the URL.
 * Hand-written rather than WHATWG `URL`, whose only diagnostic for e.g. port 99999 is "Invalid URL".
 */
export function checkListenUrl(url: string): ListenUrlResult {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(url);
  if (!match) return fail('not a URL (expected ldap://host:port, ldaps://host:port or ldapi://<encoded socket path>)');
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = match[2] ?? '';
  const cut = rest.search(/[/?#]/);
  const authority = cut < 0 ? rest : rest.slice(0, cut);
  const tail = cut < 0 ? '' : rest.slice(cut);
  if (scheme === 'ldapi') return checkIpc(authority, tail);
  if (scheme !== 'ldap' && scheme !== 'ldaps') {
    return fail(`unsupported scheme '${scheme}' (use ldap://, ldaps:// or ldapi://)`);
  }
  // A listener has no base DN, attributes or filter (RFC 4516 §2): those parts would be silently ignored.
  if (tail !== '' && tail !== '/') return fail(`a listener URL must not have a path, query or fragment ('${tail}')`);
  if (authority.includes('@')) return fail('a listener URL must not contain user information');
  return checkTcp(scheme, authority);
}

/** Parses a listener URL; throws ConfigError with one problem naming the URL and the fault. */
export function parseListenUrl(url: string): ListenUrl {
  const result = checkListenUrl(url);
  if (!result.ok) throw new ConfigError([`listen URL '${url}': ${result.message}`]);
  return result.value;
}

function checkTcp(scheme: 'ldap' | 'ldaps', authority: string): ListenUrlResult {
  let host: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return fail("unterminated '[' in IPv6 address");
    host = authority.slice(1, close);
    if (!isIPv6(host)) return fail(`invalid IPv6 address '${host}'`);
    const after = authority.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return fail(`unexpected '${after}' after the IPv6 address`);
      portText = after.slice(1);
    }
  } else {
    const colons = authority.split(':').length - 1;
    if (colons > 1) return fail('an IPv6 address must be in brackets, e.g. ldap://[::1]:389');
    const colon = authority.indexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    portText = colon < 0 ? undefined : authority.slice(colon + 1);
    // Listening on every interface must be asked for (0.0.0.0 or [::]), never implied by an empty host.
    if (host === '') return fail('missing host (write 0.0.0.0 or [::] to listen on every interface)');
    if (!isIPv4(host)) {
      if (/^[0-9.]+$/.test(host) || !HOSTNAME.test(host) || host.length > 253) return fail(`invalid host '${host}'`);
      host = host.toLowerCase();
    }
  }
  let port: number = DEFAULT_PORTS[scheme];
  if (portText !== undefined) {
    if (portText === '') return fail('empty port');
    if (!/^[0-9]+$/.test(portText)) return fail(`port '${portText}' is not a number`);
    port = Number(portText);
    if (port < 1 || port > 65535) return fail(`port ${portText} is out of range 1-65535`);
  }
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { ok: true, value: { scheme, host, port, url: `${scheme}://${shownHost}:${port}` } };
}

function checkIpc(authority: string, tail: string): ListenUrlResult {
  if (authority === '') {
    if (tail.length > 1 && tail.startsWith('/')) {
      return fail(`the socket path must be URL-encoded in the host part, e.g. ${EXAMPLE_LDAPI}`);
    }
    return fail(`missing socket path, e.g. ${EXAMPLE_LDAPI}`);
  }
  if (tail !== '' && tail !== '/') return fail(`a listener URL must not have a path, query or fragment ('${tail}')`);
  let path: string;
  try {
    path = decodeURIComponent(authority);
  } catch {
    return fail(`invalid percent-encoding in '${authority}'`);
  }
  if (path.includes('\0')) return fail('the socket path must not contain NUL');
  if (!path.startsWith('/')) return fail(`socket path '${path}' must be absolute, e.g. ${EXAMPLE_LDAPI}`);
  const bytes = Buffer.byteLength(path);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    return fail(`socket path is ${bytes} bytes long; Unix sockets allow at most ${MAX_SOCKET_PATH_BYTES}`);
  }
  return { ok: true, value: { scheme: 'ldapi', host: '', port: 0, path, url: `ldapi://${encodeURIComponent(path)}` } };
}

function fail(message: string): ListenUrlResult {
  return { ok: false, message };
}
