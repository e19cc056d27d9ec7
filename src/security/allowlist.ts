import { BlockList, isIP } from 'node:net';

/** A network allowlist entry that is not an IPv4 or IPv6 address or CIDR block. */
export class InvalidCidrError extends Error {
  override readonly name: string = 'InvalidCidrError';
  readonly cidr: string;
  constructor(cidr: string, problem: string) {
    super(`invalid network '${cidr}' in allowlist: ${problem}`);
    this.cidr = cidr;
  }
}

/**
 * Which client addresses may connect (or bind, or read): a list of IPv4 and IPv6 CIDR blocks and single
 * addresses, e.g. `10.0.0.0/8`, `192.0.2.7`, `2001:db8::/32`, `0.0.0.0/0`, `::/0`.
 *
 * The model is the IPv6 address space, with IPv4 living in the IPv4-mapped range `::ffff:0:0/96` (RFC 4291
 * §2.5.5.2). That is exactly what a dual-stack socket reports: an IPv4 client of a server listening on `::`
 * appears as `::ffff:192.0.2.7`, and must match `192.0.2.0/24`. So:
 *   - `0.0.0.0/0` is every IPv4 client (however the socket spells it), and no native IPv6 client;
 *   - `::/0` is every client, IPv4 included (it contains the mapped range);
 *   - `::ffff:10.0.0.0/104` is the same rule as `10.0.0.0/8`.
 * node:net's BlockList does the prefix matching. How it treats mapped addresses has changed between Node
 * releases, so every mapped address (rule or query) is turned into plain IPv4 here first, and a v6 rule that
 * covers the whole mapped range also gets its IPv4 twin: the answers no longer depend on the Node version.
 *
 * A rule with host bits set (`10.0.0.1/8`) is refused rather than silently widened or narrowed: it is almost
 * always a typo for `/32` or for `10.0.0.0/8`, and the difference is the whole internet of a company.
 * An address that is not an IP address (a Unix socket peer, garbage) is never allowed.
 */
export class NetworkAllowlist {
  readonly cidrs: readonly string[];
  #list = new BlockList();

  constructor(cidrs: readonly string[]) {
    this.cidrs = Object.freeze([...cidrs]);
    for (const cidr of cidrs) this.#add(cidr);
  }

  allows(address: string): boolean {
    const ip = clientAddress(address);
    if (ip === undefined) return false;
    return this.#list.check(ip.address, ip.family);
  }

  #add(cidr: string): void {
    const slash = cidr.indexOf('/');
    const text = slash < 0 ? cidr : cidr.slice(0, slash);
    const family = isIP(text);
    if (family === 0) throw new InvalidCidrError(cidr, `'${text}' is not an IPv4 or IPv6 address`);
    const bits = family === 4 ? 32 : 128;
    let prefix = bits;
    if (slash >= 0) {
      const p = cidr.slice(slash + 1);
      if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > bits) {
        throw new InvalidCidrError(cidr, `the prefix length must be a number from 0 to ${bits}`);
      }
      prefix = Number(p);
    }
    const bytes = family === 4 ? ipv4Bytes(text) : ipv6Bytes(text);
    if (hasHostBits(bytes, prefix)) {
      const network = formatNetwork(clearHostBits(bytes, prefix), family);
      throw new InvalidCidrError(cidr, `host bits are set (did you mean ${network}/${prefix}?)`);
    }
    if (family === 4) {
      this.#list.addSubnet(text, prefix, 'ipv4');
      return;
    }
    if (prefix >= 96 && isMapped(bytes)) {
      this.#list.addSubnet(bytes.subarray(12).join('.'), prefix - 96, 'ipv4');
      return;
    }
    this.#list.addSubnet(text, prefix, 'ipv6');
    if (prefix <= 96 && !hasHostBits(xor(bytes, MAPPED_PREFIX), prefix)) this.#list.addSubnet('0.0.0.0', 0, 'ipv4');
  }
}

const MAPPED_PREFIX = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0]);

/** A socket's remote address as the allowlist sees it: zone id dropped, IPv4-mapped IPv6 turned into IPv4. */
function clientAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  const zone = address.indexOf('%');
  const text = zone < 0 ? address : address.slice(0, zone);
  const family = isIP(text);
  if (family === 4) return { address: text, family: 'ipv4' };
  if (family !== 6) return undefined;
  const bytes = ipv6Bytes(text);
  if (isMapped(bytes)) return { address: bytes.subarray(12).join('.'), family: 'ipv4' };
  return { address: text, family: 'ipv6' };
}

function isMapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 12; i++) if (bytes[i] !== MAPPED_PREFIX[i]) return false;
  return true;
}

function ipv4Bytes(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

/** The 16 bytes of an IPv6 address that `isIP` has already accepted (so the grammar is known to be right). */
function ipv6Bytes(text: string): Uint8Array {
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
        out.push((a << 8) | b, (c << 8) | d);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const gap = text.indexOf('::');
  const head = groups(gap < 0 ? text : text.slice(0, gap));
  const tail = gap < 0 ? [] : groups(text.slice(gap + 2));
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

function hasHostBits(bytes: Uint8Array, prefix: number): boolean {
  return !clearHostBits(bytes, prefix).every((b, i) => b === bytes[i]);
}

function clearHostBits(bytes: Uint8Array, prefix: number): Uint8Array {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - 8 * i));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((x, i) => x ^ (b[i] ?? 0));
}

function formatNetwork(bytes: Uint8Array, family: number): string {
  if (family === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  // RFC 5952 §4.2: the longest run (of two or more) of zero groups becomes `::`.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
