/**
 * Security alerts: what the abuse detectors report, and the sink that logs, counts and forwards them.
 * The detectors only build `SecurityAlert` values; where alerts go is the sink's business.
 */
export const SECURITY_ALERT_KINDS = ['enumeration', 'honeytoken', 'brute-force'] as const;
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];
export type SecurityAlertSeverity = 'high' | 'medium' | 'low';

export interface SecurityAlert {
  readonly kind: SecurityAlertKind;
  readonly severity: SecurityAlertSeverity;
  /** The bound DN, or `anonymous`. */
  readonly identity: string;
  /** The client's network address. */
  readonly address: string;
  /** Detector-specific facts: counts, sample filters, windows. JSON-serialisable. */
  readonly evidence: Readonly<Record<string, unknown>>;
  /** ISO 8601 time the alert was raised (from the detector's clock). */
  readonly at: string;
}

/** The one logger method the sink needs (pino's signature). */
export interface AlertLogger {
  warn(obj: object, msg: string): void;
}

export interface AlertSinkOptions {
  readonly logger: AlertLogger;
  /** POST every alert as JSON here (http or https). */
  readonly webhookUrl?: string | undefined;
  /** Give up on a webhook request after this long (default 2000 ms). */
  readonly webhookTimeoutMs?: number | undefined;
  /** Webhook requests in flight at most; alerts past that are not forwarded (but still logged and counted). */
  readonly maxPendingWebhooks?: number | undefined;
  /** For tests: the fetch implementation (default: the global one). */
  readonly fetch?: typeof fetch | undefined;
}

export const SECURITY_ALERT_EVENT = 'security.alert';

/**
 * Logs each alert as one structured `security.alert` line at warn level, counts alerts by kind, and
 * optionally POSTs the alert to a webhook. `emit` never throws and never waits: the webhook request runs
 * in the background with a timeout (AbortSignal.timeout's timer does not keep the process alive), failures
 * are logged once each, and a flood of alerts cannot pile up unbounded requests (`maxPendingWebhooks`).
 * `flush()` waits for the requests in flight (shutdown, tests).
 */
export class AlertSink {
  readonly #logger: AlertLogger;
  readonly #webhookUrl: string | undefined;
  readonly #timeoutMs: number;
  readonly #maxPending: number;
  readonly #fetch: typeof fetch;
  readonly #counts = new Map<string, number>();
  readonly #pending = new Set<Promise<void>>();

  constructor(opts: AlertSinkOptions) {
    this.#logger = opts.logger;
    this.#timeoutMs = opts.webhookTimeoutMs ?? 2000;
    this.#maxPending = opts.maxPendingWebhooks ?? 64;
    this.#fetch = opts.fetch ?? globalThis.fetch;
    if (opts.webhookUrl !== undefined) {
      const url = URL.canParse(opts.webhookUrl) ? new URL(opts.webhookUrl) : undefined;
      if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        throw new TypeError(`alert webhook '${opts.webhookUrl}' is not an http(s) URL`);
      }
    }
    this.#webhookUrl = opts.webhookUrl;
  }

  /** Alerts seen so far, by kind (`enumeration`, `honeytoken`, `brute-force`), plus `webhook-dropped` and `webhook-failed`. */
  get counts(): ReadonlyMap<string, number> {
    return this.#counts;
  }

  count(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  emit(alert: SecurityAlert): void {
    this.#bump(alert.kind);
    try {
      this.#logger.warn(
        { event: SECURITY_ALERT_EVENT, alert },
        `security alert: ${alert.kind} (${alert.severity}) by ${alert.identity} from ${alert.address}`,
      );
    } catch {
      // A broken logger must not turn an alert into a failed LDAP operation.
    }
    if (this.#webhookUrl === undefined) return;
    if (this.#pending.size >= this.#maxPending) {
      this.#bump('webhook-dropped');
      return;
    }
    const request = this.#post(this.#webhookUrl, alert);
    this.#pending.add(request);
    void request.finally(() => this.#pending.delete(request));
  }

  /** Waits for every webhook request in flight to finish or time out. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #post(url: string, alert: SecurityAlert): Promise<void> {
    try {
      const response = await this.#fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alert),
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'error',
      });
      // Drain the body so the connection can be reused or closed.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) this.#failed(url, `HTTP ${response.status}`);
    } catch (err) {
      this.#failed(url, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
  }

  #failed(url: string, problem: string): void {
    this.#bump('webhook-failed');
    try {
      this.#logger.warn({ event: 'security.alert.webhook-failed', webhook: redactUrl(url), problem }, 'security alert webhook failed');
    } catch {
      // see emit
    }
  }

  #bump(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }
}

/** A webhook URL may carry a token in its userinfo or query: log only scheme, host and path. */
function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
