/**
 * Schema-driven behaviour over real sockets: custom schema files, aliases refused, objectClass superclass
 * matching, attribute-type aliases and subtypes in filters, and `@objectClass` attribute lists.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, UnwillingToPerformError } from 'ldapts';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const CUSTOM_SCHEMA = `
attributetype ( 1.3.6.1.4.1.99999.1.1 NAME 'wardenBadge'
  DESC 'badge number' EQUALITY integerMatch ORDERING integerOrderingMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.2.1 NAME 'wardenStaff' SUP top AUXILIARY MAY wardenBadge )
`;

describe('schema features', () => {
  let server: TestServer;
  let client: Client;

  before(async () => {
    const schemaDir = mkdtempSync(join(tmpdir(), 'warden-schema-'));
    const schemaFile = join(schemaDir, 'local.schema');
    writeFileSync(schemaFile, CUSTOM_SCHEMA);
    server = await startTestServer({ tweak: (c) => ({ ...c, schema: { files: [schemaFile] } }) });
    client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [readFileSync(join(server.dataDir, 'tls', 'cert.pem'))] } });
    await client.bind(ADMIN_DN, ADMIN_PASSWORD);
    await client.add(`uid=erin,ou=people,${SUFFIX}`, { objectClass: ['inetOrgPerson', 'wardenStaff'], uid: 'erin', cn: 'Erin Example', sn: 'Example', wardenBadge: '4711' });
  });

  after(async () => {
    await client.unbind();
    await server.stop();
  });

  it('custom attribute types and classes from a schema file are usable and published', async () => {
    const { searchEntries } = await client.search(`ou=people,${SUFFIX}`, { filter: '(wardenBadge>=4000)', attributes: ['wardenBadge'] });
    assert.deepEqual(searchEntries.map((e) => e['wardenBadge']), ['4711']);
    const subschema = await client.search('cn=Subschema', { scope: 'base', filter: '(objectClass=*)', attributes: ['attributeTypes'] });
    const types = subschema.searchEntries[0]?.['attributeTypes'] as string[];
    assert.ok(types.some((t) => t.includes("NAME 'wardenBadge'")));
  });

  it('a value that breaks the custom syntax is invalidAttributeSyntax (21)', async () => {
    await assert.rejects(
      client.add(`uid=frank,ou=people,${SUFFIX}`, { objectClass: ['inetOrgPerson', 'wardenStaff'], uid: 'frank', cn: 'Frank', sn: 'F', wardenBadge: 'twelve' }),
      (err: Error & { code?: number }) => err.code === 21,
    );
  });

  it('alias entries are refused clearly (unwillingToPerform), since Warden does not dereference', async () => {
    await assert.rejects(
      client.add(`cn=alias,ou=people,${SUFFIX}`, { objectClass: ['alias', 'extensibleObject'], cn: 'alias', aliasedObjectName: `uid=erin,ou=people,${SUFFIX}` }),
      UnwillingToPerformError,
    );
  });

  it('(objectClass=person) matches an entry that lists only inetOrgPerson; aliases and subtypes match in filters', async () => {
    const byClass = await client.search(`ou=people,${SUFFIX}`, { filter: '(&(objectClass=person)(uid=erin))', attributes: ['uid'] });
    assert.equal(byClass.searchEntries.length, 1);
    const byAlias = await client.search(`ou=people,${SUFFIX}`, { filter: '(commonName=erin example)', attributes: ['uid'] });
    assert.equal(byAlias.searchEntries.length, 1);
    const bySupertype = await client.search(`ou=people,${SUFFIX}`, { filter: '(name=Erin Example)', attributes: ['uid'] });
    assert.equal(bySupertype.searchEntries.length, 1);
  });

  it('@objectClass selects the attributes a class allows (RFC 4529)', async () => {
    const { searchEntries } = await client.search(`uid=erin,ou=people,${SUFFIX}`, { scope: 'base', attributes: ['@wardenStaff'] });
    const entry = searchEntries[0];
    assert.ok(entry);
    assert.equal(entry['wardenBadge'], '4711');
    assert.equal(entry['cn'], undefined);
  });
});
