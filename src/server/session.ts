import type { TLSSocket } from 'node:tls';

/** Who a connection is bound as. RFC 4513 §5.1: anonymous until a successful bind. */
export type Identity =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'dn'; readonly dn: string; readonly ndn: string; readonly method: 'simple' | 'sasl' };

export const ANONYMOUS: Identity = Object.freeze({ kind: 'anonymous' });

/** What an operation may know about the connection it arrived on. */
export interface SessionInfo {
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly listener: string;
  readonly tls: TLSSocket | undefined;
  readonly identity: Identity;
}

export function authzId(identity: Identity): string {
  return identity.kind === 'anonymous' ? '' : `dn:${identity.dn}`;
}
