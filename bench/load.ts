/**
 * The load generator: C connections on one event loop, D requests outstanding per connection, W seconds of
 * warm-up then T seconds measured, like shared/bench/ldapload.c. An operation counts when it was sent and
 * answered inside the measured window. Framing is Warden's PduFramer; only the envelope (messageID and
 * protocolOp tag) of each response is read, plus the result code of final responses, so 1000-entry searches
 * cost the client one tag check per entry.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { BerReader, PduFramer } from '../src/ber/index.js';
import { OpTag, encodeMessage } from '../src/protocol/index.js';
import { UsageMeter } from './proc-stats.js';
import { MSGID_MAX, MSGID_MIN, messageIdOffset } from './workloads.js';
import type { Workload } from './workloads.js';

export interface LoadOptions {
  readonly port: number;
  readonly workload: Workload;
  readonly connections: number;
  readonly depth: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly adminDn: string;
  readonly adminPassword: string;
  /** The server process, for CPU and RSS over the measured window. */
  readonly serverPid: number;
}

export interface LoadResult {
  readonly ops: number;
  readonly opsPerSecond: number;
  readonly entriesPerSecond: number;
  /** Response bytes (every PDU of the answer) per operation: shows both servers return the same data. */
  readonly bytesPerOp: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly firstError?: string;
  readonly serverCpuPercent: number;
  readonly serverRssKb: number;
  readonly serverRssAnonKb: number;
  readonly clientCpuPercent: number;
}

interface Pending {
  readonly sentAt: number;
  entries: number;
  bytes: number;
}

/** xorshift32: cheap, deterministic per connection. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const ENTRY = OpTag.searchResultEntry;
const REFERENCE = OpTag.searchResultReference;

class LoadConnection {
  readonly #socket: Socket;
  readonly #framer = new PduFramer(1 << 26);
  readonly #pending = new Map<number, Pending>();
  #nextId = MSGID_MIN;
  seq = 0;
  closed = false;
  /** Called with the pending record, the time the final response arrived, its result code and diagnostic. */
  onDone: (pending: Pending, now: number, resultCode: number, message: string) => void = () => undefined;
  onClose: (reason: string) => void = () => undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', (err) => this.#close(err.message));
    socket.on('close', () => this.#close('connection closed by the server'));
  }

  static open(port: number): Promise<LoadConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new LoadConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  get outstanding(): number {
    return this.#pending.size;
  }

  /** Sends a copy of `template` with the next messageID patched in. */
  send(template: Buffer): void {
    const id = this.#nextId;
    this.#nextId = id === MSGID_MAX ? MSGID_MIN : id + 1;
    const pdu = Buffer.from(template);
    const at = messageIdOffset(pdu);
    pdu[at] = id >>> 16;
    pdu[at + 1] = (id >>> 8) & 0xff;
    pdu[at + 2] = id & 0xff;
    this.#pending.set(id, { sentAt: performance.now(), entries: 0, bytes: 0 });
    this.seq++;
    this.#socket.write(pdu);
  }

  /** One request answered by one final response; for the administrator bind before the load starts. */
  request(template: Buffer): Promise<{ resultCode: number; message: string }> {
    return new Promise((resolve) => {
      const previous = this.onDone;
      this.onDone = (_p, _now, resultCode, message) => {
        this.onDone = previous;
        resolve({ resultCode, message });
      };
      this.send(template);
    });
  }

  end(): void {
    this.closed = true;
    if (!this.#socket.destroyed) this.#socket.end(encodeMessage({ messageId: 1, controls: [], protocolOp: { type: 'unbindRequest' } }));
  }

  #receive(chunk: Buffer): void {
    this.#framer.push(chunk);
    for (let pdu = this.#framer.next(); pdu !== undefined; pdu = this.#framer.next()) {
      const envelope = new BerReader(pdu).readSequence();
      const id = envelope.readInteger();
      const tag = envelope.peekTag();
      const pending = this.#pending.get(id);
      if (tag === ENTRY) {
        if (pending !== undefined) {
          pending.entries++;
          pending.bytes += pdu.length;
        }
        continue;
      }
      if (tag === REFERENCE) continue;
      if (pending === undefined) {
        // messageID 0: an unsolicited notification (RFC 4511 §4.4.1), i.e. the server is disconnecting us.
        this.#close(id === 0 ? 'notice of disconnection from the server' : `response to unknown messageID ${id}`);
        return;
      }
      this.#pending.delete(id);
      pending.bytes += pdu.length;
      const result = envelope.readSequence(tag);
      const resultCode = result.readEnumerated();
      let message = '';
      if (resultCode !== 0) {
        result.readString();
        message = result.readString();
      }
      this.onDone(pending, performance.now(), resultCode, message);
    }
  }

  #close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.#socket.destroy();
    this.onClose(reason);
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Runs one point: connects, binds, warms up, measures, drains, disconnects. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { workload } = options;
  const depth = workload.depthOne ? 1 : options.depth;
  const connections = await Promise.all(Array.from({ length: options.connections }, () => LoadConnection.open(options.port)));
  try {
    if (workload.bindAsAdmin) {
      const bind = encodeMessage({
        messageId: MSGID_MIN,
        controls: [],
        protocolOp: { type: 'bindRequest', version: 3, name: options.adminDn, authentication: { method: 'simple', password: Buffer.from(options.adminPassword) } },
      });
      const results = await Promise.all(connections.map((c) => c.request(bind)));
      const failed = results.find((r) => r.resultCode !== 0);
      if (failed !== undefined) throw new Error(`administrator bind failed: result ${failed.resultCode} ${failed.message}`);
    }
    return await measure(options, connections, depth);
  } finally {
    for (const c of connections) c.end();
  }
}

function measure(options: LoadOptions, connections: LoadConnection[], depth: number): Promise<LoadResult> {
  const { workload } = options;
  const started = performance.now();
  const measureFrom = started + options.warmupSeconds * 1000;
  const measureTo = measureFrom + options.seconds * 1000;
  let latencies = new Float64Array(1 << 16);
  let ops = 0;
  let entries = 0;
  let bytes = 0;
  let errors = 0;
  let firstError: string | undefined;
  let stopping = false;
  const meter = new UsageMeter(options.serverPid);
  let client0 = process.cpuUsage();

  return new Promise((resolve) => {
    let finished = false;
    let serverUsage = { cpuPercent: NaN, rssKb: NaN, rssAnonKb: NaN };
    let clientCpuPercent = NaN;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(startTimer);
      clearTimeout(stopTimer);
      clearTimeout(drainTimer);
      const sorted = latencies.subarray(0, ops).sort();
      resolve({
        ops,
        opsPerSecond: ops / options.seconds,
        entriesPerSecond: entries / options.seconds,
        bytesPerOp: ops > 0 ? bytes / ops : NaN,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        errors,
        ...(firstError !== undefined ? { firstError } : {}),
        serverCpuPercent: serverUsage.cpuPercent,
        serverRssKb: serverUsage.rssKb,
        serverRssAnonKb: serverUsage.rssAnonKb,
        clientCpuPercent,
      });
    };
    const maybeFinish = (): void => {
      if (stopping && connections.every((c) => c.closed || c.outstanding === 0)) finish();
    };
    const issue = (conn: LoadConnection, index: number, random: () => number): void => {
      if (stopping || conn.closed) return;
      conn.send(workload.next(index, conn.seq, random));
    };

    connections.forEach((conn, index) => {
      const random = xorshift(0x5eed0000 + index * 7919 + workload.id.length);
      conn.onDone = (pending, now, resultCode, message) => {
        if (pending.sentAt >= measureFrom && now <= measureTo) {
          if (resultCode === 0) {
            if (ops === latencies.length) {
              const grown = new Float64Array(latencies.length * 2);
              grown.set(latencies);
              latencies = grown;
            }
            latencies[ops++] = now - pending.sentAt;
            entries += pending.entries;
            bytes += pending.bytes;
          } else {
            errors++;
          }
        }
        if (resultCode !== 0) firstError ??= `result ${resultCode}: ${message}`;
        if (stopping) maybeFinish();
        else issue(conn, index, random);
      };
      conn.onClose = (reason) => {
        errors++;
        firstError ??= reason;
        if (connections.every((c) => c.closed)) {
          stopping = true;
          finish();
        }
      };
      for (let i = 0; i < depth; i++) issue(conn, index, random);
    });

    const startTimer = setTimeout(() => {
      client0 = process.cpuUsage();
      meter.start();
    }, Math.max(0, measureFrom - performance.now()));
    const stopTimer = setTimeout(() => {
      stopping = true;
      serverUsage = meter.stop();
      const used = process.cpuUsage(client0);
      clientCpuPercent = (100 * (used.user + used.system)) / 1e6 / options.seconds;
      maybeFinish();
    }, Math.max(0, measureTo - performance.now()));
    // Responses still outstanding long after the window (a stalled server) do not hold the run forever.
    const drainTimer = setTimeout(finish, (options.warmupSeconds + options.seconds + 30) * 1000);
  });
}
