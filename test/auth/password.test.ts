import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LdapError, ResultCode } from '../../src/errors/index.js';
import {
  burnVerification,
  generatePassword,
  hashPassword,
  hashPasswordSync,
  isHashedPassword,
  SUPPORTED_PASSWORD_SCHEMES,
  verifyPassword,
} from '../../src/auth/index.js';

const b = (s: string): Buffer => Buffer.from(s);
const PHC = /^\{ARGON2\}\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

test('hashPassword stores Argon2id with the OWASP parameters in OpenLDAP argon2 format, with a fresh salt', async () => {
  const one = (await hashPassword(b('correct horse'))).toString();
  const two = (await hashPassword(b('correct horse'))).toString();
  assert.match(one, PHC);
  assert.match(two, PHC);
  assert.notEqual(one, two);
});

test('hash → verify round trips (async and sync) need no rehash; a wrong password fails', async () => {
  for (const stored of [await hashPassword(b('pässwörd')), hashPasswordSync(b('pässwörd'))]) {
    assert.deepEqual(await verifyPassword(stored, b('pässwörd')), { ok: true, scheme: 'ARGON2', needsRehash: false });
    assert.deepEqual(await verifyPassword(stored, b('passwörd')), { ok: false, scheme: 'ARGON2', needsRehash: false });
    assert.deepEqual(await verifyPassword(stored, b('')), { ok: false, scheme: 'ARGON2', needsRehash: false });
  }
});

test('any bytes are a password: NUL, invalid UTF-8, long input', async () => {
  const odd = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x00]);
  const stored = await hashPassword(odd);
  assert.equal((await verifyPassword(stored, odd)).ok, true);
  assert.equal((await verifyPassword(stored, odd.subarray(0, 4))).ok, false);
  const long = Buffer.alloc(4096, 0x61);
  assert.equal((await verifyPassword(hashPasswordSync(long), long)).ok, true);
});

test('other Argon2 parameters are honoured, and a hash with other parameters than the current ones needs a rehash', async () => {
  const options = { memoryKiB: 8192, iterations: 1, parallelism: 2 };
  const stored = await hashPassword(b('pw'), options);
  assert.match(stored.toString(), /^\{ARGON2\}\$argon2id\$v=19\$m=8192,t=1,p=2\$/);
  assert.deepEqual(await verifyPassword(stored, b('pw')), { ok: true, scheme: 'ARGON2', needsRehash: true });
  assert.deepEqual(await verifyPassword(stored, b('pw'), options), { ok: true, scheme: 'ARGON2', needsRehash: false });
  // The current-parameter hash is stale once the policy changes.
  assert.equal((await verifyPassword(await hashPassword(b('pw')), b('pw'), { iterations: 3 })).needsRehash, true);
});

test('bad Argon2 options are refused with a typed error', () => {
  const cases: readonly [options: Record<string, number>, message: string][] = [
    [{ memoryKiB: 4 }, 'argon2 memoryKiB must be an integer from 8 to 262144, not 4'],
    [{ memoryKiB: 16, parallelism: 4 }, 'argon2 memoryKiB must be an integer from 32 to 262144, not 16'],
    [{ memoryKiB: 1_000_000 }, 'argon2 memoryKiB must be an integer from 8 to 262144, not 1000000'],
    [{ iterations: 0 }, 'argon2 iterations must be an integer from 1 to 16, not 0'],
    [{ iterations: 1.5 }, 'argon2 iterations must be an integer from 1 to 16, not 1.5'],
    [{ parallelism: 0 }, 'argon2 parallelism must be an integer from 1 to 16, not 0'],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => hashPasswordSync(b('x'), options),
      (err: unknown) => err instanceof LdapError && err.resultCode === ResultCode.other && err.message === message,
      message,
    );
  }
});

test('cleartext values compare in full: scheme CLEARTEXT, always needsRehash', async () => {
  assert.deepEqual(await verifyPassword(b('secret'), b('secret')), { ok: true, scheme: 'CLEARTEXT', needsRehash: true });
  assert.deepEqual(await verifyPassword(b('secret'), b('secre')), { ok: false, scheme: 'CLEARTEXT', needsRehash: true });
  assert.deepEqual(await verifyPassword(b('secret'), b('secretx')), { ok: false, scheme: 'CLEARTEXT', needsRehash: true });
  assert.deepEqual(await verifyPassword(b(''), b('')), { ok: true, scheme: 'CLEARTEXT', needsRehash: true });
  // An unclosed brace is no scheme: the value is a cleartext password.
  assert.deepEqual(await verifyPassword(b('{SSHA'), b('{SSHA')), { ok: true, scheme: 'CLEARTEXT', needsRehash: true });
});

/** Damaged or hostile stored values: each is `ok: false` with its scheme, and nothing throws. */
const MALFORMED: readonly [stored: string, scheme: string][] = [
  ['{SSHA}SxGmgWHvCateX/8yBiJ9tHHAI/QjKYL', 'SSHA'], // truncated base64
  ['{SSHA}SxGmgWHvCateX/8yBiJ9tHHAI/QjKY', 'SSHA'], // truncated on a group boundary: salt cut short
  ['{SSHA}', 'SSHA'],
  ['{SSHA}!!!!SxGmgWHvCateX/8yBiJ9tHHAI/QjKYLw', 'SSHA'],
  ['{SSHA}SxGm gWHvCateX/8yBiJ9tHHAI/QjKYLw', 'SSHA'],
  [`{SSHA}${Buffer.alloc(20).toString('base64')}`, 'SSHA'], // a digest with no salt
  ['{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ', 'SHA'], // padding missing
  ['{SHA}5en6G6MezRroT3XKqkdPOmY/BfQA', 'SHA'], // a byte too many
  ['{SHA512}', 'SHA512'],
  ['{ARGON2}', 'ARGON2'],
  ['{ARGON2}garbage', 'ARGON2'],
  ['{ARGON2}$argon2id$v=19$m=19456', 'ARGON2'],
  ['{ARGON2}$argon2id$v=19$m=19456,t=2,p=1$YzJGc2RITmhiSFJ6WVd4MGVB$Csisnz', 'ARGON2'], // truncated hash
  ['{ARGON2}$argon2id$v=19$m=19456,t=2,p=1$$CsisnzkGe+5IVOmZIXGtn5IuqnhUP7mZfbvFVY2RKYg', 'ARGON2'], // no salt
  ['{ARGON2}$argon2x$v=19$m=19456,t=2,p=1$YzJGc2RITmhiSFJ6WVd4MGVB$CsisnzkGe+5IVOmZIXGtn5IuqnhUP7mZfbvFVY2RKYg', 'ARGON2'],
  // Costs above Warden's limits (4 GiB of memory; 1000 passes) are refused without being computed.
  ['{ARGON2}$argon2id$v=19$m=4194304,t=2,p=1$YzJGc2RITmhiSFJ6WVd4MGVB$CsisnzkGe+5IVOmZIXGtn5IuqnhUP7mZfbvFVY2RKYg', 'ARGON2'],
  ['{ARGON2}$argon2id$v=19$m=19456,t=1000,p=1$YzJGc2RITmhiSFJ6WVd4MGVB$CsisnzkGe+5IVOmZIXGtn5IuqnhUP7mZfbvFVY2RKYg', 'ARGON2'],
  ['{PBKDF2-SHA256}10000$c2FsdHNhbHRzYWx0c2FsdA$7JMc.Orakl8cI/LNC4qa3ZWWz8zE6mp9ZCpH6br9Xu', 'PBKDF2-SHA256'], // key cut
  ['{PBKDF2-SHA256}0$c2FsdHNhbHRzYWx0c2FsdA$7JMc.Orakl8cI/LNC4qa3ZWWz8zE6mp9ZCpH6br9XuM', 'PBKDF2-SHA256'],
  ['{PBKDF2-SHA256}99999999$c2FsdHNhbHRzYWx0c2FsdA$7JMc.Orakl8cI/LNC4qa3ZWWz8zE6mp9ZCpH6br9XuM', 'PBKDF2-SHA256'],
  ['{PBKDF2-SHA256}10000$$7JMc.Orakl8cI/LNC4qa3ZWWz8zE6mp9ZCpH6br9XuM', 'PBKDF2-SHA256'],
  ['{PBKDF2-SHA256}10000$c2Fsd+HNhbHRzYWx0c2FsdA$7JMc.Orakl8cI/LNC4qa3ZWWz8zE6mp9ZCpH6br9XuM', 'PBKDF2-SHA256'], // '+' is not adapted base64
  ['{PBKDF2-SHA256}abc', 'PBKDF2-SHA256'],
  ['{PBKDF2-SHA512}10000$c2FsdHNhbHRzYWx0c2FsdA$7JMc.Orakl8cI/LNC4qa3ZWWz8zE6mp9ZCpH6br9XuM', 'PBKDF2-SHA512'], // a SHA-256-sized key
  ['{CRYPT}', 'CRYPT'],
  ['{CRYPT}$6$abc$short', 'CRYPT-SHA512'],
  ['{CRYPT}$1$gFaxbm.k$YpB2drn9r8129TQbi48Kg', 'CRYPT-MD5'], // truncated
  ['{CRYPT}$5$skozK20Hc9zqXDVl$oUZK0a2VdnAS614.l/9uV8zzPi0DRaFlrss9XRnTS1!', 'CRYPT-SHA256'],
  // The SHA-crypt spec's rounds=10 input is canonically written rounds=1000; the raw form never matches.
  ['{CRYPT}$5$rounds=10$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC', 'CRYPT-SHA256'],
  // 999999999 rounds would take half an hour: refused without being computed.
  [`{CRYPT}$6$rounds=999999999$saltstring$${'a'.repeat(86)}`, 'CRYPT-SHA512'],
  // python3 crypt.crypt('secret', '$y$j9T$saltsaltsaltsaltsalt') (libxcrypt): yescrypt is refused (no npm implementation).
  ['{CRYPT}$y$j9T$saltsaltsaltsaltsalt$N.44bTTVedjKfuW7ar67CoWirFXUzuQT9Fy.bPddci7', 'CRYPT-YESCRYPT'],
  // python3 crypt.crypt('secret', '$2b$05$abcdefghijklmnopqrstuu'): bcrypt is not implemented.
  ['{CRYPT}$2b$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a', 'CRYPT-BCRYPT'],
  // python3 crypt.crypt('secret', 'ab'): DES crypt keeps 8 characters and is refused.
  ['{CRYPT}abNANd1rDfiNc', 'CRYPT-DES'],
  ['{UNKNOWN}secret', 'UNKNOWN'],
  ['{CLEARTEXT}secret', 'CLEARTEXT'],
  ['{bcrypt}secret', 'BCRYPT'],
];

for (const [stored, scheme] of MALFORMED) {
  test(`malformed or refused stored value is false without throwing: ${stored.slice(0, 50)}`, async () => {
    assert.deepEqual(await verifyPassword(b(stored), b('secret')), { ok: false, scheme, needsRehash: true });
  });
}

test('verifyPassword never throws, whatever follows a known scheme prefix', async () => {
  const prefixes = SUPPORTED_PASSWORD_SCHEMES.map((s) => `{${s}}`);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...prefixes, '{CRYPT}$1$', '{CRYPT}$5$', '{CRYPT}$6$rounds=', '{ARGON2}$argon2id$v=19$', ''), fc.uint8Array({ maxLength: 120 }), fc.uint8Array({ maxLength: 20 }), async (prefix, rest, presented) => {
      const result = await verifyPassword(Buffer.concat([b(prefix), rest]), Buffer.from(presented));
      assert.equal(typeof result.ok, 'boolean');
      assert.equal(result.needsRehash, true);
    }),
    { numRuns: 300 },
  );
});

test('isHashedPassword knows exactly the supported schemes, in any case', () => {
  for (const scheme of SUPPORTED_PASSWORD_SCHEMES) {
    assert.equal(isHashedPassword(b(`{${scheme}}x`)), true, scheme);
    assert.equal(isHashedPassword(b(`{${scheme.toLowerCase()}}x`)), true, scheme);
  }
  for (const value of ['secret', '{UNKNOWN}x', '{SSHA', 'SSHA}x', ' {SSHA}x', '']) assert.equal(isHashedPassword(b(value)), false, value);
});

test('SUPPORTED_PASSWORD_SCHEMES lists every verified scheme and cannot be changed', () => {
  assert.deepEqual(
    [...SUPPORTED_PASSWORD_SCHEMES].sort(),
    ['ARGON2', 'CRYPT', 'MD5', 'PBKDF2', 'PBKDF2-SHA1', 'PBKDF2-SHA256', 'PBKDF2-SHA512', 'SHA', 'SHA256', 'SHA384', 'SHA512', 'SMD5', 'SSHA', 'SSHA256', 'SSHA384', 'SSHA512'],
  );
  assert.equal(Object.isFrozen(SUPPORTED_PASSWORD_SCHEMES), true);
});

test('generatePassword gives 20 characters of an unambiguous alphabet, different each time', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const password = generatePassword();
    assert.match(password, /^[A-HJ-NP-Za-km-z2-9]{20}$/);
    seen.add(password);
  }
  assert.equal(seen.size, 200);
});

test('burnVerification resolves for any input and reveals nothing', async () => {
  assert.equal(await burnVerification(b('whatever')), undefined);
  assert.equal(await burnVerification(Buffer.alloc(0)), undefined);
  assert.equal(await burnVerification(Buffer.from([0xff, 0x00])), undefined);
});
