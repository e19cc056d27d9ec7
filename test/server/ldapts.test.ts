/**
 * Node's ldapts client against a real Warden over LDAPS and StartTLS: the same operations an application performs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attribute, Change, Client, InvalidCredentialsError, NoSuchObjectError } from 'ldapts';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('ldapts against Warden', () => {
  let server: TestServer;
  let ca: Buffer;

  before(async () => {
    server = await startTestServer();
    ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
  });

  after(async () => {
    await server.stop();
  });

  async function adminClient(): Promise<Client> {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] }, timeout: 10000 });
    await client.bind(ADMIN_DN, ADMIN_PASSWORD);
    return client;
  }

  it('binds over LDAPS and over StartTLS; rejects a wrong password with 49', async () => {
    const ldaps = await adminClient();
    await ldaps.unbind();
    const plain = new Client({ url: server.ldapUrl, timeout: 10000 });
    await plain.startTLS({ ca: [ca] });
    await plain.bind(ADMIN_DN, ADMIN_PASSWORD);
    const { value } = await plain.exop('1.3.6.1.4.1.4203.1.11.3');
    assert.equal(value, `dn:${ADMIN_DN}`);
    await plain.unbind();
    const bad = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
    await assert.rejects(bad.bind(ADMIN_DN, 'wrong'), InvalidCredentialsError);
    await bad.unbind();
  });

  it('add, search, modify, compare, modifyDN and delete', async () => {
    const client = await adminClient();
    try {
      const dn = `uid=carol,ou=people,${SUFFIX}`;
      await client.add(dn, { objectClass: ['inetOrgPerson'], uid: 'carol', cn: 'Carol Example', sn: 'Example' });
      const found = await client.search(`ou=people,${SUFFIX}`, { scope: 'one', filter: '(&(objectClass=person)(cn=carol*))', attributes: ['uid', 'cn'] });
      assert.deepEqual(found.searchEntries.map((e) => e.dn), [dn]);
      assert.equal(found.searchEntries[0]?.['uid'], 'carol');

      await client.modify(dn, [
        new Change({ operation: 'add', modification: new Attribute({ type: 'mail', values: ['carol@example.com'] }) }),
        new Change({ operation: 'replace', modification: new Attribute({ type: 'jpegPhoto', values: [Buffer.from([0xff, 0xd8, 0x00, 0x80])] }) }),
      ]);
      const photo = await client.search(dn, { scope: 'base', attributes: ['jpegPhoto', 'mail'], explicitBufferAttributes: ['jpegPhoto'] });
      assert.deepEqual(photo.searchEntries[0]?.['jpegPhoto'], Buffer.from([0xff, 0xd8, 0x00, 0x80]));
      assert.equal(photo.searchEntries[0]?.['mail'], 'carol@example.com');

      assert.equal(await client.compare(dn, 'mail', 'CAROL@example.com'), true);
      await client.modifyDN(dn, `uid=carol2,ou=people,${SUFFIX}`);
      await assert.rejects(client.search(dn, { scope: 'base' }), NoSuchObjectError);
      await client.del(`uid=carol2,ou=people,${SUFFIX}`);
      const gone = await client.search(`ou=people,${SUFFIX}`, { filter: '(uid=carol2)' });
      assert.equal(gone.searchEntries.length, 0);
    } finally {
      await client.unbind();
    }
  });

  it('paged search through many entries returns each exactly once', async () => {
    const client = await adminClient();
    try {
      for (let i = 0; i < 57; i++) {
        await client.add(`uid=page${i},ou=people,${SUFFIX}`, { objectClass: ['inetOrgPerson'], uid: `page${i}`, cn: `Page ${i}`, sn: 'Paged' });
      }
      const seen: string[] = [];
      for await (const page of client.searchPaginated(`ou=people,${SUFFIX}`, { filter: '(sn=Paged)', attributes: ['uid'], paged: { pageSize: 10 } })) {
        assert.ok(page.searchEntries.length <= 10);
        for (const e of page.searchEntries) seen.push(String(e['uid']));
      }
      assert.equal(seen.length, 57);
      assert.equal(new Set(seen).size, 57);
    } finally {
      await client.unbind();
    }
  });
});
