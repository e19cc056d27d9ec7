/**
 * The PDUs that OpenLDAP's command-line tools send, captured from real runs against a loopback listener that
 * decodes them with Warden's codec. ldap-utils is installed by .ci/run; if it is missing these tests fail.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defaultResponses, startMiniResponder } from '../helpers/mini-responder.js';
import type { MiniResponder } from '../helpers/mini-responder.js';
import type { LdapMessage, ProtocolOp } from '../../src/protocol/index.js';
import { formatFilter } from '../../src/filter/index.js';
import { BerReader } from '../../src/ber/index.js';

const run = promisify(execFile);
// LDAPNOINIT: ignore the machine's ldap.conf and ~/.ldaprc so the captured PDUs depend on the flags alone.
const env = { ...process.env, LDAPNOINIT: '1' };

/** Runs an ldap-utils tool; its exit status is the LDAP result code, so `expectStatus` may name a non-zero one. */
async function tool(name: string, args: string[], input?: string, expectStatus = 0): Promise<string> {
  const child = run(name, args, { env, timeout: 15000 });
  child.child.stdin?.end(input ?? '');
  try {
    const { stdout } = await child;
    assert.equal(0, expectStatus, `${name} exited 0, expected ${expectStatus}`);
    return stdout;
  } catch (err) {
    const failure = err as { code?: number; stdout?: string; stderr?: string };
    if (failure.code !== expectStatus) throw err;
    return failure.stdout ?? '';
  }
}

function ops(messages: readonly LdapMessage[]): ProtocolOp[] {
  return messages.map((m) => m.protocolOp);
}

function only<T extends ProtocolOp['type']>(messages: readonly LdapMessage[], type: T): Extract<ProtocolOp, { type: T }>[] {
  return ops(messages).filter((o): o is Extract<ProtocolOp, { type: T }> => o.type === type);
}

describe('PDUs captured from OpenLDAP ldap-utils', () => {
  let responder: MiniResponder;
  const bindArgs = () => ['-x', '-H', responder.url, '-D', 'cn=admin,dc=example,dc=com', '-w', 'secret'];

  before(async () => {
    responder = await startMiniResponder((request) => {
      if (request.protocolOp.type === 'extendedRequest' && request.protocolOp.requestName === '1.3.6.1.4.1.4203.1.11.1') {
        return [
          {
            messageId: request.messageId,
            controls: [],
            // PasswdModifyResponseValue ::= SEQUENCE { genPasswd [0] OCTET STRING OPTIONAL }
            protocolOp: { type: 'extendedResponse', resultCode: 0, matchedDN: '', diagnosticMessage: '', responseValue: Buffer.from('3006800467656e21', 'hex') },
          },
        ];
      }
      return defaultResponses(request);
    });
  });

  after(async () => {
    await responder.close();
    assert.deepEqual(responder.errors, []);
  });

  it('ldapsearch: bind, search with scope/filter/attributes/limits, unbind', async () => {
    const start = responder.received.length;
    await tool('ldapsearch', [
      ...bindArgs(),
      '-b', 'ou=people,dc=example,dc=com',
      '-s', 'one',
      '-z', '25',
      '-l', '7',
      '-a', 'always',
      '(&(objectClass=inetOrgPerson)(cn=J*n D*e)(!(mail=\\2a)))',
      'cn', 'mail', '+',
    ]);
    const captured = responder.received.slice(start);
    assert.deepEqual(ops(captured).map((o) => o.type), ['bindRequest', 'searchRequest', 'unbindRequest']);
    const [bind] = only(captured, 'bindRequest');
    assert.ok(bind);
    assert.equal(bind.version, 3);
    assert.equal(bind.name, 'cn=admin,dc=example,dc=com');
    assert.ok(bind.authentication.method === 'simple' && bind.authentication.password.toString() === 'secret');
    const [search] = only(captured, 'searchRequest');
    assert.ok(search);
    assert.equal(search.baseObject, 'ou=people,dc=example,dc=com');
    assert.equal(search.scope, 'one');
    assert.equal(search.derefAliases, 'always');
    assert.equal(search.sizeLimit, 25);
    assert.equal(search.timeLimit, 7);
    assert.equal(search.typesOnly, false);
    assert.deepEqual(search.attributes, ['cn', 'mail', '+']);
    assert.equal(formatFilter(search.filter), '(&(objectClass=inetOrgPerson)(cn=J*n D*e)(!(mail=\\2a)))');
  });

  it('ldapsearch -E pr=… -E sss=… -e !assert=…: the controls ride on the search', async () => {
    const start = responder.received.length;
    await tool('ldapsearch', [...bindArgs(), '-b', 'dc=example,dc=com', '-E', 'pr=100/noprompt', '-E', 'sss=sn/-cn', '-e', '!assert=(objectClass=*)', '(uid=*)']);
    const search = responder.received.slice(start).find((m) => m.protocolOp.type === 'searchRequest');
    assert.ok(search);
    const byOid = new Map(search.controls.map((c) => [c.oid, c]));
    const paged = byOid.get('1.2.840.113556.1.4.319');
    assert.ok(paged?.value);
    const pagedSeq = new BerReader(paged.value).readSequence();
    assert.equal(pagedSeq.readInteger(), 100);
    assert.equal(pagedSeq.readOctetString().length, 0);
    const sort = byOid.get('1.2.840.113556.1.4.473');
    assert.ok(sort?.value);
    // SortKeyList: SEQUENCE { SEQUENCE { "sn" }, SEQUENCE { "cn", reverseOrder [1] TRUE } }
    const keys = new BerReader(sort.value).readSequence();
    const first = keys.readSequence();
    assert.equal(first.readString(), 'sn');
    const second = keys.readSequence();
    assert.equal(second.readString(), 'cn');
    assert.equal(second.readBoolean(0x81), true);
    const assertion = byOid.get('1.3.6.1.1.12');
    assert.ok(assertion);
    assert.equal(assertion.critical, true);
    assert.equal(search.protocolOp.type === 'searchRequest' && search.protocolOp.scope, 'sub');
  });

  it('ldapmodify: add, modify (add/delete/replace/increment), delete and modrdn records', async () => {
    const start = responder.received.length;
    const ldif = [
      'dn: uid=jdoe,ou=people,dc=example,dc=com',
      'changetype: add',
      'objectClass: inetOrgPerson',
      'cn: John Doe',
      'sn: Doe',
      'jpegPhoto:: /9j/AAE=',
      '',
      'dn: uid=jdoe,ou=people,dc=example,dc=com',
      'changetype: modify',
      'add: mail',
      'mail: jdoe@example.com',
      '-',
      'delete: description',
      '-',
      'replace: telephoneNumber',
      'telephoneNumber: +1 555 0100',
      'telephoneNumber: +1 555 0101',
      '-',
      'increment: uidNumber',
      'uidNumber: 1',
      '-',
      '',
      'dn: uid=jdoe,ou=people,dc=example,dc=com',
      'changetype: modrdn',
      'newrdn: uid=john',
      'deleteoldrdn: 1',
      'newsuperior: ou=staff,dc=example,dc=com',
      '',
      'dn: uid=john,ou=staff,dc=example,dc=com',
      'changetype: delete',
      '',
    ].join('\n');
    await tool('ldapmodify', bindArgs(), ldif);
    const captured = responder.received.slice(start);
    assert.deepEqual(ops(captured).map((o) => o.type), [
      'bindRequest', 'addRequest', 'modifyRequest', 'modifyDNRequest', 'delRequest', 'unbindRequest',
    ]);
    const [add] = only(captured, 'addRequest');
    assert.ok(add);
    assert.equal(add.entry, 'uid=jdoe,ou=people,dc=example,dc=com');
    assert.deepEqual(add.attributes.map((a) => a.type), ['objectClass', 'cn', 'sn', 'jpegPhoto']);
    assert.deepEqual(add.attributes[3]?.values[0], Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]));
    const [modify] = only(captured, 'modifyRequest');
    assert.ok(modify);
    assert.deepEqual(
      modify.changes.map((c) => [c.operation, c.attribute.type, c.attribute.values.map(String)]),
      [
        ['add', 'mail', ['jdoe@example.com']],
        ['delete', 'description', []],
        ['replace', 'telephoneNumber', ['+1 555 0100', '+1 555 0101']],
        ['increment', 'uidNumber', ['1']],
      ],
    );
    const [moddn] = only(captured, 'modifyDNRequest');
    assert.deepEqual(moddn, {
      type: 'modifyDNRequest',
      entry: 'uid=jdoe,ou=people,dc=example,dc=com',
      newRDN: 'uid=john',
      deleteOldRDN: true,
      newSuperior: 'ou=staff,dc=example,dc=com',
    });
    assert.deepEqual(only(captured, 'delRequest'), [{ type: 'delRequest', dn: 'uid=john,ou=staff,dc=example,dc=com' }]);
  });

  it('ldappasswd: the Password Modify extended operation with identity, old and new password', async () => {
    const start = responder.received.length;
    const out = await tool('ldappasswd', [...bindArgs(), '-a', 'oldpw', '-s', 'newpw', 'uid=jdoe,ou=people,dc=example,dc=com']);
    const captured = responder.received.slice(start);
    const [ext] = only(captured, 'extendedRequest');
    assert.ok(ext?.requestValue);
    assert.equal(ext.requestName, '1.3.6.1.4.1.4203.1.11.1');
    // PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0], oldPasswd [1], newPasswd [2] }
    const value = new BerReader(ext.requestValue).readSequence();
    assert.equal(value.readString(0x80), 'uid=jdoe,ou=people,dc=example,dc=com');
    assert.equal(value.readString(0x81), 'oldpw');
    assert.equal(value.readString(0x82), 'newpw');
    value.end();
    assert.match(out, /New password: gen!/);
  });

  it('ldapwhoami, ldapcompare, ldapdelete and ldapexop', async () => {
    const start = responder.received.length;
    await tool('ldapwhoami', bindArgs());
    // ldapcompare exits with the result code: 6 is compareTrue.
    await tool('ldapcompare', [...bindArgs(), 'uid=jdoe,ou=people,dc=example,dc=com', 'sn:Doe'], undefined, 6);
    await tool('ldapdelete', [...bindArgs(), 'uid=x,dc=example,dc=com']);
    await tool('ldapexop', [...bindArgs(), '1.3.6.1.4.1.4203.1.11.3']);
    const captured = responder.received.slice(start);
    const exts = only(captured, 'extendedRequest');
    assert.deepEqual(exts.map((e) => e.requestName), ['1.3.6.1.4.1.4203.1.11.3', '1.3.6.1.4.1.4203.1.11.3']);
    const [compare] = only(captured, 'compareRequest');
    assert.ok(compare);
    assert.equal(compare.entry, 'uid=jdoe,ou=people,dc=example,dc=com');
    assert.equal(compare.attribute, 'sn');
    assert.equal(compare.value.toString(), 'Doe');
    assert.deepEqual(only(captured, 'delRequest'), [{ type: 'delRequest', dn: 'uid=x,dc=example,dc=com' }]);
  });
});
