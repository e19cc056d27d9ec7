import type { TargetScope } from './types.js';

/**
 * Scope tests on normalised DN strings, so that a decision costs no DN parsing per entry. A normalised
 * DN is its RDNs' key forms joined by `,` (src/dn/dn.ts); a `,` inside a value is escaped with `\`
 * (RFC 4514 §2.4), so a separator is a `,` preceded by an even number of backslashes.
 */
function isSeparator(ndn: string, at: number): boolean {
  if (ndn.charCodeAt(at) !== 0x2c) return false;
  let slashes = 0;
  for (let i = at - 1; i >= 0 && ndn.charCodeAt(i) === 0x5c; i--) slashes++;
  return slashes % 2 === 0;
}

/** Number of RDNs in `prefix` (a non-empty run of whole RDNs). */
function rdnCount(prefix: string): number {
  let count = 1;
  for (let i = 0; i < prefix.length; i++) if (isSeparator(prefix, i)) count++;
  return count;
}

/**
 * How many RDNs `ndn` lies below `base` (0: the same entry), or -1 when it is not in base's subtree.
 * The root DN (`''`) is above every entry.
 */
export function depthBelow(ndn: string, base: string): number {
  if (ndn === base) return 0;
  if (base === '') return rdnCount(ndn);
  const cut = ndn.length - base.length - 1;
  if (cut <= 0 || !ndn.endsWith(base) || !isSeparator(ndn, cut)) return -1;
  return rdnCount(ndn.slice(0, cut));
}

/** RFC 4511 §4.5.1.2 scopes, plus `children` (draft-sermersheim-ldap-subordinate-scope). */
export function inScope(ndn: string, base: string, scope: TargetScope): boolean {
  const depth = depthBelow(ndn, base);
  switch (scope) {
    case 'base':
      return depth === 0;
    case 'one':
      return depth === 1;
    case 'sub':
      return depth >= 0;
    case 'children':
      return depth >= 1;
  }
}
