/**
 * OpenLDAP's ldap-utils against a real Warden over real sockets: every operation, over StartTLS (-ZZ) and LDAPS.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const run = promisify(execFile);

interface ToolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('ldap-utils against Warden', () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;

  /** Runs a tool; its exit status is the LDAP result code (ldapcompare: 6 true, 5 false). */
  async function tool(name: string, args: readonly string[], input?: string): Promise<ToolResult> {
    const child = run(name, [...args], { env, timeout: 20000 });
    child.child.stdin?.end(input ?? '');
    try {
      const { stdout, stderr } = await child;
      return { status: 0, stdout, stderr };
    } catch (err) {
      const failure = err as { code?: number; stdout?: string; stderr?: string };
      if (typeof failure.code !== 'number') throw err;
      return { status: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
    }
  }

  const admin = (): string[] => ['-x', '-ZZ', '-H', server.ldapUrl, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD];

  async function ok(name: string, args: readonly string[], input?: string): Promise<string> {
    const r = await tool(name, args, input);
    assert.equal(r.status, 0, `${name} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  }

  before(async () => {
    server = await startTestServer();
    // The tools verify Warden's self-signed certificate against the copy in its data directory. LDAPNOINIT would
    // also drop the LDAPTLS_* variables, so the machine's ldap.conf and ~/.ldaprc are bypassed through LDAPCONF/LDAPRC.
    env = { ...process.env, LDAPCONF: '/dev/null', LDAPRC: '/dev/null', LDAPTLS_CACERT: join(server.dataDir, 'tls', 'cert.pem'), LDAPTLS_REQCERT: 'demand' };
  });

  after(async () => {
    await server.stop();
  });

  it('ldapwhoami over StartTLS and over LDAPS', async () => {
    assert.equal((await ok('ldapwhoami', admin())).trim(), `dn:${ADMIN_DN}`);
    assert.equal((await ok('ldapwhoami', ['-x', '-H', server.ldapsUrl, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD])).trim(), `dn:${ADMIN_DN}`);
    assert.equal((await ok('ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl])).trim(), 'anonymous');
  });

  it('a wrong password and an unknown DN get the same invalidCredentials (49)', async () => {
    const wrong = await tool('ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl, '-D', ADMIN_DN, '-w', 'nope']);
    const unknown = await tool('ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl, '-D', `cn=nobody,${SUFFIX}`, '-w', 'nope']);
    assert.equal(wrong.status, 49);
    assert.equal(unknown.status, 49);
    assert.equal(wrong.stderr, unknown.stderr);
  });

  it('the first start created the suffix, ou=people, ou=groups, the admin and its group', async () => {
    const out = await ok('ldapsearch', [...admin(), '-LLL', '-b', SUFFIX, '(objectClass=*)', 'dn']);
    const dns = out.split('\n').filter((l) => l.startsWith('dn: ')).map((l) => l.slice(4));
    assert.deepEqual(dns.sort(), [SUFFIX, `cn=admin,${SUFFIX}`, `cn=administrators,ou=groups,${SUFFIX}`, `ou=groups,${SUFFIX}`, `ou=people,${SUFFIX}`].sort());
  });

  it('ldapadd creates people and a group; ldapsearch finds them with operational attributes', async () => {
    const ldif = [
      `dn: uid=jdoe,ou=people,${SUFFIX}`,
      'objectClass: inetOrgPerson',
      'uid: jdoe',
      'cn: John Doe',
      'sn: Doe',
      'mail: jdoe@example.com',
      'userPassword: jdoe-pw-1',
      '',
      `dn: uid=asmith,ou=people,${SUFFIX}`,
      'objectClass: inetOrgPerson',
      'uid: asmith',
      'cn: Alice Smith',
      'sn: Smith',
      '',
      `dn: cn=staff,ou=groups,${SUFFIX}`,
      'objectClass: groupOfNames',
      'cn: staff',
      `member: uid=jdoe,ou=people,${SUFFIX}`,
      '',
    ].join('\n');
    await ok('ldapadd', admin(), ldif);
    const out = await ok('ldapsearch', [...admin(), '-LLL', '-b', `ou=people,${SUFFIX}`, '(uid=jdoe)', '*', '+']);
    assert.match(out, /^dn: uid=jdoe,ou=people,dc=example,dc=com$/m);
    assert.match(out, /^cn: John Doe$/m);
    assert.match(out, /^entryUUID: [0-9a-f-]{36}$/m);
    assert.match(out, /^createTimestamp: \d{14}Z$/m);
    assert.match(out, /^creatorsName: cn=admin,dc=example,dc=com$/m);
    assert.match(out, /^structuralObjectClass: inetOrgPerson$/m);
    assert.match(out, /^memberOf: cn=staff,ou=groups,dc=example,dc=com$/m);
    assert.match(out, /^hasSubordinates: FALSE$/m);
    assert.match(out, /^entryDN: uid=jdoe,ou=people,dc=example,dc=com$/m);
    // Password hashes are never returned, not even to the administrator; the stored value is Argon2id.
    assert.doesNotMatch(out, /^userPassword/m);
    const stored = server.runtime.directory.backend.read((txn) => txn.getByNdn(`uid=jdoe,ou=people,${SUFFIX}`));
    const password = stored?.attributes.find((a) => a.type === 'userPassword')?.values[0]?.toString();
    assert.match(password ?? '', /^\{ARGON2\}\$argon2id\$/);
    // Nor can a filter or a compare probe them.
    assert.equal((await ok('ldapsearch', [...admin(), '-LLL', '-b', `ou=people,${SUFFIX}`, '(userPassword=*)', 'dn'])).trim(), '');
    assert.equal((await tool('ldapcompare', [...admin(), `uid=jdoe,ou=people,${SUFFIX}`, 'userPassword:jdoe-pw-1'])).status, 50);
    // The new user can bind with it.
    assert.equal((await ok('ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl, '-D', `uid=jdoe,ou=people,${SUFFIX}`, '-w', 'jdoe-pw-1'])).trim(), `dn:uid=jdoe,ou=people,${SUFFIX}`);
  });

  it('errors: missing parent (32 with matchedDN), existing entry (68), schema violation (65), unknown attribute (17)', async () => {
    const missingParent = await tool('ldapadd', admin(), `dn: uid=x,ou=nowhere,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: x\ncn: x\nsn: x\n`);
    assert.equal(missingParent.status, 32);
    assert.match(missingParent.stderr, /matched DN: dc=example,dc=com/);
    const exists = await tool('ldapadd', admin(), `dn: uid=asmith,ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: asmith\ncn: A\nsn: S\n`);
    assert.equal(exists.status, 68);
    const noSn = await tool('ldapadd', admin(), `dn: uid=nosn,ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: nosn\ncn: No Sn\n`);
    assert.equal(noSn.status, 65);
    const unknown = await tool('ldapadd', admin(), `dn: uid=unk,ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: unk\ncn: U\nsn: U\nfavouriteColour: blue\n`);
    assert.equal(unknown.status, 17);
  });

  it('ldapmodify: add, delete, replace and increment in one all-or-nothing request', async () => {
    await ok('ldapmodify', admin(), [
      `dn: uid=asmith,ou=people,${SUFFIX}`,
      'changetype: modify',
      'add: mail',
      'mail: alice@example.com',
      '-',
      'replace: sn',
      'sn: Smith-Jones',
      '-',
      'add: description',
      'description: first',
      'description: second',
      '-',
      'delete: description',
      'description: first',
      '-',
      '',
    ].join('\n'));
    const out = await ok('ldapsearch', [...admin(), '-LLL', '-b', `uid=asmith,ou=people,${SUFFIX}`, '-s', 'base', '(objectClass=*)', 'mail', 'sn', 'description']);
    assert.match(out, /^mail: alice@example.com$/m);
    assert.match(out, /^sn: Smith-Jones$/m);
    assert.match(out, /^description: second$/m);
    assert.doesNotMatch(out, /description: first/);

    // A failing change later in the request leaves the entry untouched.
    const failing = await tool('ldapmodify', admin(), [
      `dn: uid=asmith,ou=people,${SUFFIX}`,
      'changetype: modify',
      'replace: sn',
      'sn: Changed',
      '-',
      'delete: telephoneNumber',
      '-',
      '',
    ].join('\n'));
    assert.equal(failing.status, 16);
    assert.match(await ok('ldapsearch', [...admin(), '-LLL', '-b', `uid=asmith,ou=people,${SUFFIX}`, '-s', 'base', '(objectClass=*)', 'sn']), /^sn: Smith-Jones$/m);
  });

  it('modify-increment (RFC 4525)', async () => {
    await ok('ldapmodify', admin(), [`dn: uid=asmith,ou=people,${SUFFIX}`, 'changetype: modify', 'add: objectClass', 'objectClass: posixAccount', '-', 'add: uidNumber', 'uidNumber: 1000', '-', 'add: gidNumber', 'gidNumber: 100', '-', 'add: homeDirectory', 'homeDirectory: /home/asmith', '-', ''].join('\n'));
    await ok('ldapmodify', admin(), [`dn: uid=asmith,ou=people,${SUFFIX}`, 'changetype: modify', 'increment: uidNumber', 'uidNumber: 5', '-', ''].join('\n'));
    assert.match(await ok('ldapsearch', [...admin(), '-LLL', '-b', `uid=asmith,ou=people,${SUFFIX}`, '-s', 'base', '(uidNumber>=1005)', 'uidNumber']), /^uidNumber: 1005$/m);
  });

  it('ldapcompare answers compareTrue (6) and compareFalse (5)', async () => {
    assert.equal((await tool('ldapcompare', [...admin(), `uid=jdoe,ou=people,${SUFFIX}`, 'cn:john doe'])).status, 6);
    assert.equal((await tool('ldapcompare', [...admin(), `uid=jdoe,ou=people,${SUFFIX}`, 'cn:Jane Doe'])).status, 5);
  });

  it('paged results (-E pr=1), server-side sort (-E sss=cn) and size limits', async () => {
    const paged = await ok('ldapsearch', [...admin(), '-LLL', '-E', 'pr=1/noprompt', '-b', `ou=people,${SUFFIX}`, '(objectClass=inetOrgPerson)', 'uid']);
    assert.equal(paged.split('\n').filter((l) => l.startsWith('dn: ')).length, 2);
    const sorted = await ok('ldapsearch', [...admin(), '-LLL', '-E', 'sss=-cn', '-b', `ou=people,${SUFFIX}`, '(objectClass=inetOrgPerson)', 'cn']);
    assert.deepEqual(sorted.split('\n').filter((l) => l.startsWith('cn: ')), ['cn: John Doe', 'cn: Alice Smith']);
    const limited = await tool('ldapsearch', [...admin(), '-LLL', '-z', '1', '-b', `ou=people,${SUFFIX}`, '(objectClass=inetOrgPerson)', 'uid']);
    assert.equal(limited.status, 4);
    assert.equal(limited.stdout.split('\n').filter((l) => l.startsWith('dn: ')).length, 1);
  });

  it('assertion, pre-read and post-read controls on modify', async () => {
    const failed = await tool('ldapmodify', [...admin(), '-e', '!assert=(sn=Nobody)'], [`dn: uid=jdoe,ou=people,${SUFFIX}`, 'changetype: modify', 'replace: title', 'title: Engineer', '-', ''].join('\n'));
    assert.equal(failed.status, 122);
    const out = await ok('ldapmodify', [...admin(), '-e', '!assert=(sn=Doe)', '-e', 'preread=title', '-e', 'postread=title'], [`dn: uid=jdoe,ou=people,${SUFFIX}`, 'changetype: modify', 'replace: title', 'title: Engineer', '-', ''].join('\n'));
    assert.match(out, /title: Engineer/);
  });

  it('ldapmodrdn with newSuperior moves the entry and groups follow it', async () => {
    await ok('ldapadd', admin(), `dn: ou=staff,${SUFFIX}\nobjectClass: organizationalUnit\nou: staff\n`);
    await ok('ldapmodrdn', [...admin(), '-r', '-s', `ou=staff,${SUFFIX}`, `uid=jdoe,ou=people,${SUFFIX}`, 'uid=john']);
    const moved = await ok('ldapsearch', [...admin(), '-LLL', '-b', `uid=john,ou=staff,${SUFFIX}`, '-s', 'base', '(objectClass=*)', 'uid', 'memberOf']);
    assert.match(moved, /^uid: john$/m);
    assert.doesNotMatch(moved, /^uid: jdoe$/m);
    assert.match(moved, /^memberOf: cn=staff,ou=groups,dc=example,dc=com$/m);
    const group = await ok('ldapsearch', [...admin(), '-LLL', '-b', `cn=staff,ou=groups,${SUFFIX}`, '-s', 'base', '(objectClass=*)', 'member']);
    assert.match(group, /^member: uid=john,ou=staff,dc=example,dc=com$/m);
  });

  it('ldapdelete: a non-leaf is refused (66); a leaf goes and leaves its groups', async () => {
    assert.equal((await tool('ldapdelete', [...admin(), `ou=staff,${SUFFIX}`])).status, 66);
    await ok('ldapadd', admin(), `dn: uid=temp,ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: temp\ncn: Temp\nsn: Temp\n`);
    await ok('ldapmodify', admin(), `dn: cn=staff,ou=groups,${SUFFIX}\nchangetype: modify\nadd: member\nmember: uid=temp,ou=people,${SUFFIX}\n-\n`);
    await ok('ldapdelete', [...admin(), `uid=temp,ou=people,${SUFFIX}`]);
    const group = await ok('ldapsearch', [...admin(), '-LLL', '-b', `cn=staff,ou=groups,${SUFFIX}`, '-s', 'base', '(objectClass=*)', 'member']);
    assert.doesNotMatch(group, /uid=temp/);
    assert.equal((await tool('ldapsearch', [...admin(), '-b', `uid=temp,ou=people,${SUFFIX}`, '-s', 'base'])).status, 32);
  });

  it('ldappasswd sets a given password and generates one when none is given', async () => {
    const user = `uid=asmith,ou=people,${SUFFIX}`;
    await ok('ldappasswd', [...admin(), '-s', 'alice-new-pw', user]);
    assert.equal((await ok('ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl, '-D', user, '-w', 'alice-new-pw'])).trim(), `dn:${user}`);
    const generated = await ok('ldappasswd', ['-x', '-ZZ', '-H', server.ldapUrl, '-D', user, '-w', 'alice-new-pw']);
    const match = /New password: (\S+)/.exec(generated);
    assert.ok(match?.[1], generated);
    assert.equal((await ok('ldapwhoami', ['-x', '-ZZ', '-H', server.ldapUrl, '-D', user, '-w', match[1]])).trim(), `dn:${user}`);
  });

  it('ldapexop whoami, and the root DSE and subschema are readable', async () => {
    assert.match(await ok('ldapexop', [...admin(), 'whoami']), /dn:cn=admin,dc=example,dc=com/);
    const dse = await ok('ldapsearch', ['-x', '-ZZ', '-H', server.ldapUrl, '-LLL', '-b', '', '-s', 'base', '+']);
    assert.match(dse, /^namingContexts: dc=example,dc=com$/m);
    assert.match(dse, /^supportedLDAPVersion: 3$/m);
    assert.match(dse, /^supportedControl: 1.2.840.113556.1.4.319$/m);
    assert.match(dse, /^supportedExtension: 1.3.6.1.4.1.1466.20037$/m);
    assert.match(dse, /^vendorName: Warden$/m);
    const schema = await ok('ldapsearch', [...admin(), '-LLL', '-b', 'cn=Subschema', '-s', 'base', '(objectClass=subschema)', 'objectClasses', 'attributeTypes']);
    assert.match(schema, /objectClasses: \( 2.16.840.1.113730.3.2.2 NAME 'inetOrgPerson'/);
  });
});
