import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { SecureContext } from 'node:tls';
import { BerWriter, PduFramer } from '../ber/index.js';
import { ResultCode } from '../errors/index.js';
import { decodeMessage, writeMessage, noticeOfDisconnection, NOTICE_OF_DISCONNECTION_MESSAGE_ID, NO_CONTROLS, START_TLS_OID } from '../protocol/index.js';
import type { Control, LdapMessage, LdapResult, ProtocolOp, RequestOpType } from '../protocol/index.js';
import { resultFromError, result } from './respond.js';
import { ANONYMOUS } from './session.js';
import type { Identity, SessionInfo } from './session.js';
import type { ServerLogger } from './logger.js';
import { auditRecord } from './audit-log.js';

/** Response op type for each request that gets one (RFC 4511 §4.2–4.12). Abandon and Unbind get none. */
const RESPONSE_TYPE = {
  bindRequest: 'bindResponse',
  searchRequest: 'searchResultDone',
  modifyRequest: 'modifyResponse',
  addRequest: 'addResponse',
  delRequest: 'delResponse',
  modifyDNRequest: 'modifyDNResponse',
  compareRequest: 'compareResponse',
  extendedRequest: 'extendedResponse',
} as const;

export type AnsweredRequestType = keyof typeof RESPONSE_TYPE;

export interface ConnectionLimits {
  readonly maxPduBytesAnonymous: number;
  readonly maxPduBytesAuthenticated: number;
  readonly maxOutstanding: number;
  readonly idleTimeoutMs: number;
  /** A client that leaves this many bytes unread for `drainTimeoutMs` is disconnected. */
  readonly writeHighWaterBytes: number;
  readonly drainTimeoutMs: number;
}

/** Fields some responses add to LDAPResult: BindResponse serverSaslCreds, ExtendedResponse name and value. */
export interface ResponseExtras {
  readonly serverSaslCreds?: Buffer;
  readonly responseName?: string;
  readonly responseValue?: Buffer;
}

/** The final answer of an operation: its result fields (and extras such as serverSaslCreds), plus response controls. */
export interface OperationOutcome {
  readonly result: LdapResult & ResponseExtras;
  readonly controls?: readonly Control[];
  /** Fields for the access log line (dn, scope, filter, entries…). */
  readonly log?: Record<string, unknown>;
  /** Runs after the response has been written: StartTLS upgrades the socket here. */
  readonly afterSend?: () => void;
  /** A successful bind: the connection's new identity. */
  readonly identity?: Identity;
}

export interface RequestContext {
  readonly session: SessionInfo;
  readonly connection: Connection;
  readonly messageId: number;
  readonly controls: readonly Control[];
  readonly signal: AbortSignal;
  /** Sends an intermediate message (a search entry or reference); resolves once the socket can take more. */
  send(op: ProtocolOp, controls?: readonly Control[]): Promise<void>;
  /** Sends several intermediate messages in one socket write (a batch of search entries). */
  sendMany(ops: readonly ProtocolOp[]): Promise<void>;
}

export interface RequestHandler {
  handle(request: ProtocolOp, ctx: RequestContext): Promise<OperationOutcome>;
}

let nextConnectionId = 1;

/** The abort reason a Cancel request (RFC 3909) uses, so the operation answers `canceled` instead of nothing. */
const CANCELED = Symbol('canceled');

/**
 * One client connection: PDU framing, the RFC 4511 state rules (bind exclusivity, StartTLS, abandon, unbind),
 * concurrency of pipelined requests, and backpressure in both directions.
 *
 * Read side: at most `maxOutstanding` operations run at once; past that the socket is paused and TCP flow control
 * holds the client back. Write side: search entries wait for 'drain' when the socket buffer is over its high-water
 * mark, and a client that does not read for `drainTimeoutMs` is disconnected, so it cannot grow server memory.
 */
export class Connection {
  readonly id = nextConnectionId++;
  #socket: Socket;
  readonly #framer: PduFramer;
  readonly #writer = new BerWriter(16 * 1024);
  readonly #outstanding = new Map<number, AbortController>();
  readonly #handler: RequestHandler;
  readonly #limits: ConnectionLimits;
  readonly #log: ServerLogger;
  readonly #listener: string;
  readonly #secureContext: SecureContext | undefined;
  #identity: Identity = ANONYMOUS;
  #tls: TLSSocket | undefined;
  /** A bind or StartTLS is in progress: nothing else is read until it finishes (RFC 4511 §4.2.1, RFC 4513 §3.1.1). */
  #exclusive = false;
  #paused = false;
  #closed = false;
  #drainWaiters: (() => void)[] = [];
  #drainTimer: NodeJS.Timeout | undefined;
  readonly #onClose: (c: Connection) => void;
  readonly #audit: ((record: Record<string, unknown>) => void) | undefined;

  constructor(
    socket: Socket,
    options: {
      handler: RequestHandler;
      limits: ConnectionLimits;
      log: ServerLogger;
      listener: string;
      secureContext?: SecureContext;
      onClose: (c: Connection) => void;
      audit?: (record: Record<string, unknown>) => void;
    },
  ) {
    this.#socket = socket;
    this.#handler = options.handler;
    this.#limits = options.limits;
    this.#listener = options.listener;
    this.#secureContext = options.secureContext;
    this.#onClose = options.onClose;
    this.#audit = options.audit;
    this.#framer = new PduFramer(options.limits.maxPduBytesAnonymous);
    this.#log = options.log.child({ conn: this.id });
    if (socket instanceof TLSSocket) this.#tls = socket;
    this.#attach(socket);
    socket.setNoDelay(true);
    if (options.limits.idleTimeoutMs > 0) {
      socket.setTimeout(options.limits.idleTimeoutMs, () => {
        if (this.#outstanding.size === 0) this.#log.info({ event: 'idle-timeout' }, 'closing idle connection');
        if (this.#outstanding.size === 0) this.destroy();
      });
    }
  }

  get session(): SessionInfo {
    return {
      id: this.id,
      remoteAddress: this.#socket.remoteAddress ?? '',
      remotePort: this.#socket.remotePort ?? 0,
      listener: this.#listener,
      tls: this.#tls,
      identity: this.#identity,
    };
  }

  get identity(): Identity {
    return this.#identity;
  }

  get outstandingCount(): number {
    return this.#outstanding.size;
  }

  #attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('drain', () => this.#onDrain());
    socket.on('error', (err) => this.#log.debug({ err: err.message }, 'socket error'));
    socket.on('close', () => this.#cleanup());
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    this.#framer.push(chunk);
    this.#pump();
  }

  /** Decodes and starts every complete PDU, unless the connection must wait (bind, StartTLS, too many outstanding). */
  #pump(): void {
    while (!this.#closed && !this.#exclusive && this.#outstanding.size < this.#limits.maxOutstanding) {
      let pdu: Buffer | undefined;
      let message: LdapMessage;
      try {
        pdu = this.#framer.next();
        if (pdu === undefined) break;
        message = decodeMessage(pdu);
      } catch (err) {
        // RFC 4511 §4.1.1: an undecodable PDU ends the session with a Notice of Disconnection.
        this.#log.warn({ event: 'protocol-error', err: (err as Error).message }, 'undecodable PDU');
        this.disconnect(ResultCode.protocolError, (err as Error).message);
        return;
      }
      this.#start(message);
    }
    this.#setPaused(this.#exclusive || this.#outstanding.size >= this.#limits.maxOutstanding);
  }

  #setPaused(paused: boolean): void {
    if (paused === this.#paused || this.#closed) return;
    this.#paused = paused;
    if (paused) this.#socket.pause();
    else this.#socket.resume();
  }

  #start(message: LdapMessage): void {
    const op = message.protocolOp;
    switch (op.type) {
      case 'unbindRequest':
        // RFC 4511 §4.3: no response; abandon everything and close.
        for (const controller of this.#outstanding.values()) controller.abort();
        this.#log.info({ op: 'unbind', msgid: message.messageId }, 'unbind');
        this.#closed = true;
        this.#endSoon();
        return;
      case 'abandonRequest': {
        // RFC 4511 §4.11: no response, and abandoning an unknown or finished operation is not an error.
        const controller = this.#outstanding.get(op.messageId);
        controller?.abort(new Error('abandoned'));
        this.#log.info({ op: 'abandon', msgid: message.messageId, target: op.messageId, found: controller !== undefined }, 'abandon');
        return;
      }
      case 'bindRequest':
      case 'searchRequest':
      case 'modifyRequest':
      case 'addRequest':
      case 'delRequest':
      case 'modifyDNRequest':
      case 'compareRequest':
      case 'extendedRequest':
        break;
      default:
        // A response or an intermediate message from a client is not a request: RFC 4511 §4.1.1 protocolError.
        this.disconnect(ResultCode.protocolError, `${op.type} is not a request`);
        return;
    }
    if (this.#outstanding.has(message.messageId)) {
      this.disconnect(ResultCode.protocolError, `messageID ${message.messageId} is already in use`);
      return;
    }
    if (op.type === 'bindRequest' || (op.type === 'extendedRequest' && op.requestName === START_TLS_OID)) {
      if (this.#outstanding.size > 0) {
        if (op.type === 'extendedRequest') {
          // RFC 4511 §4.14.1: StartTLS with operations outstanding is an operationsError.
          void this.#respond(message, { result: result(ResultCode.operationsError, 'StartTLS refused: operations are outstanding') });
          return;
        }
        // RFC 4511 §4.2.1: a Bind waits for the operations in progress; it is re-queued at the front.
        this.#exclusive = true;
        void this.#waitIdle().then(() => {
          this.#exclusive = false;
          this.#run(message, true);
        });
        return;
      }
      this.#run(message, true);
      return;
    }
    this.#run(message, false);
  }

  #idleWaiters: (() => void)[] = [];

  #waitIdle(): Promise<void> {
    if (this.#outstanding.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #run(message: LdapMessage, exclusive: boolean): void {
    const controller = new AbortController();
    this.#outstanding.set(message.messageId, controller);
    if (exclusive) this.#exclusive = true;
    const started = process.hrtime.bigint();
    const ctx: RequestContext = {
      session: this.session,
      connection: this,
      messageId: message.messageId,
      controls: message.controls,
      signal: controller.signal,
      send: (op, controls) => this.#sendIntermediate(message.messageId, op, controls ?? []),
      sendMany: (ops) => this.#writeMany(message.messageId, ops),
    };
    this.#handler
      .handle(message.protocolOp, ctx)
      .catch((err: unknown): OperationOutcome => {
        const reference = `${this.id}-${message.messageId}`;
        if (!(err instanceof Error) || !('resultCode' in err)) this.#log.error({ err, ref: reference }, 'operation failed');
        return { result: resultFromError(err, reference) };
      })
      .then(async (outcome) => {
        this.#outstanding.delete(message.messageId);
        if (outcome.identity !== undefined) this.#setIdentity(outcome.identity);
        const canceled = controller.signal.aborted && controller.signal.reason === CANCELED;
        const abandoned = controller.signal.aborted && !canceled;
        // RFC 4511 §4.11: an abandoned operation gets no response; RFC 3909 §2: a canceled one answers `canceled`.
        if (canceled) outcome = { ...outcome, result: result(ResultCode.canceled, 'the operation was canceled') };
        if (!abandoned || message.protocolOp.type === 'bindRequest') await this.#respond(message, outcome);
        this.#logAccess(message, outcome, started, abandoned);
        outcome.afterSend?.();
      })
      .catch((err: unknown) => this.#log.error({ err }, 'failed to send a response'))
      .finally(() => {
        if (exclusive) this.#exclusive = false;
        if (this.#outstanding.size === 0) for (const w of this.#idleWaiters.splice(0)) w();
        if (!this.#closed && !this.#upgrading) this.#pump();
      });
  }

  /** Aborts an outstanding operation on behalf of a Cancel request; false when there is none. */
  cancel(messageId: number): boolean {
    const controller = this.#outstanding.get(messageId);
    if (controller === undefined) return false;
    controller.abort(CANCELED);
    return true;
  }

  #setIdentity(identity: Identity): void {
    this.#identity = identity;
    this.#framer.setMaxPduSize(identity.kind === 'anonymous' ? this.#limits.maxPduBytesAnonymous : this.#limits.maxPduBytesAuthenticated);
  }

  #respond(message: LdapMessage, outcome: OperationOutcome): Promise<void> {
    const requestType = message.protocolOp.type as AnsweredRequestType;
    const protocolOp = { ...outcome.result, type: RESPONSE_TYPE[requestType] } as unknown as ProtocolOp;
    return this.#write({ messageId: message.messageId, protocolOp, controls: outcome.controls ?? [] });
  }

  #sendIntermediate(messageId: number, op: ProtocolOp, controls: readonly Control[]): Promise<void> {
    return this.#write({ messageId, protocolOp: op, controls });
  }

  #write(message: LdapMessage): Promise<void> {
    if (this.#closed || this.#socket.destroyed) return Promise.resolve();
    const w = this.#writer;
    w.reset();
    writeMessage(w, message);
    return this.#flush();
  }

  #writeMany(messageId: number, ops: readonly ProtocolOp[]): Promise<void> {
    if (this.#closed || this.#socket.destroyed) return Promise.resolve();
    const w = this.#writer;
    w.reset();
    for (const protocolOp of ops) writeMessage(w, { messageId, protocolOp, controls: NO_CONTROLS });
    return this.#flush();
  }

  #corked = false;

  /** Writes what the writer holds; resolves at once, or after 'drain' when the client is behind. */
  #flush(): Promise<void> {
    // Everything written in one turn of the event loop (a search's entries and its SearchResultDone, the answers
    // to pipelined requests) leaves in one system call: the socket stays corked until the next tick.
    if (!this.#corked) {
      this.#corked = true;
      const socket = this.#socket;
      socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        socket.uncork();
      });
    }
    this.#socket.write(this.#writer.toBuffer());
    if (this.#socket.writableLength < this.#limits.writeHighWaterBytes) return Promise.resolve();
    return new Promise((resolve) => {
      this.#drainWaiters.push(resolve);
      this.#drainTimer ??= setTimeout(() => {
        this.#log.warn({ event: 'write-stalled', bufferedBytes: this.#socket.writableLength }, 'client stopped reading; disconnecting');
        this.destroy();
      }, this.#limits.drainTimeoutMs);
    });
  }

  #onDrain(): void {
    if (this.#drainTimer !== undefined) {
      clearTimeout(this.#drainTimer);
      this.#drainTimer = undefined;
    }
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
  }

  #upgrading = false;

  /**
   * Switches the connection to TLS after a successful StartTLS response (RFC 4513 §3.1). Anything the client sent
   * after the StartTLS request and before its TLS handshake is a protocol violation.
   */
  startTls(onSecure: () => void): void {
    if (this.#secureContext === undefined || this.#tls !== undefined) return;
    if (this.#framer.bufferedBytes > 0) {
      this.disconnect(ResultCode.protocolError, 'data received after StartTLS before the TLS handshake');
      return;
    }
    this.#upgrading = true;
    const raw = this.#socket;
    raw.removeAllListeners('data');
    raw.removeAllListeners('drain');
    raw.removeAllListeners('close');
    raw.removeAllListeners('timeout');
    const secure = new TLSSocket(raw, { isServer: true, secureContext: this.#secureContext });
    this.#socket = secure;
    this.#tls = secure;
    this.#paused = false;
    this.#attach(secure);
    secure.once('secure', () => {
      this.#upgrading = false;
      this.#log.info({ event: 'tls-established', protocol: secure.getProtocol(), cipher: secure.getCipher().name }, 'StartTLS');
      onSecure();
      this.#pump();
    });
    raw.resume();
  }

  /** Sends a Notice of Disconnection (RFC 4511 §4.4.1) and closes. */
  disconnect(resultCode: number, diagnosticMessage: string): void {
    if (this.#closed) return;
    void this.#write({
      messageId: NOTICE_OF_DISCONNECTION_MESSAGE_ID,
      protocolOp: noticeOfDisconnection(resultCode, diagnosticMessage),
      controls: [],
    });
    this.#closed = true;
    for (const controller of this.#outstanding.values()) controller.abort();
    this.#endSoon();
  }

  /** Half-closes (so queued responses still go out), then destroys if the peer does not close its side. */
  #endSoon(): void {
    this.#socket.end();
    const socket = this.#socket;
    const timer = setTimeout(() => socket.destroy(), 1000);
    socket.once('close', () => clearTimeout(timer));
  }

  /** Graceful shutdown: waits (bounded) for in-flight operations, then sends the notice and closes. */
  async shutdown(graceMs: number): Promise<void> {
    if (this.#closed) {
      this.#socket.destroy();
      return;
    }
    this.#exclusive = true; // read nothing more
    this.#setPaused(true);
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([this.#waitIdle(), graceOver]);
    clearTimeout(timer);
    if (this.#outstanding.size > 0) this.#log.warn({ event: 'shutdown-abandoned', outstanding: [...this.#outstanding.keys()] }, 'operations still running at shutdown');
    this.disconnect(ResultCode.unavailable, 'the server is shutting down');
  }

  destroy(): void {
    this.#closed = true;
    for (const controller of this.#outstanding.values()) controller.abort();
    this.#socket.destroy();
  }

  #cleanup(): void {
    if (this.#upgrading) return;
    this.#closed = true;
    for (const controller of this.#outstanding.values()) controller.abort();
    if (this.#drainTimer !== undefined) clearTimeout(this.#drainTimer);
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
    for (const w of this.#idleWaiters.splice(0)) w();
    this.#log.debug({ event: 'closed' }, 'connection closed');
    this.#onClose(this);
  }

  #logAccess(message: LdapMessage, outcome: OperationOutcome, started: bigint, abandoned: boolean): void {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (this.#audit !== undefined) {
      const op = message.protocolOp.type.replace(/Request$/, '');
      // A bind is audited under the identity it asked for; everything else under the one it ran as.
      const identity = op === 'bind' && message.protocolOp.type === 'bindRequest' ? message.protocolOp.name : this.#identity.kind === 'dn' ? this.#identity.dn : '';
      const record = auditRecord({ op, result: outcome.result.resultCode, identity, client: this.#socket.remoteAddress ?? this.#listener, tls: this.#tls !== undefined, log: { conn: this.id, ...outcome.log } });
      if (record !== undefined) this.#audit(record);
    }
    this.#log.info(
      {
        op: message.protocolOp.type.replace(/Request$/, '') as string,
        msgid: message.messageId,
        client: this.#socket.remoteAddress,
        result: outcome.result.resultCode,
        ...(abandoned ? { abandoned: true } : {}),
        ...outcome.log,
        ms: Math.round(ms * 1000) / 1000,
      },
      'operation',
    );
  }
}

export type { RequestOpType };
