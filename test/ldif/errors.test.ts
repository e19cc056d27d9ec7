import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLdif, readLdif } from '../../src/ldif/index.js';
import type { LdifReadOptions } from '../../src/ldif/index.js';
import { LdifSyntaxError } from '../../src/errors/index.js';
import { attr, collect } from './helpers.js';

type Case = readonly [input: string, message: string, options?: LdifReadOptions];

const cases: readonly Case[] = [
  ['cn: x\n', "line 1: expected 'dn:' to start a record"],
  ['# only a comment\n\nobjectClass: top\n', "line 3: expected 'dn:' to start a record"],
  ['dn: cn=x\ncn x\n', "line 2: missing ':' after attribute name"],
  ['dn: cn=x\nc n: x\n', "line 2: invalid attribute description 'c n'"],
  ['dn: cn=x\n: x\n', "line 2: invalid attribute description ''"],
  ['dn: cn=x\ncn;: x\n', "line 2: invalid attribute description 'cn;'"],
  ['dn: cn=x\njpegPhoto:: AB$=\n', 'line 2: invalid base64 value for attribute jpegPhoto'],
  ['dn: cn=x\njpegPhoto:: QUJ\n', 'line 2: invalid base64 value for attribute jpegPhoto'],
  ['dn: cn=x\ncn: ok\njpegPhoto:: QUJ\n D!\n', 'line 3: invalid base64 value for attribute jpegPhoto'],
  ['dn:: %%%%\ncn: x\n', 'line 1: invalid base64 value for dn'],
  ['dn:: //79\ncn: x\n', 'line 1: dn is not valid UTF-8'],
  ['dn: cn=\xff\ncn: x\n', 'line 1: dn is not valid UTF-8'],
  ['dn:< file:///etc/passwd\ncn: x\n', 'line 1: URL values are not allowed for dn'],
  ['version: 2\ndn: cn=x\ncn: x\n', "line 1: unsupported LDIF version '2' (only 1 is supported)"],
  [' continuation\n', 'line 1: continuation line without a preceding line'],
  ['dn: cn=a\ncn: a\n\n continuation\n', 'line 4: continuation line without a preceding line'],
  ['dn: cn=x\ncn:< file:///etc/passwd\n', 'line 2: URL values are disabled (allowUrls)'],
  ['dn: cn=x\ncn: a\0b\n', 'line 2: value of attribute cn contains NUL or CR (use base64)'],
  ['dn: cn=x\ncn: a\rb\n', 'line 2: value of attribute cn contains NUL or CR (use base64)'],
  ['dn: cn=x\n', 'line 1: record has no attributes'],
  ['dn: cn=a\ncn: a\ndn: cn=b\ncn: b\n', "line 3: unexpected 'dn:' inside a record (missing blank line?)"],
  ['dn: cn=a\nchangetype: add\ncn: a\nDN: cn=b\n', "line 4: unexpected 'dn:' inside a record (missing blank line?)"],
  ['dn: cn=x\nchangetype: rename\n', "line 2: unknown changetype 'rename'"],
  ['dn: cn=x\ncontrol: 1.2.3\ncn: x\n', "line 3: expected 'changetype:' after control lines"],
  ['dn: cn=x\ncontrol: 1.2.3\n', "line 2: expected 'changetype:' after control lines"],
  ['dn: cn=x\ncontrol: 1.2.3 maybe\nchangetype: delete\n', 'line 2: invalid control line'],
  ['dn: cn=x\ncontrol: 1\nchangetype: delete\n', "line 2: invalid control OID '1'"],
  ['dn: cn=x\ncontrol: 1.2.3 true:: A\nchangetype: delete\n', 'line 2: invalid base64 value for control 1.2.3'],
  ['dn: cn=x\nchangetype: add\n', 'line 2: add record has no attributes'],
  ['dn: cn=x\nchangetype: delete\ncn: x\n', 'line 3: unexpected line in delete record'],
  ['dn: cn=x\nchangetype: modify\nfrob: cn\n-\n', "line 3: expected 'add:', 'delete:', 'replace:' or 'increment:' in modify record"],
  ['dn: cn=x\nchangetype: modify\nadd: c n\n-\n', "line 3: invalid attribute description 'c n'"],
  ['dn: cn=x\nchangetype: modify\nadd: cn\nsn: x\n-\n', "line 4: attribute 'sn' does not match the modify block attribute 'cn'"],
  ['dn: cn=x\nchangetype: modify\nadd: cn\ncn: x\nreplace: sn\n-\n', "line 5: missing '-' to end the modify block for 'cn'"],
  ['dn: cn=x\nchangetype: modify\nreplace: sn\nsn: y\n', "line 3: missing '-' to end the modify block for 'sn'"],
  ['dn: cn=x\nchangetype: modify\nadd: cn\n-\n', "line 3: 'add' of 'cn' has no values"],
  ['dn: cn=x\nchangetype: modify\nincrement: uidNumber\n-\n', "line 3: 'increment' of 'uidNumber' has no values"],
  ['dn: cn=x\nchangetype: modrdn\ndeleteoldrdn: 1\n', "line 3: expected 'newrdn:' in modrdn record"],
  ['dn: cn=x\nchangetype: modrdn\nnewrdn: cn=y\n', "line 3: expected 'deleteoldrdn:' in modrdn record"],
  ['dn: cn=x\nchangetype: moddn\n', "line 2: expected 'newrdn:' in moddn record"],
  ['dn: cn=x\nchangetype: moddn\nnewrdn: cn=y\ndeleteoldrdn: yes\n', "line 4: deleteoldrdn must be '0' or '1'"],
  ['dn: cn=x\nchangetype: modrdn\nnewrdn:< file:///x\ndeleteoldrdn: 1\n', 'line 3: URL values are not allowed for newrdn'],
  ['dn: cn=x\nchangetype: modrdn\nnewrdn: cn=y\ndeleteoldrdn: 0\nnewsuperior: dc=z\nextra: 1\n', 'line 6: unexpected line in modrdn record'],
  ['dn: cn=a\ncn: a\n\n# comment\n folded comment\ndn: cn=b\ncn\n', "line 7: missing ':' after attribute name"],
  ['dn: cn=x\r\ncn: 12345678901\r\n', 'line 2: line exceeds maxLineLength (10)', { maxLineLength: 10 }],
  ['dn: cn=x\ncn: 1234\n 5678901\n', 'line 3: record exceeds maxRecordBytes (20)', { maxRecordBytes: 20 }],
  ['dn: cn=x\ncn: 1234567890\ncn: 1234567890\n', 'line 2: record exceeds maxRecordBytes (20)', { maxRecordBytes: 20 }],
];

describe('LDIF syntax errors', () => {
  it('report the offending line with an exact message (parseLdif and readLdif agree)', async () => {
    for (const [input, message, options] of cases) {
      const line = Number(/^line (\d+):/.exec(message)![1]);
      const expected = (error: unknown): boolean => {
        assert.ok(error instanceof LdifSyntaxError, `not an LdifSyntaxError for ${JSON.stringify(input)}`);
        assert.equal(error.message, message, JSON.stringify(input));
        assert.equal(error.line, line);
        return true;
      };
      const bytes = Buffer.from(input, 'latin1');
      assert.throws(() => parseLdif(bytes, options), expected);
      await assert.rejects(collect(readLdif([bytes], options)), expected);
    }
  });

  it('yields the records before a bad one, never a partial record, then throws', async () => {
    const input = 'dn: cn=a\ncn: a\n\ndn: cn=b\ncn: b\nsn:: ***\n\ndn: cn=c\ncn: c\n';
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const record of readLdif([input])) seen.push(record.dn);
      })(),
      { message: 'line 6: invalid base64 value for attribute sn' },
    );
    assert.deepEqual(seen, ['cn=a']);
  });

  it("with onError 'skip', reports bad records with their line and goes on", async () => {
    const input = [
      'dn: cn=a', 'cn: a', '',
      'dn: cn=b', 'cn x', '',
      'dn: cn=c', 'cn: 0123456789012345678901234567890123456789', ' more', 'sn: c', '',
      'dn: cn=d', 'cn: d', '',
      ' stray', 'dn: cn=e', '',
      'dn: cn=f', 'cn: f',
    ].join('\n');
    for (const read of ['parse', 'stream'] as const) {
      const errors: string[] = [];
      const options: LdifReadOptions = { onError: 'skip', onSkip: (e) => errors.push(e.message), maxLineLength: 40 };
      const records = read === 'parse' ? parseLdif(input, options) : await collect(readLdif([input], options));
      assert.deepEqual(
        records.map((r) => [r.dn, r.line]),
        [['cn=a', 1], ['cn=d', 12], ['cn=f', 18]],
      );
      assert.deepEqual(errors, [
        "line 5: missing ':' after attribute name",
        'line 8: line exceeds maxLineLength (40)',
        'line 15: continuation line without a preceding line',
      ]);
      assert.deepEqual(records[1], { kind: 'content', dn: 'cn=d', attributes: [attr('cn', 'd')], line: 12 });
    }
  });

  it("an unsupported version is fatal even with onError 'skip'", () => {
    assert.throws(() => parseLdif('version: 3\n\ndn: cn=a\ncn: a\n', { onError: 'skip' }), {
      message: "line 1: unsupported LDIF version '3' (only 1 is supported)",
    });
  });

  it('bounds a line that never ends (no newline) by maxRecordBytes', async () => {
    async function* endless(): AsyncGenerator<string> {
      yield 'dn: cn=x\ndescription: ';
      for (let i = 0; i < 1000; i++) yield 'x'.repeat(1024);
    }
    const errors: number[] = [];
    const records = await collect(readLdif(endless(), { maxRecordBytes: 64 * 1024, onError: 'skip', onSkip: (e) => errors.push(e.line) }));
    assert.deepEqual(records, []);
    assert.deepEqual(errors, [2]);
    await assert.rejects(collect(readLdif(endless(), { maxRecordBytes: 64 * 1024 })), {
      message: 'line 2: record exceeds maxRecordBytes (65536)',
    });
  });
});
