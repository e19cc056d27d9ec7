import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResultCode } from '../../src/errors/index.js';
import { ExternalMessage, PlainMessage, SaslMessage, availableMechanisms, createSaslMechanism } from '../../src/auth/sasl/index.js';
import type { SaslContext, SaslCredentialStore, SaslStep } from '../../src/auth/sasl/index.js';

const tlsInfo = { protocol: 'TLSv1.3', exporter: () => Buffer.alloc(32, 9) };
const der = Buffer.from('308201', 'hex');

function makeStore(identity: string | undefined): SaslCredentialStore & { checked: string[] } {
  const checked: string[] = [];
  return {
    checked,
    scramVerifier: async () => undefined,
    async checkPassword(username, password) {
      checked.push(username);
      return username === 'alice' && password.equals(Buffer.from('s3cret pw'));
    },
    async identityForCertificate(cert) {
      return cert.der.equals(der) ? identity : undefined;
    },
  };
}

const failure = (resultCode: number, message: string): SaslStep => ({ kind: 'failure', resultCode, message });

async function plain(ctx: SaslContext, message: string | Buffer, store = makeStore(undefined)): Promise<SaslStep> {
  const m = createSaslMechanism('PLAIN', ctx, store);
  assert.ok(m);
  return m.step(typeof message === 'string' ? Buffer.from(message) : message);
}

describe('PLAIN (RFC 4616)', () => {
  const ctx: SaslContext = { tls: tlsInfo, requireChannelBinding: false };

  it('accepts the right password over TLS, with an empty or matching authzid', async () => {
    for (const message of ['\0alice\0s3cret pw', 'alice\0alice\0s3cret pw', 'u:alice\0alice\0s3cret pw', '\0al\u00adice\0s3cret pw']) {
      assert.deepEqual(await plain(ctx, message), { kind: 'success', authzId: 'u:alice' }, JSON.stringify(message));
    }
  });

  it('table of refusals', async () => {
    const table: [SaslContext, string | Buffer, SaslStep][] = [
      [{ tls: undefined, requireChannelBinding: false }, '\0alice\0s3cret pw', failure(ResultCode.confidentialityRequired, SaslMessage.tlsRequired)],
      [{ tls: tlsInfo, requireChannelBinding: true }, '\0alice\0s3cret pw', failure(ResultCode.strongerAuthRequired, SaslMessage.channelBindingRequired)],
      [ctx, '\0alice\0wrong', failure(ResultCode.invalidCredentials, SaslMessage.invalidCredentials)],
      [ctx, '\0nobody\0s3cret pw', failure(ResultCode.invalidCredentials, SaslMessage.invalidCredentials)],
      [ctx, 'u:bob\0alice\0s3cret pw', failure(ResultCode.authorizationDenied, SaslMessage.authzDenied)],
      [ctx, 'u:bob\0alice\0wrong', failure(ResultCode.invalidCredentials, SaslMessage.invalidCredentials)],
      [ctx, 'alice\0s3cret pw', failure(ResultCode.protocolError, PlainMessage.malformed)],
      [ctx, '\0alice\0s3cret\0pw', failure(ResultCode.protocolError, PlainMessage.malformed)],
      [ctx, '\0\0s3cret pw', failure(ResultCode.protocolError, PlainMessage.malformed)],
      [ctx, '\0alice\0', failure(ResultCode.protocolError, PlainMessage.malformed)],
      [ctx, Buffer.from([0, 0x61, 0, 0xc3, 0x28]), failure(ResultCode.protocolError, SaslMessage.notUtf8)],
      [ctx, '\0a\u0007\0s3cret pw', failure(ResultCode.invalidCredentials, SaslMessage.invalidCredentials)],
    ];
    for (const [c, message, expected] of table) assert.deepEqual(await plain(c, message), expected, JSON.stringify(message.toString()));
  });

  it('without an initial response: an empty challenge, then the credentials; nothing after the outcome', async () => {
    const m = createSaslMechanism('PLAIN', ctx, makeStore(undefined));
    assert.ok(m);
    assert.deepEqual(await m.step(undefined), { kind: 'continue', challenge: Buffer.alloc(0) });
    assert.deepEqual(await m.step(Buffer.from('\0alice\0s3cret pw')), { kind: 'success', authzId: 'u:alice' });
    assert.deepEqual(await m.step(Buffer.from('\0alice\0s3cret pw')), failure(ResultCode.protocolError, SaslMessage.finished));
  });
});

describe('EXTERNAL (RFC 4422 Appendix A)', () => {
  const verified = { subject: 'CN=alice', der, verified: true };

  async function external(ctx: SaslContext, authzid: string | undefined, identity: string | undefined): Promise<SaslStep> {
    const m = createSaslMechanism('EXTERNAL', ctx, makeStore(identity));
    assert.ok(m);
    const first = await m.step(authzid === undefined ? undefined : Buffer.from(authzid));
    if (authzid !== undefined) return first;
    assert.deepEqual(first, { kind: 'continue', challenge: Buffer.alloc(0) });
    return m.step(Buffer.alloc(0));
  }

  it('succeeds with a verified, mapped certificate; a bare DN identity becomes dn:', async () => {
    const ctx = { tls: tlsInfo, clientCertificate: verified, requireChannelBinding: true };
    const dnId = { kind: 'success', authzId: 'dn:uid=alice,ou=people,dc=example,dc=com' };
    assert.deepEqual(await external(ctx, '', 'uid=alice,ou=people,dc=example,dc=com'), dnId);
    assert.deepEqual(await external(ctx, undefined, 'dn:uid=alice,ou=people,dc=example,dc=com'), dnId);
    assert.deepEqual(await external(ctx, 'dn:UID=Alice, ou=People,dc=example,dc=com', 'uid=alice,ou=people,dc=example,dc=com'), dnId);
    assert.deepEqual(await external(ctx, 'u:alice', 'u:alice'), { kind: 'success', authzId: 'u:alice' });
  });

  it('table of refusals', async () => {
    const noCert = failure(ResultCode.inappropriateAuthentication, ExternalMessage.noCertificate);
    const table: [SaslContext, string, string | undefined, SaslStep][] = [
      [{ tls: tlsInfo, requireChannelBinding: false }, '', 'dn:cn=x', noCert],
      [{ tls: tlsInfo, clientCertificate: { ...verified, verified: false }, requireChannelBinding: false }, '', 'dn:cn=x', noCert],
      [{ tls: undefined, clientCertificate: verified, requireChannelBinding: false }, '', 'dn:cn=x', noCert],
      [{ tls: tlsInfo, clientCertificate: verified, requireChannelBinding: false }, '', undefined, failure(ResultCode.invalidCredentials, ExternalMessage.unmapped)],
      [{ tls: tlsInfo, clientCertificate: verified, requireChannelBinding: false }, 'dn:cn=admin', 'dn:cn=alice', failure(ResultCode.authorizationDenied, SaslMessage.authzDenied)],
      [{ tls: tlsInfo, clientCertificate: verified, requireChannelBinding: false }, 'u:alice', 'dn:cn=alice', failure(ResultCode.authorizationDenied, SaslMessage.authzDenied)],
      [{ tls: tlsInfo, clientCertificate: verified, requireChannelBinding: false }, 'dn:not a dn', 'dn:cn=alice', failure(ResultCode.authorizationDenied, SaslMessage.authzDenied)],
    ];
    for (const [ctx, authzid, identity, expected] of table) assert.deepEqual(await external(ctx, authzid, identity), expected, `${authzid} ${identity}`);
  });
});

describe('availableMechanisms', () => {
  it('never offers PLAIN or EXTERNAL without TLS, and PLUS only with a channel binding', () => {
    assert.deepEqual(availableMechanisms({ tls: undefined, requireChannelBinding: false }), ['SCRAM-SHA-256']);
    assert.deepEqual(availableMechanisms({ tls: undefined, requireChannelBinding: true }), []);
    assert.deepEqual(availableMechanisms({ tls: {}, requireChannelBinding: false }), ['SCRAM-SHA-256', 'EXTERNAL', 'PLAIN']);
    assert.deepEqual(availableMechanisms({ tls: tlsInfo, requireChannelBinding: false }), ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'EXTERNAL', 'PLAIN']);
    assert.deepEqual(availableMechanisms({ tls: { ...tlsInfo, protocol: 'TLSv1.2' }, requireChannelBinding: false }), ['SCRAM-SHA-256', 'EXTERNAL', 'PLAIN']);
    assert.deepEqual(availableMechanisms({ tls: tlsInfo, requireChannelBinding: true }), ['SCRAM-SHA-256-PLUS', 'EXTERNAL']);
  });
});
