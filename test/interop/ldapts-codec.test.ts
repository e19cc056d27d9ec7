/**
 * Cross-check of Warden's codec with an independent implementation: ldapts's public Client talks over a real
 * loopback socket to a responder that decodes with Warden's codec and answers with Warden's encoder. Requests that
 * ldapts encodes must decode to the right data in Warden, and responses Warden encodes must parse right in ldapts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Attribute, Change, Client, EqualityFilter } from 'ldapts';
import { defaultResponses, startMiniResponder, success } from '../helpers/mini-responder.js';
import type { MiniResponder } from '../helpers/mini-responder.js';
import type { LdapMessage, ProtocolOp } from '../../src/protocol/index.js';
import { formatFilter } from '../../src/filter/index.js';

function last(responder: MiniResponder): LdapMessage {
  const message = responder.received.at(-1);
  assert.ok(message, 'the responder received a request');
  return message;
}

function op<T extends ProtocolOp['type']>(message: LdapMessage, type: T): Extract<ProtocolOp, { type: T }> {
  assert.equal(message.protocolOp.type, type);
  return message.protocolOp as Extract<ProtocolOp, { type: T }>;
}

const entryAttributes = [
  { type: 'objectClass', values: [Buffer.from('top'), Buffer.from('inetOrgPerson')] },
  { type: 'cn', values: [Buffer.from('Zoë Müller')] },
  { type: 'jpegPhoto', values: [Buffer.from([0xff, 0xd8, 0x00, 0x01, 0x80])] },
];

describe('ldapts client ⇄ Warden codec over a loopback socket', () => {
  let responder: MiniResponder;
  let client: Client;

  before(async () => {
    responder = await startMiniResponder((request) => {
      if (request.protocolOp.type === 'searchRequest') {
        const { messageId } = request;
        return [
          {
            messageId,
            controls: [],
            protocolOp: { type: 'searchResultEntry', objectName: 'cn=Zoë Müller,ou=people,dc=example,dc=com', attributes: entryAttributes },
          },
          { messageId, controls: [], protocolOp: { type: 'searchResultReference', uris: ['ldap://other.example.com/dc=example,dc=com??sub'] } },
          { messageId, controls: [], protocolOp: { type: 'searchResultDone', ...success } },
        ];
      }
      if (request.protocolOp.type === 'extendedRequest') {
        return [
          {
            messageId: request.messageId,
            controls: [],
            protocolOp: { type: 'extendedResponse', ...success, responseName: '1.3.6.1.4.1.4203.1.11.3', responseValue: Buffer.from('dn:cn=admin,dc=example,dc=com') },
          },
        ];
      }
      if (request.protocolOp.type === 'delRequest') {
        return [
          {
            messageId: request.messageId,
            controls: [],
            protocolOp: { type: 'delResponse', resultCode: 32, matchedDN: 'dc=example,dc=com', diagnosticMessage: 'no such entry' },
          },
        ];
      }
      return defaultResponses(request);
    });
    client = new Client({ url: responder.url, timeout: 5000, connectTimeout: 5000 });
  });

  after(async () => {
    await client.unbind().catch(() => undefined);
    await responder.close();
    assert.deepEqual(responder.errors, []);
  });

  it('simple bind', async () => {
    await client.bind('cn=admin,dc=example,dc=com', 's3cret');
    const bind = op(last(responder), 'bindRequest');
    assert.equal(bind.version, 3);
    assert.equal(bind.name, 'cn=admin,dc=example,dc=com');
    assert.equal(bind.authentication.method, 'simple');
    assert.ok(bind.authentication.method === 'simple' && bind.authentication.password.equals(Buffer.from('s3cret')));
  });

  it('search request fields, and entries/references Warden encodes', async () => {
    const result = await client.search('ou=people,dc=example,dc=com', {
      scope: 'one',
      filter: '(&(objectClass=person)(|(cn=Zo*)(mail=*@example.com))(!(uid=root)))',
      attributes: ['cn', 'jpegPhoto;binary', '+'],
      sizeLimit: 10,
      timeLimit: 3,
      explicitBufferAttributes: ['jpegPhoto'],
    });
    const search = op(last(responder), 'searchRequest');
    assert.equal(search.baseObject, 'ou=people,dc=example,dc=com');
    assert.equal(search.scope, 'one');
    // ldapts's Client.search does not pass its derefAliases option on, so it always sends neverDerefAliases.
    assert.equal(search.derefAliases, 'never');
    assert.equal(search.sizeLimit, 10);
    assert.equal(search.timeLimit, 3);
    assert.equal(search.typesOnly, false);
    assert.deepEqual(search.attributes, ['cn', 'jpegPhoto;binary', '+']);
    assert.equal(formatFilter(search.filter), '(&(objectClass=person)(|(cn=Zo*)(mail=*@example.com))(!(uid=root)))');

    assert.equal(result.searchEntries.length, 1);
    const entry = result.searchEntries[0];
    assert.ok(entry);
    assert.equal(entry.dn, 'cn=Zoë Müller,ou=people,dc=example,dc=com');
    assert.deepEqual(entry['objectClass'], ['top', 'inetOrgPerson']);
    assert.equal(entry['cn'], 'Zoë Müller');
    assert.deepEqual(entry['jpegPhoto'], Buffer.from([0xff, 0xd8, 0x00, 0x01, 0x80]));
    assert.deepEqual(result.searchReferences, ['ldap://other.example.com/dc=example,dc=com??sub']);
  });

  it('search filter object with escaped bytes, typesOnly, and a paged-results control', async () => {
    await client.search('dc=example,dc=com', {
      scope: 'children',
      filter: new EqualityFilter({ attribute: 'cn', value: 'a*b(c)\\d' }),
      returnAttributeValues: false,
      paged: { pageSize: 50 },
    });
    const message = last(responder);
    const search = op(message, 'searchRequest');
    assert.equal(search.scope, 'children');
    assert.equal(search.typesOnly, true);
    assert.deepEqual(search.filter, { type: 'equality', attribute: 'cn', value: Buffer.from('a*b(c)\\d') });
    const paged = message.controls.find((c) => c.oid === '1.2.840.113556.1.4.319');
    assert.ok(paged?.value, 'paged results control carried');
    // SEQUENCE { INTEGER 50, OCTET STRING "" }
    assert.equal(paged.value.toString('hex'), '300502013204' + '00');
  });

  it('add with multi-valued and binary attributes', async () => {
    await client.add('uid=jdoe,ou=people,dc=example,dc=com', [
      new Attribute({ type: 'objectClass', values: ['top', 'person'] }),
      new Attribute({ type: 'cn', values: ['John Doe'] }),
      new Attribute({ type: 'userCertificate;binary', values: [Buffer.from([0, 1, 2, 255])] }),
    ]);
    const add = op(last(responder), 'addRequest');
    assert.equal(add.entry, 'uid=jdoe,ou=people,dc=example,dc=com');
    assert.deepEqual(
      add.attributes.map((a) => [a.type, a.values.map((v) => v.toString('hex'))]),
      [
        ['objectClass', [Buffer.from('top').toString('hex'), Buffer.from('person').toString('hex')]],
        ['cn', [Buffer.from('John Doe').toString('hex')]],
        ['userCertificate;binary', ['000102ff']],
      ],
    );
  });

  it('modify with add, delete and replace', async () => {
    await client.modify('uid=jdoe,ou=people,dc=example,dc=com', [
      new Change({ operation: 'add', modification: new Attribute({ type: 'mail', values: ['j@example.com'] }) }),
      new Change({ operation: 'delete', modification: new Attribute({ type: 'description', values: [] }) }),
      new Change({ operation: 'replace', modification: new Attribute({ type: 'sn', values: ['Doe', 'Dough'] }) }),
    ]);
    const modify = op(last(responder), 'modifyRequest');
    assert.equal(modify.object, 'uid=jdoe,ou=people,dc=example,dc=com');
    assert.deepEqual(
      modify.changes.map((c) => [c.operation, c.attribute.type, c.attribute.values.map(String)]),
      [
        ['add', 'mail', ['j@example.com']],
        ['delete', 'description', []],
        ['replace', 'sn', ['Doe', 'Dough']],
      ],
    );
  });

  it('delete, and an error result with matchedDN parsed by ldapts', async () => {
    await assert.rejects(client.del('uid=gone,ou=people,dc=example,dc=com'), (err: Error & { code?: number }) => {
      assert.equal(err.code, 32);
      assert.match(err.message, /no such entry/);
      return true;
    });
    assert.equal(op(last(responder), 'delRequest').dn, 'uid=gone,ou=people,dc=example,dc=com');
  });

  it('modifyDN with newSuperior', async () => {
    await client.modifyDN('uid=jdoe,ou=people,dc=example,dc=com', 'uid=john,ou=staff,dc=example,dc=com');
    const moddn = op(last(responder), 'modifyDNRequest');
    assert.equal(moddn.entry, 'uid=jdoe,ou=people,dc=example,dc=com');
    assert.equal(moddn.newRDN, 'uid=john');
    assert.equal(moddn.deleteOldRDN, true);
    assert.equal(moddn.newSuperior, 'ou=staff,dc=example,dc=com');
  });

  it('compare: compareTrue is understood by ldapts', async () => {
    assert.equal(await client.compare('uid=jdoe,ou=people,dc=example,dc=com', 'sn', 'Doe'), true);
    const compare = op(last(responder), 'compareRequest');
    assert.equal(compare.attribute, 'sn');
    assert.equal(compare.value.toString(), 'Doe');
  });

  it('extended operation with a response name and value (WhoAmI)', async () => {
    const { oid, value } = await client.exop('1.3.6.1.4.1.4203.1.11.3');
    const ext = op(last(responder), 'extendedRequest');
    assert.equal(ext.requestName, '1.3.6.1.4.1.4203.1.11.3');
    assert.equal(ext.requestValue, undefined);
    assert.equal(oid, '1.3.6.1.4.1.4203.1.11.3');
    assert.equal(value, 'dn:cn=admin,dc=example,dc=com');
  });

  it('message IDs increase and every request decoded without error', () => {
    const ids = responder.received.map((m) => m.messageId);
    assert.ok(ids.every((id, i) => i === 0 || id > (ids[i - 1] as number)));
    assert.deepEqual(responder.errors, []);
  });
});
