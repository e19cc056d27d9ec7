/**
 * The hardened defaults over real sockets with OpenLDAP's tools: no cleartext binds or operations, anonymous
 * access limited to the root DSE, the security profile published; and each relaxation switch turning one off.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import type { WardenConfig } from '../../src/config/index.js';

const run = promisify(execFile);

interface ToolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function tool(env: NodeJS.ProcessEnv, name: string, args: readonly string[]): Promise<ToolResult> {
  try {
    const { stdout, stderr } = await run(name, [...args], { env, timeout: 20000 });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const failure = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw err;
    return { status: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

function envFor(server: TestServer): NodeJS.ProcessEnv {
  return { ...process.env, LDAPCONF: '/dev/null', LDAPRC: '/dev/null', LDAPTLS_CACERT: join(server.dataDir, 'tls', 'cert.pem') };
}

describe('hardened by default', () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    server = await startTestServer();
    env = envFor(server);
  });

  after(async () => {
    await server.stop();
  });

  it('a cleartext simple bind gets confidentialityRequired (13), the same for right and wrong passwords', async () => {
    const right = await tool(env, 'ldapwhoami', ['-x', '-H', server.ldapUrl, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD]);
    const wrong = await tool(env, 'ldapwhoami', ['-x', '-H', server.ldapUrl, '-D', ADMIN_DN, '-w', 'not-the-password']);
    const unknown = await tool(env, 'ldapwhoami', ['-x', '-H', server.ldapUrl, '-D', `cn=nobody,${SUFFIX}`, '-w', 'x']);
    for (const r of [right, wrong, unknown]) {
      assert.equal(r.status, 13);
      assert.match(r.stderr, /use LDAPS \(ldaps:\/\/, port 636\) or StartTLS/);
    }
    assert.equal(right.stderr, wrong.stderr);
  });

  it('operations other than StartTLS and the root DSE are refused on a cleartext connection', async () => {
    const search = await tool(env, 'ldapsearch', ['-x', '-H', server.ldapUrl, '-b', SUFFIX, '(objectClass=*)']);
    assert.equal(search.status, 13);
    const dse = await tool(env, 'ldapsearch', ['-x', '-H', server.ldapUrl, '-LLL', '-b', '', '-s', 'base', 'supportedExtension', 'wardenSecurityProfile']);
    assert.equal(dse.status, 0);
    assert.match(dse.stdout, /^supportedExtension: 1.3.6.1.4.1.1466.20037$/m);
    assert.match(dse.stdout, /^wardenSecurityProfile: cleartext=refused$/m);
    assert.match(dse.stdout, /^wardenSecurityProfile: anonymous-read=root-dse-only$/m);
  });

  it('after StartTLS the same bind works', async () => {
    const r = await tool(env, 'ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), `dn:${ADMIN_DN}`);
  });

  it('anonymous clients over TLS may read the root DSE and nothing else (50)', async () => {
    const search = await tool(env, 'ldapsearch', ['-x', '-ZZ', '-H', server.ldapUrl, '-b', SUFFIX, '(objectClass=*)']);
    assert.equal(search.status, 50);
    assert.match(search.stdout + search.stderr, /anonymous access is limited to the root DSE/);
    const schema = await tool(env, 'ldapsearch', ['-x', '-ZZ', '-H', server.ldapUrl, '-b', 'cn=Subschema', '-s', 'base', 'objectClasses']);
    assert.equal(schema.status, 50);
    const compare = await tool(env, 'ldapcompare', ['-x', '-ZZ', '-H', server.ldapUrl, ADMIN_DN, 'cn:admin']);
    assert.equal(compare.status, 50);
    const dse = await tool(env, 'ldapsearch', ['-x', '-ZZ', '-H', server.ldapUrl, '-b', '', '-s', 'base', 'namingContexts']);
    assert.equal(dse.status, 0);
    assert.equal((await tool(env, 'ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl])).stdout.trim(), 'anonymous');
  });

  it('an unauthenticated bind (DN, empty password) is refused with unwillingToPerform (53)', async () => {
    const r = await tool(env, 'ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl, '-D', ADMIN_DN, '-w', '']);
    assert.equal(r.status, 53);
  });
});

describe('relaxation switches', () => {
  async function withSecurity(security: Partial<WardenConfig['security']>, body: (server: TestServer, env: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
    const server = await startTestServer({ tweak: (c) => ({ ...c, security: { ...c.security, ...security } }) });
    try {
      await body(server, envFor(server));
    } finally {
      await server.stop();
    }
  }

  it('security.allowCleartext: simple binds without TLS work, and the profile says so', async () => {
    await withSecurity({ allowCleartext: true }, async (server, env) => {
      const r = await tool(env, 'ldapwhoami', ['-x', '-H', server.ldapUrl, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD]);
      assert.equal(r.status, 0, r.stderr);
      const dse = await tool(env, 'ldapsearch', ['-x', '-H', server.ldapUrl, '-LLL', '-b', '', '-s', 'base', 'wardenSecurityProfile']);
      assert.match(dse.stdout, /^wardenSecurityProfile: cleartext=allowed \(relaxed\)$/m);
    });
  });

  it('security.allowAnonymousRead: anonymous searches work (over TLS)', async () => {
    await withSecurity({ allowAnonymousRead: true }, async (server, env) => {
      const r = await tool(env, 'ldapsearch', ['-x', '-ZZ', '-H', server.ldapUrl, '-LLL', '-b', `ou=people,${SUFFIX}`, '-s', 'base', '(objectClass=*)', 'dn']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^dn: ou=people,dc=example,dc=com$/m);
    });
  });

  it('security.anonymousSubschema: anonymous clients may read cn=Subschema only', async () => {
    await withSecurity({ anonymousSubschema: true }, async (server, env) => {
      const schema = await tool(env, 'ldapsearch', ['-x', '-ZZ', '-H', server.ldapUrl, '-LLL', '-b', 'cn=Subschema', '-s', 'base', '(objectClass=*)', 'objectClasses']);
      assert.equal(schema.status, 0, schema.stderr);
      assert.match(schema.stdout, /NAME 'inetOrgPerson'/);
      const other = await tool(env, 'ldapsearch', ['-x', '-ZZ', '-H', server.ldapUrl, '-b', SUFFIX, '(objectClass=*)']);
      assert.equal(other.status, 50);
    });
  });
});
