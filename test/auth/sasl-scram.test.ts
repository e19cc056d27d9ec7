import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, createHash, createHmac, pbkdf2Sync, randomBytes, webcrypto } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import * as x509 from '@peculiar/x509';
import { ResultCode } from '../../src/errors/index.js';
import { generateSelfSigned } from '../../src/security/index.js';
import type { SelfSignedPair } from '../../src/security/index.js';
import {
  SaslMessage,
  ScramMessage,
  availableMechanisms,
  createSaslMechanism,
  makeScramVerifier,
  serverEndPointHash,
} from '../../src/auth/sasl/index.js';
import type { SaslContext, SaslCredentialStore, SaslOptions, SaslStep, ScramVerifier } from '../../src/auth/sasl/index.js';

// ---------------------------------------------------------------------------------------------------------------
// An independent SCRAM-SHA-256 client written from RFC 5802 §3/§5/§7 and RFC 7677; it shares no code with
// the server implementation under test.
// ---------------------------------------------------------------------------------------------------------------
type ClientBinding = { flag: 'n' } | { flag: 'y' } | { flag: 'p'; name: string; data: Buffer };

class TestScramClient {
  readonly #user: string;
  readonly #password: string;
  readonly #binding: ClientBinding;
  readonly #authzid: string | undefined;
  readonly #nonce: string;
  #bare = '';
  #serverSignature = Buffer.alloc(0);

  constructor(opts: { user: string; password: string; binding?: ClientBinding; authzid?: string; nonce?: string }) {
    this.#user = opts.user;
    this.#password = opts.password;
    this.#binding = opts.binding ?? { flag: 'n' };
    this.#authzid = opts.authzid;
    this.#nonce = opts.nonce ?? randomBytes(18).toString('base64');
  }

  static saslname(s: string): string {
    return s.replace(/=/g, '=3D').replace(/,/g, '=2C');
  }

  get gs2Header(): string {
    const flag = this.#binding.flag === 'p' ? `p=${this.#binding.name}` : this.#binding.flag;
    return `${flag},${this.#authzid === undefined ? '' : `a=${TestScramClient.saslname(this.#authzid)}`},`;
  }

  first(): string {
    this.#bare = `n=${TestScramClient.saslname(this.#user)},r=${this.#nonce}`;
    return this.gs2Header + this.#bare;
  }

  final(serverFirst: string): string {
    const attrs = new Map(serverFirst.split(',').map((kv) => [kv.slice(0, 1), kv.slice(2)] as const));
    const nonce = attrs.get('r') ?? '';
    assert.ok(nonce.startsWith(this.#nonce), 'server nonce extends the client nonce');
    const salt = Buffer.from(attrs.get('s') ?? '', 'base64');
    const iterations = Number(attrs.get('i'));
    const cbInput = Buffer.concat([Buffer.from(this.gs2Header), this.#binding.flag === 'p' ? this.#binding.data : Buffer.alloc(0)]);
    const withoutProof = `c=${cbInput.toString('base64')},r=${nonce}`;
    const authMessage = `${this.#bare},${serverFirst},${withoutProof}`;
    const salted = pbkdf2Sync(this.#password, salt, iterations, 32, 'sha256');
    const clientKey = createHmac('sha256', salted).update('Client Key').digest();
    const storedKey = createHash('sha256').update(clientKey).digest();
    const signature = createHmac('sha256', storedKey).update(authMessage).digest();
    const proof = Buffer.from(clientKey.map((b, i) => b ^ (signature[i] as number)));
    const serverKey = createHmac('sha256', salted).update('Server Key').digest();
    this.#serverSignature = createHmac('sha256', serverKey).update(authMessage).digest();
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  verifyServerFinal(serverFinal: string): boolean {
    return serverFinal === `v=${this.#serverSignature.toString('base64')}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------

const EXPORTER_LABEL = 'EXPORTER-Channel-Binding';

function memoryStore(users: Record<string, string>, iterations = 4096): SaslCredentialStore & { lookups: string[] } {
  const verifiers = new Map<string, ScramVerifier>();
  for (const [name, password] of Object.entries(users)) verifiers.set(name, makeScramVerifier(Buffer.from(password), iterations));
  const lookups: string[] = [];
  return {
    lookups,
    async scramVerifier(username) {
      lookups.push(username);
      return verifiers.get(username);
    },
    async checkPassword(username, password) {
      return users[username] !== undefined && Buffer.from(users[username]).equals(password);
    },
    async identityForCertificate() {
      return undefined;
    },
  };
}

function asText(step: SaslStep): string {
  assert.equal(step.kind, 'continue', JSON.stringify(step));
  return step.kind === 'continue' ? step.challenge.toString('utf8') : '';
}

/** Runs a whole exchange: the client's first and final messages through a fresh server mechanism. */
async function run(
  mechanism: string,
  ctx: SaslContext,
  store: SaslCredentialStore,
  client: TestScramClient,
  options: SaslOptions = {},
): Promise<{ serverFirst: string | undefined; result: SaslStep }> {
  const server = createSaslMechanism(mechanism, ctx, store, options);
  assert.ok(server);
  const first = await server.step(Buffer.from(client.first()));
  if (first.kind !== 'continue') return { serverFirst: undefined, result: first };
  const serverFirst = first.challenge.toString('utf8');
  return { serverFirst, result: await server.step(Buffer.from(client.final(serverFirst))) };
}

function assertFailure(step: SaslStep, resultCode: number, message: string): void {
  assert.deepEqual(step, { kind: 'failure', resultCode, message });
}

describe('SCRAM-SHA-256 test vector (RFC 7677 §3)', () => {
  it('reproduces the exact server-first, accepts the RFC proof and returns the RFC server signature', async () => {
    const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
    const verifier = makeScramVerifier(Buffer.from('pencil'), 4096, salt);
    const store: SaslCredentialStore = {
      scramVerifier: async (u) => (u === 'user' ? verifier : undefined),
      checkPassword: async () => false,
      identityForCertificate: async () => undefined,
    };
    const server = createSaslMechanism('SCRAM-SHA-256', { tls: undefined, requireChannelBinding: false }, store, {
      serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
    });
    assert.ok(server);
    const client = new TestScramClient({ user: 'user', password: 'pencil', nonce: 'rOprNGfwEbeRWgbNEkqO' });
    assert.equal(client.first(), 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const serverFirst = asText(await server.step(Buffer.from(client.first())));
    assert.equal(serverFirst, 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096');
    const clientFinal = client.final(serverFirst);
    assert.equal(
      clientFinal,
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    );
    const result = await server.step(Buffer.from(clientFinal));
    assert.equal(result.kind, 'success');
    if (result.kind !== 'success') return;
    assert.equal(result.authzId, 'u:user');
    assert.equal(result.serverFinal?.toString(), 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    assert.ok(client.verifyServerFinal(result.serverFinal?.toString() ?? ''));
    assertFailure(await server.step(Buffer.from(clientFinal)), ResultCode.protocolError, SaslMessage.finished);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Real TLS connections: the server mechanism gets the server socket's exporter and certificate, the test client
// computes its channel binding from the client socket.
// ---------------------------------------------------------------------------------------------------------------
interface Link {
  readonly ctx: SaslContext;
  readonly client: tls.TLSSocket;
  readonly protocol: string;
}

interface TlsServer {
  connect(options?: { maxVersion?: tls.SecureVersion; requireChannelBinding?: boolean }): Promise<Link>;
  close(): Promise<void>;
}

async function startTlsServer(pair: SelfSignedPair): Promise<TlsServer> {
  const accepted: tls.TLSSocket[] = [];
  const waiting: ((s: tls.TLSSocket) => void)[] = [];
  const server = tls.createServer({ key: pair.key, cert: pair.cert, minVersion: 'TLSv1.2' }, (socket) => {
    const resolve = waiting.shift();
    if (resolve !== undefined) resolve(socket);
    else accepted.push(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const clients: tls.TLSSocket[] = [];
  return {
    async connect(options = {}) {
      const serverSide = new Promise<tls.TLSSocket>((resolve) => {
        const ready = accepted.shift();
        if (ready !== undefined) resolve(ready);
        else waiting.push(resolve);
      });
      const client = tls.connect({ host: '127.0.0.1', port, ca: [pair.cert], maxVersion: options.maxVersion ?? 'TLSv1.3' });
      clients.push(client);
      await once(client, 'secureConnect');
      const s = await serverSide;
      const protocol = s.getProtocol() ?? '';
      const ctx: SaslContext = {
        tls: {
          exporter: (label, length) => s.exportKeyingMaterial(length, label, Buffer.alloc(0)),
          certificate: (s.getCertificate() as tls.DetailedPeerCertificate).raw,
          protocol,
        },
        requireChannelBinding: options.requireChannelBinding ?? false,
      };
      return { ctx, client, protocol };
    },
    async close() {
      for (const c of clients) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Channel-binding data as the client computes it (RFC 9266 §2, RFC 5929 §4.1). */
function clientExporter(socket: tls.TLSSocket): Buffer {
  return socket.exportKeyingMaterial(32, EXPORTER_LABEL, Buffer.alloc(0));
}
function clientEndPoint(socket: tls.TLSSocket, hash = 'sha256'): Buffer {
  return createHash(hash).update(socket.getPeerCertificate().raw).digest();
}

describe('SCRAM over real TLS', () => {
  let pair: SelfSignedPair;
  let rogue: SelfSignedPair;
  let server: TlsServer;
  let rogueServer: TlsServer;
  const store = memoryStore({ alice: 'correct horse', 'o,d=d': 'odd name' });

  before(async () => {
    [pair, rogue] = await Promise.all([generateSelfSigned(), generateSelfSigned()]);
    server = await startTlsServer(pair);
    rogueServer = await startTlsServer(rogue);
  });
  after(async () => {
    await server.close();
    await rogueServer.close();
  });

  it('TLS 1.3 + tls-exporter: SCRAM-SHA-256-PLUS succeeds and the server signature verifies', async () => {
    const link = await server.connect();
    assert.equal(link.protocol, 'TLSv1.3');
    assert.deepEqual(availableMechanisms(link.ctx), ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'EXTERNAL', 'PLAIN']);
    const client = new TestScramClient({
      user: 'alice',
      password: 'correct horse',
      binding: { flag: 'p', name: 'tls-exporter', data: clientExporter(link.client) },
    });
    const { result } = await run('SCRAM-SHA-256-PLUS', link.ctx, store, client);
    assert.equal(result.kind, 'success', JSON.stringify(result));
    if (result.kind !== 'success') return;
    assert.equal(result.authzId, 'u:alice');
    assert.ok(client.verifyServerFinal(result.serverFinal?.toString() ?? ''));
  });

  it('TLS 1.2 + tls-server-end-point succeeds; tls-exporter is not offered on 1.2', async () => {
    const link = await server.connect({ maxVersion: 'TLSv1.2' });
    assert.equal(link.protocol, 'TLSv1.2');
    const client = new TestScramClient({
      user: 'alice',
      password: 'correct horse',
      binding: { flag: 'p', name: 'tls-server-end-point', data: clientEndPoint(link.client) },
    });
    const { result } = await run('SCRAM-SHA-256-PLUS', link.ctx, store, client);
    assert.equal(result.kind, 'success', JSON.stringify(result));

    const exporterClient = new TestScramClient({
      user: 'alice',
      password: 'correct horse',
      binding: { flag: 'p', name: 'tls-exporter', data: clientExporter(link.client) },
    });
    const refused = await run('SCRAM-SHA-256-PLUS', link.ctx, store, exporterClient);
    assertFailure(refused.result, ResultCode.inappropriateAuthentication, ScramMessage.unsupportedBinding('tls-exporter'));
  });

  it('TLS 1.3 + tls-server-end-point is accepted too', async () => {
    const link = await server.connect();
    const client = new TestScramClient({
      user: 'alice',
      password: 'correct horse',
      binding: { flag: 'p', name: 'tls-server-end-point', data: clientEndPoint(link.client) },
    });
    assert.equal((await run('SCRAM-SHA-256-PLUS', link.ctx, store, client)).result.kind, 'success');
  });

  it('relay: messages computed on connection A and replayed on connection B fail channel binding', async () => {
    const a = await server.connect();
    const b = await server.connect();
    const options = { serverNonce: 'fixed-server-nonce-for-the-replay' }; // so only the channel differs
    const onA = new TestScramClient({
      user: 'alice',
      password: 'correct horse',
      binding: { flag: 'p', name: 'tls-exporter', data: clientExporter(a.client) },
      nonce: 'replayed-client-nonce',
    });
    const first = Buffer.from(onA.first());
    const serverA = createSaslMechanism('SCRAM-SHA-256-PLUS', a.ctx, store, options);
    const serverFirst = asText((await serverA?.step(first)) as SaslStep);
    const final = Buffer.from(onA.final(serverFirst));
    assert.equal((await serverA?.step(final))?.kind, 'success');

    const serverB = createSaslMechanism('SCRAM-SHA-256-PLUS', b.ctx, store, options);
    assert.equal(asText((await serverB?.step(first)) as SaslStep), serverFirst);
    assertFailure((await serverB?.step(final)) as SaslStep, ResultCode.invalidCredentials, ScramMessage.channelBindingMismatch);

    // With a fresh server nonce (the default), the replayed final does not even match the nonce.
    const serverB2 = createSaslMechanism('SCRAM-SHA-256-PLUS', b.ctx, store);
    asText((await serverB2?.step(first)) as SaslStep);
    assertFailure((await serverB2?.step(final)) as SaslStep, ResultCode.invalidCredentials, ScramMessage.nonceMismatch);
  });

  it('relay through a man in the middle: the victim binds to the MITM channel, the server sees another one', async () => {
    for (const binding of ['tls-exporter', 'tls-server-end-point'] as const) {
      const victim = await rogueServer.connect(); // victim -> attacker (attacker's certificate)
      const upstream = await server.connect(); // attacker -> real server
      const data = binding === 'tls-exporter' ? clientExporter(victim.client) : clientEndPoint(victim.client);
      const client = new TestScramClient({ user: 'alice', password: 'correct horse', binding: { flag: 'p', name: binding, data } });
      const { serverFirst, result } = await run('SCRAM-SHA-256-PLUS', upstream.ctx, store, client);
      assert.ok(serverFirst !== undefined);
      assertFailure(result, ResultCode.invalidCredentials, ScramMessage.channelBindingMismatch);
    }
  });

  it('downgrade: "y" on a connection that advertises PLUS fails; without TLS "y" is accepted', async () => {
    const link = await server.connect();
    const client = new TestScramClient({ user: 'alice', password: 'correct horse', binding: { flag: 'y' } });
    const { result } = await run('SCRAM-SHA-256', link.ctx, store, client);
    assertFailure(result, ResultCode.inappropriateAuthentication, ScramMessage.downgrade);

    const plain = { tls: undefined, requireChannelBinding: false };
    assert.deepEqual(availableMechanisms(plain), ['SCRAM-SHA-256']);
    const ok = await run('SCRAM-SHA-256', plain, store, new TestScramClient({ user: 'alice', password: 'correct horse', binding: { flag: 'y' } }));
    assert.equal(ok.result.kind, 'success');
  });

  it('a forged c= (n,, instead of y,,) and a wrong cb-data both fail channel binding', async () => {
    const link = await server.connect();
    const liar = new TestScramClient({
      user: 'alice',
      password: 'correct horse',
      binding: { flag: 'p', name: 'tls-exporter', data: randomBytes(32) },
    });
    assertFailure((await run('SCRAM-SHA-256-PLUS', link.ctx, store, liar)).result, ResultCode.invalidCredentials, ScramMessage.channelBindingMismatch);
  });

  it('wrong password: invalidCredentials at the end', async () => {
    const link = await server.connect();
    const client = new TestScramClient({
      user: 'alice',
      password: 'wrong horse',
      binding: { flag: 'p', name: 'tls-exporter', data: clientExporter(link.client) },
    });
    const { serverFirst, result } = await run('SCRAM-SHA-256-PLUS', link.ctx, store, client);
    assert.ok(serverFirst !== undefined);
    assertFailure(result, ResultCode.invalidCredentials, SaslMessage.invalidCredentials);
  });

  it('unknown user: a first challenge of the same form, stable per name, and failure only at the end', async () => {
    const link = await server.connect();
    const form = /^r=(nonce-[a-z]+)[A-Za-z0-9+/]{32},s=[A-Za-z0-9+/]{22}==,i=4096$/;
    const attempt = async (user: string, nonce: string) => {
      const client = new TestScramClient({
        user,
        password: 'correct horse',
        binding: { flag: 'p', name: 'tls-exporter', data: clientExporter(link.client) },
        nonce,
      });
      return run('SCRAM-SHA-256-PLUS', link.ctx, store, client, { secret: Buffer.from('persisted server secret') });
    };
    const real = await attempt('alice', 'nonce-real');
    const ghost = await attempt('mallory', 'nonce-ghost');
    const ghostAgain = await attempt('mallory', 'nonce-again');
    const other = await attempt('trent', 'nonce-other');
    for (const r of [real, ghost, ghostAgain, other]) assert.match(r.serverFirst ?? '', form);
    const salt = (s: string | undefined) => /,s=([^,]+),/.exec(s ?? '')?.[1];
    assert.equal(salt(ghost.serverFirst), salt(ghostAgain.serverFirst), 'same fake salt on every attempt');
    assert.notEqual(salt(ghost.serverFirst), salt(other.serverFirst), 'fake salts differ between names');
    assert.equal(real.result.kind, 'success');
    assertFailure(ghost.result, ResultCode.invalidCredentials, SaslMessage.invalidCredentials);
    assert.ok(store.lookups.includes('mallory'));
  });

  it('user names are SASLprep\'d and =2C/=3D unescaped; an authzid must name the same user', async () => {
    const odd = await run('SCRAM-SHA-256', { tls: undefined, requireChannelBinding: false }, store, new TestScramClient({ user: 'o,d=d', password: 'odd name' }));
    assert.equal(odd.result.kind === 'success' && odd.result.authzId, 'u:o,d=d');
    const prepped = await run('SCRAM-SHA-256', { tls: undefined, requireChannelBinding: false }, store, new TestScramClient({ user: 'al\u00adice', password: 'correct horse' }));
    assert.equal(prepped.result.kind === 'success' && prepped.result.authzId, 'u:alice');
    for (const authzid of ['u:alice', 'alice']) {
      const ok = await run('SCRAM-SHA-256', { tls: undefined, requireChannelBinding: false }, store, new TestScramClient({ user: 'alice', password: 'correct horse', authzid }));
      assert.equal(ok.result.kind, 'success', authzid);
    }
    for (const authzid of ['u:bob', 'dn:cn=admin,dc=example,dc=com']) {
      const denied = await run('SCRAM-SHA-256', { tls: undefined, requireChannelBinding: false }, store, new TestScramClient({ user: 'alice', password: 'correct horse', authzid }));
      assertFailure(denied.result, ResultCode.authorizationDenied, SaslMessage.authzDenied);
    }
    // A wrong password with a foreign authzid is still just invalidCredentials: authorization comes after proof.
    const both = await run('SCRAM-SHA-256', { tls: undefined, requireChannelBinding: false }, store, new TestScramClient({ user: 'alice', password: 'x', authzid: 'u:bob' }));
    assertFailure(both.result, ResultCode.invalidCredentials, SaslMessage.invalidCredentials);
  });

  it('requireChannelBinding: plain SCRAM and PLAIN are refused with strongerAuthRequired, PLUS works', async () => {
    const link = await server.connect({ requireChannelBinding: true });
    assert.deepEqual(availableMechanisms(link.ctx), ['SCRAM-SHA-256-PLUS', 'EXTERNAL']);
    const plainScram = await run('SCRAM-SHA-256', link.ctx, store, new TestScramClient({ user: 'alice', password: 'correct horse' }));
    assertFailure(plainScram.result, ResultCode.strongerAuthRequired, SaslMessage.channelBindingRequired);
    const plain = createSaslMechanism('PLAIN', link.ctx, store);
    assertFailure((await plain?.step(Buffer.from('\0alice\0correct horse'))) as SaslStep, ResultCode.strongerAuthRequired, SaslMessage.channelBindingRequired);
    const plus = new TestScramClient({
      user: 'alice',
      password: 'correct horse',
      binding: { flag: 'p', name: 'tls-exporter', data: clientExporter(link.client) },
    });
    assert.equal((await run('SCRAM-SHA-256-PLUS', link.ctx, store, plus)).result.kind, 'success');
  });

  it('PLUS without any channel binding on the connection, and p= with the non-PLUS name, are refused', async () => {
    const noTls = { tls: undefined, requireChannelBinding: false };
    const client = new TestScramClient({ user: 'alice', password: 'correct horse', binding: { flag: 'p', name: 'tls-exporter', data: Buffer.alloc(32) } });
    assertFailure((await run('SCRAM-SHA-256-PLUS', noTls, store, client)).result, ResultCode.inappropriateAuthentication, ScramMessage.unsupportedBinding('tls-exporter'));
    const link = await server.connect();
    const mixed = new TestScramClient({ user: 'alice', password: 'correct horse', binding: { flag: 'p', name: 'tls-exporter', data: clientExporter(link.client) } });
    assertFailure((await run('SCRAM-SHA-256', link.ctx, store, mixed)).result, ResultCode.protocolError, ScramMessage.bindingWithoutPlus);
    const unbound = new TestScramClient({ user: 'alice', password: 'correct horse' });
    assertFailure((await run('SCRAM-SHA-256-PLUS', link.ctx, store, unbound)).result, ResultCode.protocolError, ScramMessage.plusNeedsBinding);
  });
});

describe('tls-server-end-point hash choice (RFC 5929 §4.1)', () => {
  it('uses the signature hash: SHA-384 for an ecdsa-with-SHA384 certificate, end to end over TLS 1.2', async () => {
    x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
    const algorithm = { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' };
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=localhost',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      signingAlgorithm: algorithm,
      keys,
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])],
    });
    const pair = { key: String(KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' })), cert: cert.toString('pem') };
    assert.equal(serverEndPointHash(Buffer.from(cert.rawData)), 'sha384');
    const server = await startTlsServer(pair);
    try {
      const link = await server.connect({ maxVersion: 'TLSv1.2' });
      const store = memoryStore({ alice: 'pw' });
      const client = new TestScramClient({
        user: 'alice',
        password: 'pw',
        binding: { flag: 'p', name: 'tls-server-end-point', data: clientEndPoint(link.client, 'sha384') },
      });
      assert.equal((await run('SCRAM-SHA-256-PLUS', link.ctx, store, client)).result.kind, 'success');
    } finally {
      await server.close();
    }
  });

  it('is undefined for DER that does not parse, so PLUS is not offered on TLS 1.2', () => {
    assert.equal(serverEndPointHash(Buffer.from('3003020101', 'hex')), undefined);
    const ctx = { tls: { certificate: Buffer.from('not a cert'), protocol: 'TLSv1.2' }, requireChannelBinding: false };
    assert.deepEqual(availableMechanisms(ctx), ['SCRAM-SHA-256', 'EXTERNAL', 'PLAIN']);
  });
});
