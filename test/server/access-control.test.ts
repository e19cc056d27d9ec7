/**
 * The default access policy over real sockets: administrators manage; a user reads their own entry and changes
 * their own password; authenticated users read a limited set of attributes of people and groups; a filter cannot
 * probe what a search could not return.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attribute, Change, Client, InsufficientAccessError } from 'ldapts';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const ALICE = `uid=alice,ou=people,${SUFFIX}`;
const BOB = `uid=bob,ou=people,${SUFFIX}`;

describe('default access control', () => {
  let server: TestServer;
  let ca: Buffer;
  let alice: Client;

  async function connect(dn: string, password: string): Promise<Client> {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] }, timeout: 10000 });
    await client.bind(dn, password);
    return client;
  }

  before(async () => {
    server = await startTestServer();
    ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
    const admin = await connect(ADMIN_DN, ADMIN_PASSWORD);
    for (const [dn, uid] of [[ALICE, 'alice'], [BOB, 'bob']] as const) {
      await admin.add(dn, { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid, mail: `${uid}@example.com`, employeeNumber: `${uid}-42`, homePhone: '+1 555 0100', userPassword: `${uid}-pw` });
    }
    await admin.unbind();
    alice = await connect(ALICE, 'alice-pw');
  });

  after(async () => {
    await alice.unbind();
    await server.stop();
  });

  it('a user reads every attribute of their own entry except the password hash', async () => {
    const { searchEntries } = await alice.search(ALICE, { scope: 'base', attributes: ['*'] });
    const own = searchEntries[0];
    assert.ok(own);
    assert.equal(own['employeeNumber'], 'alice-42');
    assert.equal(own['homePhone'], '+1 555 0100');
    assert.equal(own['userPassword'], undefined);
  });

  it("another person's entry shows only the readable attributes", async () => {
    const { searchEntries } = await alice.search(BOB, { scope: 'base', attributes: ['*'] });
    const other = searchEntries[0];
    assert.ok(other);
    assert.equal(other['mail'], 'bob@example.com');
    assert.equal(other['employeeNumber'], undefined);
    assert.equal(other['homePhone'], undefined);
  });

  it('a filter on an attribute the user may not read matches nothing (no probing)', async () => {
    const probe = await alice.search(`ou=people,${SUFFIX}`, { filter: '(employeeNumber=bob-42)' });
    assert.equal(probe.searchEntries.length, 0);
    const fair = await alice.search(`ou=people,${SUFFIX}`, { filter: '(mail=bob@example.com)' });
    assert.deepEqual(fair.searchEntries.map((e) => e.dn), [BOB]);
  });

  it('users may not write others, nor their own attributes other than the password; they may not add or delete', async () => {
    await assert.rejects(alice.modify(BOB, new Change({ operation: 'replace', modification: new Attribute({ type: 'mail', values: ['x@example.com'] }) })), InsufficientAccessError);
    await assert.rejects(alice.modify(ALICE, new Change({ operation: 'replace', modification: new Attribute({ type: 'cn', values: ['Queen Alice'] }) })), InsufficientAccessError);
    await assert.rejects(alice.add(`uid=mallory,ou=people,${SUFFIX}`, { objectClass: 'inetOrgPerson', uid: 'mallory', cn: 'm', sn: 'm' }), InsufficientAccessError);
    await assert.rejects(alice.del(BOB), InsufficientAccessError);
    await assert.rejects(alice.compare(BOB, 'employeeNumber', 'bob-42'), InsufficientAccessError);
  });

  it('a user changes their own password, and only theirs', async () => {
    await alice.modify(ALICE, new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: ['alice-new-pw'] }) }));
    const again = await connect(ALICE, 'alice-new-pw');
    await again.unbind();
    await assert.rejects(alice.modify(BOB, new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: ['owned'] }) })), InsufficientAccessError);
  });

  it('an unindexed search of the whole directory is refused for users (adminLimitExceeded) but not for administrators', async () => {
    await assert.rejects(alice.search(SUFFIX, { filter: '(description=*)' }), (err: Error & { code?: number }) => err.code === 11);
    const narrower = await alice.search(`ou=people,${SUFFIX}`, { filter: '(description=*)' });
    assert.equal(narrower.searchEntries.length, 0);
    const admin = await connect(ADMIN_DN, ADMIN_PASSWORD);
    try {
      await admin.search(SUFFIX, { filter: '(description=*)' });
    } finally {
      await admin.unbind();
    }
  });

  it('administrators still manage everything', async () => {
    const admin = await connect(ADMIN_DN, ADMIN_PASSWORD);
    try {
      await admin.modify(BOB, new Change({ operation: 'replace', modification: new Attribute({ type: 'employeeNumber', values: ['bob-43'] }) }));
      const { searchEntries } = await admin.search(BOB, { scope: 'base', attributes: ['employeeNumber', 'userPassword'] });
      assert.equal(searchEntries[0]?.['employeeNumber'], 'bob-43');
      // ldapts lists a requested attribute the server did not return as [].
      assert.deepEqual(searchEntries[0]?.['userPassword'], []);
    } finally {
      await admin.unbind();
    }
  });
});

describe('page size limit', () => {
  it('a user asking for large pages gets at most limits.maxPageSize entries per page, and every entry once', async () => {
    const server = await startTestServer({ tweak: (c) => ({ ...c, limits: { ...c.limits, maxPageSize: 2 } }) });
    try {
      const ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
      const admin = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
      await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
      for (let i = 0; i < 5; i++) await admin.add(`uid=p${i},ou=people,${SUFFIX}`, { objectClass: 'inetOrgPerson', uid: `p${i}`, cn: `P ${i}`, sn: 'Paged', userPassword: i === 0 ? 'p0-pw' : `x${i}` });
      await admin.unbind();
      const user = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
      await user.bind(`uid=p0,ou=people,${SUFFIX}`, 'p0-pw');
      const sizes: number[] = [];
      const seen = new Set<string>();
      for await (const page of user.searchPaginated(`ou=people,${SUFFIX}`, { filter: '(sn=Paged)', attributes: ['uid'], paged: { pageSize: 50 } })) {
        sizes.push(page.searchEntries.length);
        for (const e of page.searchEntries) seen.add(e.dn);
      }
      await user.unbind();
      assert.ok(sizes.every((n) => n <= 2), `page sizes ${sizes.join(',')}`);
      assert.equal(seen.size, 5);
    } finally {
      await server.stop();
    }
  });
});

describe('access rules from the configuration', () => {
  it('a configured rule is evaluated before the built-in policy', async () => {
    const rules = [
      {
        name: 'staff-numbers',
        target: { subtree: `ou=people,${SUFFIX}`, attributes: ['employeeNumber'] },
        grants: [{ subject: 'authenticated', rights: ['read'] }],
      },
    ];
    const server = await startTestServer({ tweak: (c) => ({ ...c, acl: { ...c.acl, rules } }) });
    try {
      const ca = readFileSync(join(server.dataDir, 'tls', 'cert.pem'));
      const admin = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
      await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
      await admin.add(ALICE, { objectClass: 'inetOrgPerson', uid: 'alice', cn: 'alice', sn: 'a', userPassword: 'alice-pw' });
      await admin.add(BOB, { objectClass: 'inetOrgPerson', uid: 'bob', cn: 'bob', sn: 'b', employeeNumber: 'bob-42', homePhone: '+1 555 0100' });
      await admin.unbind();
      const alice = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [ca] } });
      await alice.bind(ALICE, 'alice-pw');
      const { searchEntries } = await alice.search(BOB, { scope: 'base', attributes: ['employeeNumber', 'homePhone'] });
      await alice.unbind();
      assert.equal(searchEntries[0]?.['employeeNumber'], 'bob-42');
      assert.deepEqual(searchEntries[0]?.['homePhone'], []);
    } finally {
      await server.stop();
    }
  });

  it('a bad rule stops the server from starting, with one line per problem', async () => {
    await assert.rejects(
      startTestServer({ tweak: (c) => ({ ...c, acl: { ...c.acl, rules: [{ name: 'bad', target: { attributes: ['favouriteColour'] }, grants: [{ subject: 'authenticated', rights: ['manage'] }] }] } }) }),
      (err: Error & { problems?: string[] }) => Array.isArray(err.problems) && err.problems.every((p) => p.startsWith('acl.')) && err.problems.length >= 1,
    );
  });
});
