/**
 * python ldap3 (Debian's python3-ldap3, installed by .ci/run) against a real Warden over LDAPS: a Python
 * application's view of the same operations. If the package is missing the test fails.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_DN, ADMIN_PASSWORD, SUFFIX, startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const run = promisify(execFile);

const SCRIPT = String.raw`
import json, ssl, sys
from ldap3 import Server, Connection, Tls, SUBTREE, MODIFY_ADD, MODIFY_REPLACE, MODIFY_DELETE
port, ca, admin, password, suffix = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
tls = Tls(ca_certs_file=ca, validate=ssl.CERT_REQUIRED)
server = Server('127.0.0.1', port=int(port), use_ssl=True, tls=tls)
conn = Connection(server, admin, password, auto_bind=True, raise_exceptions=False)
out = {}
out['whoami'] = conn.extend.standard.who_am_i()
dn = 'uid=dave,ou=people,' + suffix
out['add'] = conn.add(dn, ['inetOrgPerson'], {'uid': 'dave', 'cn': 'Dave Py', 'sn': 'Py', 'mail': ['dave@example.com']})
out['add_again'] = (conn.add(dn, ['inetOrgPerson'], {'uid': 'dave', 'cn': 'Dave Py', 'sn': 'Py'}), conn.result['result'])
conn.search('ou=people,' + suffix, '(&(objectClass=inetOrgPerson)(mail=dave@*))', SUBTREE, attributes=['cn', 'mail', 'entryUUID'])
out['search'] = [(e.entry_dn, str(e.cn), len(str(e.entryUUID))) for e in conn.entries]
out['modify'] = conn.modify(dn, {'mail': [(MODIFY_ADD, ['d@example.com'])], 'sn': [(MODIFY_REPLACE, ['Python'])], 'cn': [(MODIFY_DELETE, [])]})
out['modify_result'] = conn.result['result']
out['modify_ok'] = conn.modify(dn, {'mail': [(MODIFY_ADD, ['d@example.com'])], 'sn': [(MODIFY_REPLACE, ['Python'])]})
out['compare'] = conn.compare(dn, 'sn', 'python')
out['modrdn'] = conn.modify_dn(dn, 'uid=david')
out['delete'] = conn.delete('uid=david,ou=people,' + suffix)
out['missing'] = (conn.delete('uid=nobody,ou=people,' + suffix), conn.result['result'], conn.result['dn'])
conn.unbind()
print(json.dumps(out))
`;

describe('python ldap3 against Warden', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  it('bind, whoami, add, search, modify, compare, modify DN and delete over LDAPS', async () => {
    const { stdout } = await run('/usr/bin/python3', ['-c', SCRIPT, String(server.ldapsPort), join(server.dataDir, 'tls', 'cert.pem'), ADMIN_DN, ADMIN_PASSWORD, SUFFIX], {
      timeout: 30000,
    });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    assert.equal(out['whoami'], `dn:${ADMIN_DN}`);
    assert.equal(out['add'], true);
    assert.deepEqual(out['add_again'], [false, 68]);
    assert.deepEqual(out['search'], [[`uid=dave,ou=people,${SUFFIX}`, 'Dave Py', 36]]);
    // Removing cn, which is the person's MUST attribute, fails the whole modify (objectClassViolation).
    assert.equal(out['modify'], false);
    assert.equal(out['modify_result'], 65);
    assert.equal(out['modify_ok'], true);
    assert.equal(out['compare'], true);
    assert.equal(out['modrdn'], true);
    assert.equal(out['delete'], true);
    assert.deepEqual(out['missing'], [false, 32, `ou=people,${SUFFIX}`]);
  });
});
