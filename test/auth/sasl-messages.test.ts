import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LdapError, ResultCode } from '../../src/errors/index.js';
import {
  SaslMessage,
  ScramMessage,
  createSaslMechanism,
  decodeSaslName,
  encodeSaslName,
  formatScramVerifier,
  makeScramVerifier,
  parseScramVerifier,
  saslPrep,
} from '../../src/auth/sasl/index.js';
import type { SaslCredentialStore, SaslStep } from '../../src/auth/sasl/index.js';

const verifier = makeScramVerifier(Buffer.from('pencil'), 4096, Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'));
const store: SaslCredentialStore = {
  scramVerifier: async (u) => (u === 'user' ? verifier : undefined),
  checkPassword: async () => false,
  identityForCertificate: async () => undefined,
};
const noTls = { tls: undefined, requireChannelBinding: false };

async function firstStep(message: string): Promise<SaslStep> {
  const m = createSaslMechanism('SCRAM-SHA-256', noTls, store);
  assert.ok(m);
  return m.step(Buffer.from(message));
}

async function finalStep(final: (nonce: string) => string): Promise<SaslStep> {
  const m = createSaslMechanism('SCRAM-SHA-256', noTls, store, { serverNonce: 'SRV' });
  assert.ok(m);
  const first = await m.step(Buffer.from('n,,n=user,r=CLI'));
  assert.equal(first.kind, 'continue');
  return m.step(Buffer.from(final('CLISRV')));
}

const protocolError = (message: string): SaslStep => ({ kind: 'failure', resultCode: ResultCode.protocolError, message });

describe('RFC 5803 verifier format', () => {
  it('formats the RFC 7677 vector and parses it back', () => {
    const text = formatScramVerifier(verifier);
    assert.match(text, /^\{SCRAM-SHA-256\}4096:W22ZaJ0SNY7soEsUEjb6gQ==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(parseScramVerifier(text), verifier);
    assert.deepEqual(parseScramVerifier(text.replace('{SCRAM-SHA-256}', '{scram-sha-256}')), verifier);
  });

  it('round-trips random verifiers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 4096, max: 100_000 }), (salt, iterations) => {
        const v = { iterations, salt: Buffer.from(salt), storedKey: Buffer.alloc(32, 1), serverKey: Buffer.alloc(32, 2) };
        assert.deepEqual(parseScramVerifier(formatScramVerifier(v)), v);
      }),
    );
  });

  it('refuses malformed values, other schemes and fewer than 4096 iterations', () => {
    const good = formatScramVerifier(verifier);
    for (const bad of [
      '',
      '{SSHA}abc',
      good.replace('4096:', '4095:'),
      good.replace('4096:', '04096:'),
      good.replace('4096:', ':'),
      good.replace('$', ':'),
      good.slice(0, -2),
      good.replace('W22ZaJ0SNY7soEsUEjb6gQ==', 'W22ZaJ0SNY7soEsUEjb6gQ'),
      `${good}:extra`,
      '{SCRAM-SHA-256}4096:$AAAA:AAAA',
    ]) {
      assert.equal(parseScramVerifier(bad), undefined, bad);
    }
  });

  it('makeScramVerifier refuses weak iteration counts and defaults to 4096 with a 16-byte salt', () => {
    assert.throws(() => makeScramVerifier(Buffer.from('x'), 1000), (e: unknown) => e instanceof LdapError && e.resultCode === ResultCode.unwillingToPerform && e.message === 'SCRAM iteration count must be at least 4096 (RFC 7677)');
    const v = makeScramVerifier(Buffer.from('x'));
    assert.equal(v.iterations, 4096);
    assert.equal(v.salt.length, 16);
  });

  it('applies SASLprep to the password (RFC 5802 §2.2): U+00A0 and U+0020 give the same verifier', () => {
    const salt = Buffer.alloc(16, 7);
    assert.deepEqual(makeScramVerifier(Buffer.from('a\u00a0b'), 4096, salt), makeScramVerifier(Buffer.from('a b'), 4096, salt));
  });
});

describe('SASLprep (RFC 4013 §3 examples) and saslname escaping', () => {
  it('matches the RFC examples', () => {
    assert.equal(saslPrep('I\u00adX'), 'IX');
    assert.equal(saslPrep('user'), 'user');
    assert.equal(saslPrep('USER'), 'USER');
    assert.equal(saslPrep('\u00aa'), 'a');
    assert.equal(saslPrep('\u2168'), 'IX');
    assert.equal(saslPrep('\u0007'), undefined);
    assert.equal(saslPrep('\u0627\u0031'), undefined);
    assert.equal(saslPrep('\u0627\u0031\u0628'), '\u0627\u0031\u0628');
    assert.equal(saslPrep('a\u0627'), undefined);
    assert.equal(saslPrep('\ue000'), undefined);
  });

  it('decodes =2C and =3D and nothing else', () => {
    assert.equal(decodeSaslName('a=2Cb=3Dc'), 'a,b=c');
    assert.equal(decodeSaslName('a=2cb'), undefined);
    assert.equal(decodeSaslName('a=b'), undefined);
    assert.equal(decodeSaslName('a,b'), undefined);
    assert.equal(encodeSaslName('a,b=c'), 'a=2Cb=3Dc');
  });
});

describe('SCRAM message strictness (RFC 5802 §5.1, §7)', () => {
  it('client-first: table of refusals', async () => {
    const table: [string, SaslStep][] = [
      ['x,,n=user,r=abc', protocolError('malformed GS2 header: the first attribute must be n, y or p=')],
      ['n,,m=ext,n=user,r=abc', protocolError('mandatory extension (m=) not supported')],
      ['n,,r=abc,n=user', protocolError('expected n= as the first attribute of client-first-message-bare')],
      ['n,,n=user', protocolError('expected r= after n=')],
      ['n,,n=user,r=', protocolError('malformed client nonce (r=)')],
      ['n,,n=us=er,r=abc', protocolError('malformed user name (n=)')],
      ['n,x=y,n=user,r=abc', protocolError('malformed GS2 header: expected a= or an empty authzid')],
      ['n,,n=user,r=abc,m=x', protocolError('mandatory extension (m=) not supported')],
      ['n,,n=user,r=abc,e=oops', protocolError('the client may not send e=')],
      ['n,,n=user,r=abc,r=def', protocolError('unexpected attribute r= in the client-first message (attributes must appear in RFC 5802 order)')],
      ['p=tls unique,,n=user,r=abc', protocolError('malformed channel binding name in the GS2 header')],
      ['n,,n=\u0007,r=abc', { kind: 'failure', resultCode: ResultCode.invalidCredentials, message: ScramMessage.badUsername }],
    ];
    for (const [message, expected] of table) assert.deepEqual(await firstStep(message), expected, message);
    const invalidUtf8 = createSaslMechanism('SCRAM-SHA-256', noTls, store);
    assert.deepEqual(await invalidUtf8?.step(Buffer.from([0x6e, 0x2c, 0x2c, 0xff])), protocolError(SaslMessage.notUtf8));
  });

  it('client-first: unknown optional extensions are ignored', async () => {
    const step = await firstStep('n,,n=user,r=abc,x=future');
    assert.equal(step.kind, 'continue');
  });

  it('client-final: table of refusals', async () => {
    const table: [(n: string) => string, SaslStep][] = [
      [(n) => `r=${n},c=biws,p=AAAA`, protocolError('expected c= as the first attribute of the client-final message')],
      [(n) => `c=biws,p=AAAA,r=${n}`, protocolError('expected r= after c= in the client-final message')],
      [(n) => `c=biws,r=${n}`, protocolError('expected p= as the last attribute of the client-final message')],
      [(n) => `c=biws,r=${n},p=AAAA,x=y`, protocolError('expected p= as the last attribute of the client-final message')],
      [(n) => `c=biws,r=${n},m=x,p=AAAA`, protocolError('mandatory extension (m=) not supported')],
      [(n) => `c=biws,r=${n},e=other-error`, protocolError('the client may not send e=')],
      [(n) => `c=biws,r=${n},c=biws,p=AAAA`, protocolError('unexpected attribute c= in the client-final message (attributes must appear in RFC 5802 order)')],
      [(n) => `c=biws,r=${n}x,p=AAAA`, { kind: 'failure', resultCode: 49, message: ScramMessage.nonceMismatch }],
      [() => 'c=biws,r=CLI,p=AAAA', { kind: 'failure', resultCode: 49, message: ScramMessage.nonceMismatch }],
      [(n) => `c=eSws,r=${n},p=AAAA`, { kind: 'failure', resultCode: 49, message: ScramMessage.channelBindingMismatch }],
      [(n) => `c=biws=,r=${n},p=AAAA`, { kind: 'failure', resultCode: 49, message: ScramMessage.channelBindingMismatch }],
      [(n) => `c=biws,r=${n},p=AAAA`, { kind: 'failure', resultCode: 49, message: SaslMessage.invalidCredentials }],
      [(n) => `c=biws,r=${n},p=not base64!`, { kind: 'failure', resultCode: 49, message: SaslMessage.invalidCredentials }],
    ];
    for (const [final, expected] of table) assert.deepEqual(await finalStep(final), expected, final('N'));
  });

  it('state machine: empty initial response gets an empty challenge; missing final and steps after the end fail', async () => {
    const m = createSaslMechanism('SCRAM-SHA-256', noTls, store);
    assert.ok(m);
    assert.deepEqual(await m.step(undefined), { kind: 'continue', challenge: Buffer.alloc(0) });
    assert.equal((await m.step(Buffer.from('n,,n=user,r=abc'))).kind, 'continue');
    assert.deepEqual(await m.step(undefined), protocolError(ScramMessage.missingFinal));
    assert.deepEqual(await m.step(Buffer.from('anything')), protocolError(SaslMessage.finished));
    assert.equal(createSaslMechanism('SCRAM-SHA-1', noTls, store), undefined);
    assert.equal(createSaslMechanism('scram-sha-256', noTls, store), undefined);
  });
});
