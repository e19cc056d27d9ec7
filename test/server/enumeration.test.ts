/**
 * Bulk-enumeration detection over real sockets: a replay of BloodHound/SharpHound- and ldapdomaindump-style queries
 * by an ordinary account raises a `security.alert` (logged and POSTed to the webhook) within the window, while an
 * application's login traffic (bind, find the user, look up its groups) raises none.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import type { ServerLogger } from '../../src/server/index.js';

interface Logged {
  readonly obj: Record<string, unknown>;
  readonly msg: string | undefined;
}

function capturingLogger(lines: Logged[]): ServerLogger {
  const log: ServerLogger = {
    child: () => log,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (obj, msg) => lines.push({ obj: obj as Record<string, unknown>, msg }),
    error: () => undefined,
    fatal: () => undefined,
  };
  return log;
}

const APP = `uid=webapp,ou=people,${SUFFIX}`;
const INTRUDER = `uid=intruder,ou=people,${SUFFIX}`;

/** What SharpHound/BloodHound and ldapdomaindump ask for, from their public descriptions. */
const SWEEP: { base: string; scope: 'sub' | 'base'; filter: string; attributes?: string[] }[] = [
  { base: SUFFIX, scope: 'sub', filter: '(objectClass=*)' },
  { base: SUFFIX, scope: 'sub', filter: '(|(samaccounttype=805306368)(samaccounttype=805306369)(objectclass=group))' },
  { base: SUFFIX, scope: 'sub', filter: '(serviceprincipalname=*)', attributes: ['serviceprincipalname', 'samaccountname'] },
  { base: SUFFIX, scope: 'sub', filter: '(admincount=1)' },
  { base: SUFFIX, scope: 'sub', filter: '(userAccountControl:1.2.840.113556.1.4.803:=4194304)' },
  { base: SUFFIX, scope: 'sub', filter: '(objectCategory=person)' },
  { base: SUFFIX, scope: 'sub', filter: '(memberOf=*)' },
  { base: SUFFIX, scope: 'sub', filter: '(member=*)' },
  { base: SUFFIX, scope: 'sub', filter: '(objectClass=groupOfNames)' },
  { base: SUFFIX, scope: 'sub', filter: '(cn=*)' },
];

describe('enumeration detection', () => {
  let server: TestServer;
  let ca: Buffer;
  let webhook: Server;
  const posted: unknown[] = [];
  const logged: Logged[] = [];

  async function connect(dn: string, password: string): Promise<Client> {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] }, timeout: 10000 });
    await client.bind(dn, password);
    return client;
  }

  const alerts = (): Record<string, unknown>[] =>
    logged.filter((l) => l.obj['event'] === 'security.alert').map((l) => l.obj['alert'] as Record<string, unknown>);

  before(async () => {
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posted.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/alerts`;
    server = await startTestServer({ log: capturingLogger(logged), tweak: (c) => ({ ...c, security: { ...c.security, alertWebhook: hook } }) });
    ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
    const admin = await connect(ADMIN_DN, ADMIN_PASSWORD);
    await admin.add(APP, { objectClass: 'inetOrgPerson', uid: 'webapp', cn: 'Web App', sn: 'App', userPassword: 'webapp-pw' });
    await admin.add(INTRUDER, { objectClass: 'inetOrgPerson', uid: 'intruder', cn: 'In Truder', sn: 'Truder', userPassword: 'intruder-pw' });
    for (let i = 0; i < 20; i++) await admin.add(`uid=user${i},ou=people,${SUFFIX}`, { objectClass: 'inetOrgPerson', uid: `user${i}`, cn: `User ${i}`, sn: 'User' });
    await admin.add(`cn=staff,ou=groups,${SUFFIX}`, { objectClass: 'groupOfNames', cn: 'staff', member: [`uid=user1,ou=people,${SUFFIX}`, `uid=user2,ou=people,${SUFFIX}`] });
    await admin.unbind();
  });

  after(async () => {
    await server.stop();
    await new Promise<void>((resolve) => webhook.close(() => resolve()));
  });

  it('ordinary login traffic raises no alert', async () => {
    for (let i = 0; i < 60; i++) {
      const app = await connect(APP, 'webapp-pw');
      const user = `uid=user${i % 20},ou=people,${SUFFIX}`;
      const found = await app.search(`ou=people,${SUFFIX}`, { scope: 'one', filter: `(uid=user${i % 20})`, attributes: ['cn', 'mail'] });
      assert.equal(found.searchEntries.length, 1);
      await app.search(`ou=groups,${SUFFIX}`, { scope: 'sub', filter: `(member=${user})`, attributes: ['cn'] });
      await app.unbind();
    }
    assert.deepEqual(alerts(), []);
  });

  it('a BloodHound/ldapdomaindump-style sweep raises one enumeration alert, logged and sent to the webhook', async () => {
    const intruder = await connect(INTRUDER, 'intruder-pw');
    try {
      for (const query of SWEEP) {
        // Unindexed whole-tree sweeps are refused for non-administrators (adminLimitExceeded), and still scored.
        await intruder
          .search(query.base, { scope: query.scope, filter: query.filter, ...(query.attributes !== undefined ? { attributes: query.attributes } : {}) })
          .catch((err: Error & { code?: number }) => assert.equal(err.code, 11));
      }
    } finally {
      await intruder.unbind();
    }
    const raised = alerts();
    assert.equal(raised.length, 1, JSON.stringify(raised));
    const alert = raised[0];
    assert.ok(alert);
    assert.equal(alert['kind'], 'enumeration');
    assert.equal(alert['identity'], INTRUDER);
    assert.equal(alert['address'], '127.0.0.1');
    const deadline = Date.now() + 5000;
    while (posted.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(posted.length, 1);
    assert.equal((posted[0] as Record<string, unknown>)['kind'], 'enumeration');
  });
});
