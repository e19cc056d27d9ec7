import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyPassword } from '../../src/auth/index.js';

/**
 * Known-answer vectors for every scheme, each produced by an independent tool (never by Warden's own code) and
 * pasted here as a literal. The password is "secret" unless a row says otherwise.
 *   slappasswd        = OpenLDAP 2.5 slappasswd (Debian slapd), modules from /usr/lib/ldap (pw-sha2, argon2)
 *   argon2 CLI        = Debian package argon2 (the reference implementation's command line)
 *   openssl passwd    = OpenSSL 3.0 `openssl passwd -1/-5/-6 -salt …`
 *   python3 crypt     = Python 3.11 crypt.crypt (libxcrypt)
 *   python3 hashlib   = Python 3.11 hashlib.pbkdf2_hmac, adapted base64 ('.' for '+', no padding)
 */
interface Vector {
  readonly stored: string;
  readonly scheme: string;
  readonly password?: string;
  readonly needsRehash?: boolean;
  readonly tool: string;
}

const VECTORS: readonly Vector[] = [
  // slappasswd -h '{SSHA}' -s secret
  { stored: '{SSHA}SxGmgWHvCateX/8yBiJ9tHHAI/QjKYLw', scheme: 'SSHA', tool: 'slappasswd' },
  // slappasswd -h '{SMD5}' / '{MD5}' -s secret
  { stored: '{SMD5}G50J/JQ+ZcCCQfN48W8iai5xB7Y=', scheme: 'SMD5', tool: 'slappasswd' },
  { stored: '{MD5}Xr4ilOzQ4PCOq3aQ0qbuaQ==', scheme: 'MD5', tool: 'slappasswd' },
  // slappasswd -h '{SHA}' -s secret
  { stored: '{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=', scheme: 'SHA', tool: 'slappasswd' },
  // slappasswd -o module-load=pw-sha2.so -h '{SSHA256}' / '{SSHA384}' / '{SSHA512}' -s secret
  { stored: '{SSHA256}hNnJ17pDK5IgMcVm4+y9TuT4JL8ZpTj5JG2Ge0dnYKTXgiMPCnc7RQ==', scheme: 'SSHA256', tool: 'slappasswd pw-sha2' },
  { stored: '{SSHA384}F+6mTH592v3ANUkqPafFBgkRoud/p5aGUaXNekXbPWBcOvxRqWVOFROUvBn9R/LlDTLcY4Zr8vU=', scheme: 'SSHA384', tool: 'slappasswd pw-sha2' },
  {
    stored: '{SSHA512}ofDIM3ipckZnCiTMF1Q7pX97S5rfd7FmBNhUP5U+IslaOro3XCde6CqVh/z8i7FrOsXHzx6UPDH4hsSAuvRsWS08woRtzSsO',
    scheme: 'SSHA512',
    tool: 'slappasswd pw-sha2',
  },
  // slappasswd -o module-load=pw-sha2.so -h '{SHA256}' / '{SHA384}' / '{SHA512}' -s secret
  { stored: '{SHA256}K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=', scheme: 'SHA256', tool: 'slappasswd pw-sha2' },
  { stored: '{SHA384}WKd1ukESvjAFrkQHznV9iP2nHUBJe7gCbsrFTU4//HIyzo3jq1rLMK45dg/ufFPt', scheme: 'SHA384', tool: 'slappasswd pw-sha2' },
  { stored: '{SHA512}vSsar3708Jvp9Szi2NWZZ02Bqp1qRCFpbcTZPdBhnWgs5WtNZKnvCXdhztmeD2cmW192CF5bDufKRpayrW/isg==', scheme: 'SHA512', tool: 'slappasswd pw-sha2' },
  // slappasswd -o module-load=argon2.so -h '{ARGON2}' -s secret (the module's defaults: argon2i, m=4096, t=3)
  { stored: '{ARGON2}$argon2i$v=19$m=4096,t=3,p=1$7rH/hy8P5SyVtyMkg1qmrQ$ivEUM1aJLkU4eJH8oq8uDfaBM7VtlN3aoYzfLgxMJxg', scheme: 'ARGON2', tool: 'slappasswd argon2' },
  // slappasswd -o module-load="argon2.so m=19456 t=2 p=1" -h '{ARGON2}' -s secret: current costs, but argon2i
  { stored: '{ARGON2}$argon2i$v=19$m=19456,t=2,p=1$mHzcVTZQXKvLSF0uhso8zg$nBFrqeIbQ2ou8oA7ZTkwxw++z0K8u21EurGagNZeYFs', scheme: 'ARGON2', tool: 'slappasswd argon2' },
  // echo -n secret | argon2 c2FsdHNhbHRzYWx0eA -id -k 19456 -t 2 -p 1 -e: exactly the current parameters
  {
    stored: '{ARGON2}$argon2id$v=19$m=19456,t=2,p=1$YzJGc2RITmhiSFJ6WVd4MGVB$CsisnzkGe+5IVOmZIXGtn5IuqnhUP7mZfbvFVY2RKYg',
    scheme: 'ARGON2',
    needsRehash: false,
    tool: 'argon2 CLI',
  },
  // echo -n secret | argon2 somesaltsalt1234 -id -m 14 -t 2 -p 1 -e: argon2id with other memory
  { stored: '{argon2}$argon2id$v=19$m=16384,t=2,p=1$c29tZXNhbHRzYWx0MTIzNA$Gb70gFT8g0Pcgjk01HuCG2OYjRFsKbEI2DlMDurlSXI', scheme: 'ARGON2', tool: 'argon2 CLI' },
  // echo -n secret | argon2 somesaltsalt1234 -d -m 12 -t 3 -p 1 -e
  { stored: '{ARGON2}$argon2d$v=19$m=4096,t=3,p=1$c29tZXNhbHRzYWx0MTIzNA$OcUOQ3fFNHx/27TF0xlCVQ29eZVg4HKGvCV5OcwJugo', scheme: 'ARGON2', tool: 'argon2 CLI' },
  // echo -n secret | argon2 somesaltsalt1234 -i -m 12 -t 3 -p 1 -v 10 -e: version 0x10
  { stored: '{ARGON2}$argon2i$v=16$m=4096,t=3,p=1$c29tZXNhbHRzYWx0MTIzNA$Sx8rnoXUX6fdY60bqWb9MB3itu3eIT3EfDLtZRryG4c', scheme: 'ARGON2', tool: 'argon2 CLI' },
  // python3 hashlib.pbkdf2_hmac('sha256', b'secret', b'saltsaltsaltsalt', 10000)
  { stored: '{PBKDF2-SHA256}10000$c2FsdHNhbHRzYWx0c2FsdA$7JMc.Orakl8cI/LNC4qa3ZWWz8zE6mp9ZCpH6br9XuM', scheme: 'PBKDF2-SHA256', tool: 'python3 hashlib' },
  // python3 hashlib.pbkdf2_hmac('sha512', b'secret', bytes(range(16)), 10000)
  {
    stored: '{PBKDF2-SHA512}10000$AAECAwQFBgcICQoLDA0ODw$s1qOkFay1DbcR0sablkjBgtOqf1IcoQVkkK1uzR9LdXA0A7SkKhkz0j9Li48.pDMKueSh3UUQNkgDDksLeAu.Q',
    scheme: 'PBKDF2-SHA512',
    tool: 'python3 hashlib',
  },
  // python3 hashlib.pbkdf2_hmac('sha1', b'secret', b'\xfb\xff\xfe0123456789ab', 10000): the salt encodes with '.'
  { stored: '{PBKDF2-SHA1}10000$.//.MDEyMzQ1Njc4OWFi$njzUKNz8MnorZWxOv7u/cFkdHvA', scheme: 'PBKDF2-SHA1', tool: 'python3 hashlib' },
  // python3 hashlib.pbkdf2_hmac('sha1', b'secret', b'0123456789abcdef', 1000)
  { stored: '{PBKDF2}1000$MDEyMzQ1Njc4OWFiY2RlZg$21EupWTmSOvnK3Sp99FL7THUyuQ', scheme: 'PBKDF2', tool: 'python3 hashlib' },
  // slappasswd -h '{CRYPT}' -c '$1$%.8s' / '$5$%.16s' / '$6$%.16s' -s secret
  { stored: '{CRYPT}$1$gFaxbm.k$YpB2drn9r8129TQbi48Kg.', scheme: 'CRYPT-MD5', tool: 'slappasswd' },
  { stored: '{CRYPT}$5$skozK20Hc9zqXDVl$oUZK0a2VdnAS614.l/9uV8zzPi0DRaFlrss9XRnTS19', scheme: 'CRYPT-SHA256', tool: 'slappasswd' },
  {
    stored: '{CRYPT}$6$FqEC/W2AXXHsl.jS$Rr0dr17kBEz.kuxYTN.ByRPzt6OPFg9tea7qnX.uuQZHFZXRSQtYJoGN9FAVwyh32bEWGLjDNcWy.nI45bav3/',
    scheme: 'CRYPT-SHA512',
    tool: 'slappasswd',
  },
  // openssl passwd -1 / -5 / -6 -salt abcdefgh secret
  { stored: '{CRYPT}$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1', scheme: 'CRYPT-MD5', tool: 'openssl passwd -1' },
  { stored: '{CRYPT}$5$abcdefgh$gruCpC7VkOTspMQTTSAR8mtlO9Upms.fwqE5y16JVM.', scheme: 'CRYPT-SHA256', tool: 'openssl passwd -5' },
  {
    stored: '{crypt}$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.',
    scheme: 'CRYPT-SHA512',
    tool: 'openssl passwd -6',
  },
  // openssl passwd -6 -salt ABCDEFGHijklmnop 'pässwörd' (UTF-8)
  {
    stored: '{CRYPT}$6$ABCDEFGHijklmnop$sTFauDXQnwjfhgV7HjfVOLa8uZXt3aPC9wFWjjZ1EjBzYvPWNYuiUmBE3JmvlxXu9lOB1nOYySj8N2CRRzzo0.',
    scheme: 'CRYPT-SHA512',
    password: 'pässwörd',
    tool: 'openssl passwd -6',
  },
  // openssl passwd -1 -salt x '' (empty password, one-character salt)
  { stored: '{CRYPT}$1$x$fwjfZtMwarkdetsjiQreU1', scheme: 'CRYPT-MD5', password: '', tool: 'openssl passwd -1' },
  // python3 crypt.crypt('secret', '$1$saltsalt') and crypt.crypt('a' * 70, '$1$12345678'): more than 64 bytes
  { stored: '{CRYPT}$1$saltsalt$9xy1btjgzLYfb7hivXtC//', scheme: 'CRYPT-MD5', tool: 'python3 crypt' },
  { stored: '{CRYPT}$1$12345678$sLa99WXv6PgeiznbODAdZ1', scheme: 'CRYPT-MD5', password: 'a'.repeat(70), tool: 'python3 crypt' },
  // python3 crypt.crypt('Hello world!', '$5$rounds=10000$saltstringsaltstring'): the SHA-crypt spec's inputs, rounds= kept
  {
    stored: '{CRYPT}$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA',
    scheme: 'CRYPT-SHA256',
    password: 'Hello world!',
    tool: 'python3 crypt',
  },
  // A value with no scheme is a cleartext password.
  { stored: 'secret', scheme: 'CLEARTEXT', tool: 'none (cleartext)' },
];

for (const vector of VECTORS) {
  const password = vector.password ?? 'secret';
  test(`${vector.scheme} (${vector.tool}): ${vector.stored.slice(0, 40)}…`, async () => {
    const right = await verifyPassword(Buffer.from(vector.stored), Buffer.from(password));
    assert.deepEqual(right, { ok: true, scheme: vector.scheme, needsRehash: vector.needsRehash ?? true });
    const wrong = await verifyPassword(Buffer.from(vector.stored), Buffer.from(`${password}x`));
    assert.equal(wrong.ok, false);
    assert.equal(wrong.scheme, vector.scheme);
    // Case matters in every scheme: 'Secret' is another password.
    if (password !== '') assert.equal((await verifyPassword(Buffer.from(vector.stored), Buffer.from(password.toUpperCase()))).ok, false);
  });
}

test('every scheme Warden lists has at least one known-answer vector', async () => {
  const { SUPPORTED_PASSWORD_SCHEMES } = await import('../../src/auth/index.js');
  const covered = new Set(VECTORS.map((v) => /^\{([^}]+)\}/.exec(v.stored)?.[1]?.toUpperCase()));
  for (const scheme of SUPPORTED_PASSWORD_SCHEMES) assert.ok(covered.has(scheme), scheme);
});
