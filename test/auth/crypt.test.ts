import { test } from 'node:test';
import assert from 'node:assert/strict';
import { md5Crypt, shaCrypt } from '../../src/auth/index.js';
import { shaCryptAsync } from '../../src/auth/crypt/index.js';

/**
 * The test vectors of Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512" specification (inputs and expected
 * outputs as printed there), each also produced independently here: python3 crypt.crypt (libxcrypt) for all but
 * the `rounds=10` rows, which libxcrypt now refuses and `openssl passwd -5/-6 -salt 'rounds=10$roundstoolow'`
 * produced (clamped to rounds=1000, as the specification says).
 */
const SPEC: readonly (readonly [setting: string, password: string, expected: string])[] = [
  ['$5$saltstring', 'Hello world!', '$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5'],
  ['$5$rounds=10000$saltstringsaltstring', 'Hello world!', '$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA'],
  ['$5$rounds=5000$toolongsaltstring', 'This is just a test', '$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5'],
  [
    '$5$rounds=1400$anotherlongsaltstring',
    'a very much longer text to encrypt.  This one even stretches over morethan one line.',
    '$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1',
  ],
  ['$5$rounds=77777$short', 'we have a short salt string but not a short password', '$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/'],
  ['$5$rounds=123456$asaltof16chars..', 'a short string', '$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD'],
  ['$5$rounds=10$roundstoolow', 'the minimum number is still observed', '$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC'],
  ['$6$saltstring', 'Hello world!', '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
  [
    '$6$rounds=10000$saltstringsaltstring',
    'Hello world!',
    '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
  ],
  [
    '$6$rounds=5000$toolongsaltstring',
    'This is just a test',
    '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0',
  ],
  [
    '$6$rounds=1400$anotherlongsaltstring',
    'a very much longer text to encrypt.  This one even stretches over morethan one line.',
    '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1',
  ],
  [
    '$6$rounds=77777$short',
    'we have a short salt string but not a short password',
    '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0',
  ],
  [
    '$6$rounds=123456$asaltof16chars..',
    'a short string',
    '$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1',
  ],
  [
    '$6$rounds=10$roundstoolow',
    'the minimum number is still observed',
    '$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.',
  ],
];

for (const [setting, password, expected] of SPEC) {
  test(`SHA-crypt spec vector ${setting}`, () => {
    assert.equal(shaCrypt(Buffer.from(password), setting), expected);
    // A whole stored hash works as the setting too (that is how verification recomputes it).
    assert.equal(shaCrypt(Buffer.from(password), expected), expected);
  });
}

test('the asynchronous SHA-crypt gives the same string as the synchronous one', async () => {
  const [setting, password, expected] = SPEC[1] as (typeof SPEC)[number];
  assert.equal(await shaCryptAsync(Buffer.from(password), setting), expected);
});

test('shaCrypt and md5Crypt refuse settings of other formats', () => {
  assert.equal(shaCrypt(Buffer.from('x'), '$1$abc'), undefined);
  assert.equal(shaCrypt(Buffer.from('x'), 'rounds=5000$abc'), undefined);
  assert.equal(md5Crypt(Buffer.from('x'), '$6$abc'), undefined);
});

test('a rounds= prefix that is not a number ending in $ is part of the salt, as in the specification', () => {
  // glibc reads `rounds=` only when strtoul stops at '$'; otherwise the text (cut to 16 characters) is the salt.
  const out = shaCrypt(Buffer.from('x'), '$5$rounds=abc$def');
  assert.match(out ?? '', /^\$5\$rounds=abc\$[./0-9A-Za-z]{43}$/);
});

// PHK's md5crypt, outputs from `openssl passwd -1 -salt …` and python3 crypt.crypt.
const MD5: readonly (readonly [setting: string, password: string, expected: string])[] = [
  ['$1$abcdefgh', 'secret', '$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1'],
  ['$1$abcdefghijkl', 'secret', '$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1'],
  ['$1$x', '', '$1$x$fwjfZtMwarkdetsjiQreU1'],
  ['$1$12345678', 'a'.repeat(70), '$1$12345678$sLa99WXv6PgeiznbODAdZ1'],
];

for (const [setting, password, expected] of MD5) {
  test(`md5crypt ${setting} (${password.length} bytes)`, () => {
    assert.equal(md5Crypt(Buffer.from(password), setting), expected);
  });
}
