import type { LdapMessage } from '../../src/protocol/message.js';

/** Hex with free spacing, as vectors are written by hand. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

export interface Vector {
  readonly name: string;
  readonly hex: string;
  readonly message: LdapMessage;
}

const STARTTLS_OID = '1.3.6.1.4.1.1466.20037';
const STARTTLS_HEX = '31 2e 33 2e 36 2e 31 2e 34 2e 31 2e 31 34 36 36 2e 32 30 30 33 37';
const DISCONNECT_HEX = '31 2e 33 2e 36 2e 31 2e 34 2e 31 2e 31 34 36 36 2e 32 30 30 33 36';
const SEARCH_OC_PRESENT =
  '02 01 02 63 31 04 11 64 63 3d 65 78 61 6d 70 6c 65 2c 64 63 3d 63 6f 6d 0a 01 02 0a 01 00 02 01 00 02 01 00 01 01 00 87 0b 6f 62 6a 65 63 74 43 6c 61 73 73 30 00';
const searchOcPresent = {
  type: 'searchRequest',
  baseObject: 'dc=example,dc=com',
  scope: 'sub',
  derefAliases: 'never',
  sizeLimit: 0,
  timeLimit: 0,
  typesOnly: false,
  filter: { type: 'present', attribute: 'objectClass' },
  attributes: [],
} as const;
const success = { resultCode: 0, matchedDN: '', diagnosticMessage: '' } as const;

/**
 * Byte-exact LDAPMessages written from the ASN.1 of RFC 4511 §4 (lengths counted by hand, DER-minimal
 * as our writer and OpenLDAP produce them). Every protocolOp appears at least once.
 */
export const VECTORS: readonly Vector[] = [
  {
    name: 'anonymous simple bind (RFC 4513 §5.1.1)',
    hex: '30 0c 02 01 01 60 07 02 01 03 04 00 80 00',
    message: { messageId: 1, protocolOp: { type: 'bindRequest', version: 3, name: '', authentication: { method: 'simple', password: Buffer.alloc(0) } }, controls: [] },
  },
  {
    name: 'simple bind with a DN and password',
    hex: '30 12 02 01 01 60 0d 02 01 03 04 04 63 6e 3d 61 80 02 70 77',
    message: { messageId: 1, protocolOp: { type: 'bindRequest', version: 3, name: 'cn=a', authentication: { method: 'simple', password: utf8('pw') } }, controls: [] },
  },
  {
    name: 'SASL EXTERNAL bind without credentials',
    hex: '30 16 02 01 01 60 11 02 01 03 04 00 a3 0a 04 08 45 58 54 45 52 4e 41 4c',
    message: { messageId: 1, protocolOp: { type: 'bindRequest', version: 3, name: '', authentication: { method: 'sasl', mechanism: 'EXTERNAL' } }, controls: [] },
  },
  {
    name: 'SASL bind with credentials',
    hex: '30 17 02 01 01 60 12 02 01 03 04 00 a3 0b 04 05 50 4c 41 49 4e 04 02 00 61',
    message: {
      messageId: 1,
      protocolOp: { type: 'bindRequest', version: 3, name: '', authentication: { method: 'sasl', mechanism: 'PLAIN', credentials: hex('0061') } },
      controls: [],
    },
  },
  {
    name: 'bind response: success',
    hex: '30 0c 02 01 01 61 07 0a 01 00 04 00 04 00',
    message: { messageId: 1, protocolOp: { type: 'bindResponse', ...success }, controls: [] },
  },
  {
    name: 'bind response: saslBindInProgress with serverSaslCreds [7]',
    hex: '30 11 02 01 02 61 0c 0a 01 0e 04 00 04 00 87 03 61 62 63',
    message: { messageId: 2, protocolOp: { type: 'bindResponse', ...success, resultCode: 14, serverSaslCreds: utf8('abc') }, controls: [] },
  },
  {
    name: 'unbind',
    hex: '30 05 02 01 03 42 00',
    message: { messageId: 3, protocolOp: { type: 'unbindRequest' }, controls: [] },
  },
  {
    name: 'search (objectClass=*) over a subtree',
    hex: `30 36 ${SEARCH_OC_PRESENT}`,
    message: { messageId: 2, protocolOp: searchOcPresent, controls: [] },
  },
  {
    name: 'search (cn=Bob) one level, deref always, limits, typesOnly, one attribute',
    hex: '30 2c 02 01 05 63 27 04 04 6f 75 3d 78 0a 01 01 0a 01 03 02 01 0a 02 02 01 2c 01 01 ff a3 09 04 02 63 6e 04 03 42 6f 62 30 04 04 02 63 6e',
    message: {
      messageId: 5,
      protocolOp: {
        type: 'searchRequest',
        baseObject: 'ou=x',
        scope: 'one',
        derefAliases: 'always',
        sizeLimit: 10,
        timeLimit: 300,
        typesOnly: true,
        filter: { type: 'equality', attribute: 'cn', value: utf8('Bob') },
        attributes: ['cn'],
      },
      controls: [],
    },
  },
  {
    name: 'search with a non-critical paged results control carrying a value',
    hex: `30 5b ${SEARCH_OC_PRESENT} a0 23 30 21 04 16 31 2e 32 2e 38 34 30 2e 31 31 33 35 35 36 2e 31 2e 34 2e 33 31 39 04 07 30 05 02 01 0a 04 00`,
    message: {
      messageId: 2,
      protocolOp: searchOcPresent,
      controls: [{ oid: '1.2.840.113556.1.4.319', critical: false, value: hex('30 05 02 01 0a 04 00') }],
    },
  },
  {
    name: 'search result entry with two attributes',
    hex:
      '30 36 02 01 02 64 31 04 04 63 6e 3d 61 30 29 30 09 04 02 63 6e 31 03 04 01 61 30 1c 04 0b 6f 62 6a 65 63 74 43 6c 61 73 73 31 0d 04 03 74 6f 70 04 06 70 65 72 73 6f 6e',
    message: {
      messageId: 2,
      protocolOp: {
        type: 'searchResultEntry',
        objectName: 'cn=a',
        attributes: [
          { type: 'cn', values: [utf8('a')] },
          { type: 'objectClass', values: [utf8('top'), utf8('person')] },
        ],
      },
      controls: [],
    },
  },
  {
    name: 'search result reference',
    hex: '30 10 02 01 02 73 0b 04 09 6c 64 61 70 3a 2f 2f 62 2f',
    message: { messageId: 2, protocolOp: { type: 'searchResultReference', uris: ['ldap://b/'] }, controls: [] },
  },
  {
    name: 'search result done: success',
    hex: '30 0c 02 01 02 65 07 0a 01 00 04 00 04 00',
    message: { messageId: 2, protocolOp: { type: 'searchResultDone', ...success }, controls: [] },
  },
  {
    name: 'search result done: referral with [3] URIs',
    hex: '30 19 02 01 02 65 14 0a 01 0a 04 00 04 00 a3 0b 04 09 6c 64 61 70 3a 2f 2f 62 2f',
    message: { messageId: 2, protocolOp: { type: 'searchResultDone', ...success, resultCode: 10, referral: ['ldap://b/'] }, controls: [] },
  },
  {
    name: 'modify: replace sn, delete all of mail',
    hex: '30 2c 02 01 03 66 27 04 04 63 6e 3d 61 30 1f 30 0e 0a 01 02 30 09 04 02 73 6e 31 03 04 01 78 30 0d 0a 01 01 30 08 04 04 6d 61 69 6c 31 00',
    message: {
      messageId: 3,
      protocolOp: {
        type: 'modifyRequest',
        object: 'cn=a',
        changes: [
          { operation: 'replace', attribute: { type: 'sn', values: [utf8('x')] } },
          { operation: 'delete', attribute: { type: 'mail', values: [] } },
        ],
      },
      controls: [],
    },
  },
  {
    name: 'modify response: noSuchObject with matchedDN and diagnostic',
    hex: '30 12 02 01 03 67 0d 0a 01 20 04 04 64 63 3d 78 04 02 6e 6f',
    message: { messageId: 3, protocolOp: { type: 'modifyResponse', resultCode: 32, matchedDN: 'dc=x', diagnosticMessage: 'no' }, controls: [] },
  },
  {
    name: 'add',
    hex: '30 18 02 01 04 68 13 04 04 63 6e 3d 61 30 0b 30 09 04 02 63 6e 31 03 04 01 61',
    message: { messageId: 4, protocolOp: { type: 'addRequest', entry: 'cn=a', attributes: [{ type: 'cn', values: [utf8('a')] }] }, controls: [] },
  },
  {
    name: 'add response',
    hex: '30 0c 02 01 04 69 07 0a 01 00 04 00 04 00',
    message: { messageId: 4, protocolOp: { type: 'addResponse', ...success }, controls: [] },
  },
  {
    name: 'delete (primitive [APPLICATION 10])',
    hex: '30 09 02 01 05 4a 04 63 6e 3d 61',
    message: { messageId: 5, protocolOp: { type: 'delRequest', dn: 'cn=a' }, controls: [] },
  },
  {
    name: 'delete with a critical ManageDsaIT control (RFC 3296)',
    hex: '30 29 02 01 05 4a 04 63 6e 3d 61 a0 1e 30 1c 04 17 32 2e 31 36 2e 38 34 30 2e 31 2e 31 31 33 37 33 30 2e 33 2e 34 2e 32 01 01 ff',
    message: { messageId: 5, protocolOp: { type: 'delRequest', dn: 'cn=a' }, controls: [{ oid: '2.16.840.1.113730.3.4.2', critical: true }] },
  },
  {
    name: 'delete response',
    hex: '30 0c 02 01 05 6b 07 0a 01 00 04 00 04 00',
    message: { messageId: 5, protocolOp: { type: 'delResponse', ...success }, controls: [] },
  },
  {
    name: 'modify DN with newSuperior [0]',
    hex: '30 1a 02 01 06 6c 15 04 04 63 6e 3d 61 04 04 63 6e 3d 62 01 01 ff 80 04 6f 75 3d 78',
    message: {
      messageId: 6,
      protocolOp: { type: 'modifyDNRequest', entry: 'cn=a', newRDN: 'cn=b', deleteOldRDN: true, newSuperior: 'ou=x' },
      controls: [],
    },
  },
  {
    name: 'modify DN without newSuperior',
    hex: '30 14 02 01 06 6c 0f 04 04 63 6e 3d 61 04 04 63 6e 3d 62 01 01 00',
    message: { messageId: 6, protocolOp: { type: 'modifyDNRequest', entry: 'cn=a', newRDN: 'cn=b', deleteOldRDN: false }, controls: [] },
  },
  {
    name: 'modify DN response',
    hex: '30 0c 02 01 06 6d 07 0a 01 00 04 00 04 00',
    message: { messageId: 6, protocolOp: { type: 'modifyDNResponse', ...success }, controls: [] },
  },
  {
    name: 'compare',
    hex: '30 14 02 01 07 6e 0f 04 04 63 6e 3d 61 30 07 04 02 73 6e 04 01 78',
    message: { messageId: 7, protocolOp: { type: 'compareRequest', entry: 'cn=a', attribute: 'sn', value: utf8('x') }, controls: [] },
  },
  {
    name: 'compare response: compareTrue',
    hex: '30 0c 02 01 07 6f 07 0a 01 06 04 00 04 00',
    message: { messageId: 7, protocolOp: { type: 'compareResponse', ...success, resultCode: 6 }, controls: [] },
  },
  {
    name: 'abandon (primitive [APPLICATION 16])',
    hex: '30 06 02 01 08 50 01 05',
    message: { messageId: 8, protocolOp: { type: 'abandonRequest', messageId: 5 }, controls: [] },
  },
  {
    name: 'StartTLS extended request (RFC 4511 §4.14.1)',
    hex: `30 1d 02 01 01 77 18 80 16 ${STARTTLS_HEX}`,
    message: { messageId: 1, protocolOp: { type: 'extendedRequest', requestName: STARTTLS_OID }, controls: [] },
  },
  {
    name: 'extended request with a value [1]',
    hex: '30 10 02 01 09 77 0b 80 05 31 2e 32 2e 33 81 02 01 02',
    message: { messageId: 9, protocolOp: { type: 'extendedRequest', requestName: '1.2.3', requestValue: hex('0102') }, controls: [] },
  },
  {
    name: 'StartTLS extended response with responseName [10]',
    hex: `30 24 02 01 01 78 1f 0a 01 00 04 00 04 00 8a 16 ${STARTTLS_HEX}`,
    message: { messageId: 1, protocolOp: { type: 'extendedResponse', ...success, responseName: STARTTLS_OID }, controls: [] },
  },
  {
    name: 'Notice of Disconnection: messageID 0 (RFC 4511 §4.4.1)',
    hex: `30 24 02 01 00 78 1f 0a 01 02 04 00 04 00 8a 16 ${DISCONNECT_HEX}`,
    message: {
      messageId: 0,
      protocolOp: { type: 'extendedResponse', ...success, resultCode: 2, responseName: '1.3.6.1.4.1.1466.20036' },
      controls: [],
    },
  },
  {
    name: 'Who am I? response with responseValue [11] only (RFC 4532)',
    hex: '30 15 02 01 02 78 10 0a 01 00 04 00 04 00 8b 07 64 6e 3a 63 6e 3d 61',
    message: { messageId: 2, protocolOp: { type: 'extendedResponse', ...success, responseValue: utf8('dn:cn=a') }, controls: [] },
  },
  {
    name: 'intermediate response with name [0] and value [1]',
    hex: '30 0f 02 01 03 79 0a 80 05 31 2e 32 2e 33 81 01 78',
    message: { messageId: 3, protocolOp: { type: 'intermediateResponse', responseName: '1.2.3', responseValue: utf8('x') }, controls: [] },
  },
  {
    name: 'empty intermediate response',
    hex: '30 05 02 01 03 79 00',
    message: { messageId: 3, protocolOp: { type: 'intermediateResponse' }, controls: [] },
  },
];
