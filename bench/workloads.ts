/**
 * The six workloads of shared/bench/README.md, as requests encoded with Warden's own codec. Requests are encoded
 * once with a placeholder messageID that always takes three content octets; the load generator copies a template
 * and patches only those octets, so the client spends its CPU on the network, not on encoding.
 * Requests that must differ every time (modify's value, add's new entry) are encoded per operation; those
 * workloads run at a few thousand operations per second at most, bounded by the servers' fsync.
 */
import { encodeMessage } from '../src/protocol/index.js';
import type { ProtocolOp } from '../src/protocol/index.js';
import { parseFilter } from '../src/filter/index.js';
import { PEOPLE, SUFFIX, userDn, userPassword } from './gen-data.js';

/** The smallest and largest messageIDs whose minimal INTEGER encoding is exactly three octets. */
export const MSGID_MIN = 0x8000;
export const MSGID_MAX = 0x7fffff;

export const WORKLOAD_IDS = ['search', 'read', 'bind', 'sub1000', 'modify', 'add'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

export const WORKLOAD_TITLES: Readonly<Record<WorkloadId, string>> = {
  search: '(a) subtree search (uid=user<R>), all attributes',
  bind: '(b) simple bind as uid=user<R> on an open connection',
  read: '(c) base read of uid=user<R>, all attributes',
  modify: '(d) modify: replace description of uid=user<R>',
  add: '(e) add a new 12-attribute inetOrgPerson',
  sub1000: '(f) subtree search (departmentNumber=<K>), 1000 entries each',
};

export interface Workload {
  readonly id: WorkloadId;
  /** Load connections bind as the administrator first, except for the bind workload (RFC 4513 §5.1.3). */
  readonly bindAsAdmin: boolean;
  /** Bind answers one request at a time per connection (RFC 4511 §4.2.1): depth is forced to 1. */
  readonly depthOne: boolean;
  /** The next request of connection `conn` (its `seq`-th), with the placeholder messageID; `random` is uniform 32-bit. */
  next(conn: number, seq: number, random: () => number): Buffer;
}

/** Encodes a request with the placeholder messageID. */
export function encodeTemplate(protocolOp: ProtocolOp): Buffer {
  return encodeMessage({ messageId: MSGID_MIN, controls: [], protocolOp });
}

/** Where the three messageID octets start: after the outer SEQUENCE header and the INTEGER's tag and length. */
export function messageIdOffset(pdu: Buffer): number {
  const first = pdu[1] as number;
  const header = first < 0x80 ? 2 : 2 + (first & 0x7f);
  if (pdu[header] !== 0x02 || pdu[header + 1] !== 3) throw new Error('request template has no 3-octet messageID');
  return header + 2;
}

const allAttributes = { derefAliases: 'never', sizeLimit: 0, timeLimit: 0, typesOnly: false, attributes: [] as string[] } as const;
const objectClassPresent = parseFilter('(objectClass=*)');

function table(count: number, build: (i: number) => ProtocolOp): Buffer[] {
  return Array.from({ length: count }, (_, i) => encodeTemplate(build(i)));
}

const text = (...values: string[]): Buffer[] => values.map((v) => Buffer.from(v));

/** Builds workload `id` for a directory of `n` users; `runTag` keeps added DNs unique across runs. */
export function createWorkload(id: WorkloadId, n: number, runTag: string): Workload {
  switch (id) {
    case 'search': {
      const requests = table(n, (r) => ({ type: 'searchRequest', baseObject: SUFFIX, scope: 'sub', filter: parseFilter(`(uid=user${r})`), ...allAttributes }));
      return { id, bindAsAdmin: true, depthOne: false, next: (_c, _s, random) => requests[random() % n] as Buffer };
    }
    case 'read': {
      const requests = table(n, (r) => ({ type: 'searchRequest', baseObject: userDn(r), scope: 'base', filter: objectClassPresent, ...allAttributes }));
      return { id, bindAsAdmin: true, depthOne: false, next: (_c, _s, random) => requests[random() % n] as Buffer };
    }
    case 'bind': {
      const requests = table(n, (r) => ({ type: 'bindRequest', version: 3, name: userDn(r), authentication: { method: 'simple', password: Buffer.from(userPassword(r)) } }));
      return { id, bindAsAdmin: false, depthOne: true, next: (_c, _s, random) => requests[random() % n] as Buffer };
    }
    case 'sub1000': {
      const departments = Math.max(1, Math.floor(n / 1000));
      const requests = table(departments, (k) => ({ type: 'searchRequest', baseObject: SUFFIX, scope: 'sub', filter: parseFilter(`(departmentNumber=${k})`), ...allAttributes }));
      return { id, bindAsAdmin: true, depthOne: false, next: (_c, _s, random) => requests[random() % departments] as Buffer };
    }
    case 'modify':
      return {
        id,
        bindAsAdmin: true,
        depthOne: false,
        next: (conn, seq, random) =>
          encodeTemplate({
            type: 'modifyRequest',
            object: userDn(random() % n),
            changes: [{ operation: 'replace', attribute: { type: 'description', values: text(`modified by warden bench run ${runTag} conn ${conn} seq ${seq}`) } }],
          }),
      };
    case 'add':
      return {
        id,
        bindAsAdmin: true,
        depthOne: false,
        next: (conn, seq) => {
          const uid = `ld${runTag}-${conn}-${seq}`;
          return encodeTemplate({
            type: 'addRequest',
            entry: `uid=${uid},${PEOPLE}`,
            attributes: [
              { type: 'objectClass', values: text('top', 'person', 'organizationalPerson', 'inetOrgPerson') },
              { type: 'uid', values: text(uid) },
              { type: 'cn', values: text(`Load Added ${uid}`) },
              { type: 'sn', values: text('Added') },
              { type: 'givenName', values: text('Load') },
              { type: 'mail', values: text(`${uid}@example.com`) },
              { type: 'userPassword', values: text('{SSHA}GdmfaCaMn2ggQ8m2hAYO5oNT0nsuw6ih') },
              { type: 'employeeNumber', values: text(String(100_000_000 + seq)) },
              { type: 'departmentNumber', values: text('added') },
              { type: 'telephoneNumber', values: text('+1 555 999 9999') },
              { type: 'title', values: text('Load test') },
              { type: 'description', values: text(`Added by warden bench run ${runTag}`) },
            ],
          });
        },
      };
  }
}
