import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertSink, SECURITY_ALERT_EVENT } from '../../src/security/index.js';
import type { SecurityAlert } from '../../src/security/index.js';

const alert: SecurityAlert = {
  kind: 'enumeration',
  severity: 'high',
  identity: 'uid=mallory,ou=people,dc=example,dc=com',
  address: '192.0.2.66',
  evidence: { score: 140, sampleFilters: ['(serviceprincipalname=*)'] },
  at: '2025-06-01T12:00:00.000Z',
};

function recorder(): { lines: { obj: Record<string, unknown>; msg: string }[]; warn(obj: object, msg: string): void } {
  const lines: { obj: Record<string, unknown>; msg: string }[] = [];
  return { lines, warn: (obj, msg) => lines.push({ obj: obj as Record<string, unknown>, msg }) };
}

let server: Server;
let base: string;
const received: { path: string; type: string | undefined; body: unknown }[] = [];
const hang: ServerResponse[] = [];

before(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', type: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/slow') hang.push(res);
      else if (path === '/fail') res.writeHead(500).end('no');
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const res of hang) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('AlertSink', () => {
  it('logs one structured security.alert line and counts by kind', () => {
    const logger = recorder();
    const sink = new AlertSink({ logger });
    sink.emit(alert);
    sink.emit({ ...alert, kind: 'honeytoken' });
    sink.emit(alert);
    assert.equal(logger.lines.length, 3);
    assert.deepEqual(logger.lines[0], {
      obj: { event: SECURITY_ALERT_EVENT, alert },
      msg: 'security alert: enumeration (high) by uid=mallory,ou=people,dc=example,dc=com from 192.0.2.66',
    });
    assert.equal(sink.count('enumeration'), 2);
    assert.equal(sink.count('honeytoken'), 1);
    assert.equal(sink.count('brute-force'), 0);
    assert.deepEqual([...sink.counts], [['enumeration', 2], ['honeytoken', 1]]);
  });

  it('POSTs the alert as JSON to the webhook without making the caller wait', async () => {
    const sink = new AlertSink({ logger: recorder(), webhookUrl: `${base}/hook?token=s3cret` });
    const before = received.length;
    sink.emit(alert);
    assert.equal(received.length, before);
    await sink.flush();
    assert.deepEqual(received.slice(before), [{ path: '/hook?token=s3cret', type: 'application/json', body: alert }]);
  });

  it('never throws on webhook failure: HTTP errors and timeouts are logged and counted', async () => {
    const logger = recorder();
    const failing = new AlertSink({ logger, webhookUrl: `${base}/fail` });
    failing.emit(alert);
    await failing.flush();
    const slow = new AlertSink({ logger, webhookUrl: `${base}/slow?token=s3cret`, webhookTimeoutMs: 100 });
    const started = Date.now();
    slow.emit(alert);
    await slow.flush();
    assert.ok(Date.now() - started < 2000);
    const down = new AlertSink({ logger, webhookUrl: 'http://127.0.0.1:1/hook' });
    down.emit(alert);
    await down.flush();
    assert.equal(failing.count('webhook-failed') + slow.count('webhook-failed') + down.count('webhook-failed'), 3);
    const failures = logger.lines.filter((l) => l.obj['event'] === 'security.alert.webhook-failed');
    assert.equal(failures.length, 3);
    assert.deepEqual(failures[0]?.obj, { event: 'security.alert.webhook-failed', webhook: `${base}/fail`, problem: 'HTTP 500' });
    assert.equal(failures[1]?.obj['webhook'], `${base}/slow`);
    assert.match(String(failures[1]?.obj['problem']), /^TimeoutError: /);
    assert.equal(slow.count('enumeration'), 1);
  });

  it('drops webhook requests past maxPendingWebhooks instead of piling them up', async () => {
    const sink = new AlertSink({ logger: recorder(), webhookUrl: `${base}/slow`, webhookTimeoutMs: 200, maxPendingWebhooks: 2 });
    for (let i = 0; i < 5; i++) sink.emit(alert);
    assert.equal(sink.count('webhook-dropped'), 3);
    assert.equal(sink.count('enumeration'), 5);
    await sink.flush();
  });

  it('survives a logger that throws', () => {
    const sink = new AlertSink({ logger: { warn: () => { throw new Error('disk full'); } } });
    sink.emit(alert);
    assert.equal(sink.count('enumeration'), 1);
  });

  it('refuses a webhook that is not http(s)', () => {
    assert.throws(() => new AlertSink({ logger: recorder(), webhookUrl: 'file:///etc/passwd' }), {
      name: 'TypeError',
      message: "alert webhook 'file:///etc/passwd' is not an http(s) URL",
    });
  });
});
