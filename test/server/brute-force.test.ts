/**
 * Brute-force defence and network allowlists over real sockets: failed binds slow down and then lock the account
 * temporarily, with the same answer for unknown users, locked accounts and wrong passwords.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, InvalidCredentialsError } from 'ldapts';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { RawClient } from '../helpers/raw-client.js';

async function bindError(server: TestServer, ca: Buffer, dn: string, password: string): Promise<string> {
  const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] }, timeout: 10000 });
  try {
    await client.bind(dn, password);
    return 'success';
  } catch (err) {
    assert.ok(err instanceof InvalidCredentialsError, String(err));
    return `${err.code}: ${err.message}`;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

describe('brute-force defence', () => {
  let server: TestServer;
  let ca: Buffer;
  const user = `uid=victim,ou=people,${SUFFIX}`;

  before(async () => {
    server = await startTestServer({
      tweak: (c) => ({
        ...c,
        security: {
          ...c.security,
          bindThrottle: { ...c.security.bindThrottle, perAccount: { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 60 }, baseDelayMs: 1, maxDelayMs: 20 },
        },
      }),
    });
    ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
    const admin = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
    await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
    await admin.add(user, { objectClass: 'inetOrgPerson', uid: 'victim', cn: 'Victim', sn: 'V', userPassword: 'right-password' });
    await admin.unbind();
  });

  after(async () => {
    await server.stop();
  });

  it('failures add a growing delay, and after the limit even the right password is refused, with the same answer', async () => {
    const throttle = server.runtime.server.context.bindThrottle;
    assert.ok(throttle);
    const address = '127.0.0.1';
    const answers: string[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await bindError(server, ca, user, `guess-${i}`));
      delays.push(throttle.check(user, address).delayMs);
    }
    assert.ok(delays[0]! > 0 && delays[1]! >= delays[0]!, `delays ${delays.join(',')}`);
    const locked = await bindError(server, ca, user, 'right-password');
    assert.equal(locked, answers[0]);
    assert.equal(throttle.isLocked(user).locked, true);
  });

  it('an unknown account behaves exactly like an existing one', async () => {
    const ghost = `uid=ghost,ou=people,${SUFFIX}`;
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) answers.push(await bindError(server, ca, ghost, `guess-${i}`));
    assert.equal(new Set(answers).size, 1);
    assert.equal(server.runtime.server.context.bindThrottle?.isLocked(ghost).locked, true);
  });

  it('the administrator (another account) is not affected', async () => {
    assert.equal(await bindError(server, ca, ADMIN_DN, ADMIN_PASSWORD), 'success');
  });
});

describe('network allowlist', () => {
  it('a client outside security.allowlist is disconnected at accept time; one inside is served', async () => {
    const outside = await startTestServer({ tweak: (c) => ({ ...c, security: { ...c.security, allowlist: ['10.0.0.0/8', '2001:db8::/32'] } }) });
    try {
      const client = await RawClient.plain(outside.port);
      await client.waitClosed(5000);
      assert.equal(client.received.length, 0);
    } finally {
      await outside.stop();
    }
    const inside = await startTestServer({ tweak: (c) => ({ ...c, security: { ...c.security, allowlist: ['127.0.0.0/8'] } }) });
    try {
      const ca = readFileSync(join(inside.dataDir, 'tls', 'cert.pem'));
      assert.equal(await bindError(inside, ca, ADMIN_DN, ADMIN_PASSWORD), 'success');
    } finally {
      await inside.stop();
    }
  });
});

describe('connections per address', () => {
  it('a client address past limits.maxConnectionsPerAddress is disconnected at accept; closing one frees a slot', async () => {
    const server = await startTestServer({ tweak: (c) => ({ ...c, limits: { ...c.limits, maxConnectionsPerAddress: 2 } }) });
    try {
      const first = await RawClient.plain(server.port);
      const second = await RawClient.plain(server.port);
      const third = await RawClient.plain(server.port);
      await third.waitClosed(5000);
      assert.equal(first.closed || second.closed, false);
      first.close();
      await first.waitClosed(5000);
      // The server sees the close asynchronously; poll until a new connection is kept open.
      let kept = false;
      for (let attempt = 0; attempt < 20 && !kept; attempt++) {
        await new Promise((r) => setTimeout(r, 50));
        const next = await RawClient.plain(server.port);
        await new Promise((r) => setTimeout(r, 100));
        kept = !next.closed;
        next.close();
      }
      assert.ok(kept, 'a freed slot was not reusable');
      second.close();
    } finally {
      await server.stop();
    }
  });
});
