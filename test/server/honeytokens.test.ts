/** Honeytokens over real sockets: reading a decoy entry or binding as one raises a high-severity alert. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import type { ServerLogger } from '../../src/server/index.js';

const DECOY = `uid=svc-backup-admin,ou=people,${SUFFIX}`;
const USER = `uid=reader,ou=people,${SUFFIX}`;

describe('honeytokens', () => {
  let server: TestServer;
  let ca: Buffer;
  const alerts: Record<string, unknown>[] = [];
  const log: ServerLogger = {
    child: () => log,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (obj) => {
      const o = obj as Record<string, unknown>;
      if (o['event'] === 'security.alert') alerts.push(o['alert'] as Record<string, unknown>);
    },
    error: () => undefined,
    fatal: () => undefined,
  };

  async function connect(dn: string, password: string): Promise<Client> {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] }, timeout: 10000 });
    await client.bind(dn, password);
    return client;
  }

  before(async () => {
    server = await startTestServer({ log, tweak: (c) => ({ ...c, security: { ...c.security, honeytokens: [DECOY] } }) });
    ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
    const admin = await connect(ADMIN_DN, ADMIN_PASSWORD);
    await admin.add(DECOY, { objectClass: 'inetOrgPerson', uid: 'svc-backup-admin', cn: 'Backup Admin', sn: 'Service', userPassword: 'decoy-pw' });
    await admin.add(USER, { objectClass: 'inetOrgPerson', uid: 'reader', cn: 'Reader', sn: 'R', userPassword: 'reader-pw' });
    await admin.unbind();
    alerts.length = 0;
  });

  after(async () => {
    await server.stop();
  });

  it('searches that do not return the decoy raise nothing', async () => {
    const client = await connect(USER, 'reader-pw');
    await client.search(`ou=people,${SUFFIX}`, { filter: '(uid=reader)' });
    await client.unbind();
    assert.deepEqual(alerts, []);
  });

  it('a search that returns the decoy raises a high-severity honeytoken alert naming the reader', async () => {
    const client = await connect(USER, 'reader-pw');
    const { searchEntries } = await client.search(`ou=people,${SUFFIX}`, { filter: '(cn=Backup*)' });
    await client.unbind();
    assert.equal(searchEntries.length, 1);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.['kind'], 'honeytoken');
    assert.equal(alerts[0]?.['severity'], 'high');
    assert.equal(alerts[0]?.['identity'], USER);
  });

  it('a bind as the decoy raises an alert, whatever the password', async () => {
    alerts.length = 0;
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
    await assert.rejects(client.bind(DECOY, 'guess'));
    await client.unbind().catch(() => undefined);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.['kind'], 'honeytoken');
  });
});
