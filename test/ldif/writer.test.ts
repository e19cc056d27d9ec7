import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { formatLdifRecord, LdifWriter, parseLdif } from '../../src/ldif/index.js';
import type { LdifWritableRecord } from '../../src/ldif/index.js';
import { attr } from './helpers.js';

describe('formatLdifRecord', () => {
  it('writes a content record', () => {
    const text = formatLdifRecord({
      dn: 'cn=Barbara Jensen,dc=example,dc=com',
      attributes: [attr('objectClass', 'top', 'person'), attr('cn', 'Barbara Jensen'), attr('cn;lang-fr', 'Barbara')],
    });
    assert.equal(
      text,
      'dn: cn=Barbara Jensen,dc=example,dc=com\nobjectClass: top\nobjectClass: person\ncn: Barbara Jensen\ncn;lang-fr: Barbara\n',
    );
  });

  it('folds lines longer than 76 characters: 76, then a space and 75 more', () => {
    const value = 'abcdefghij'.repeat(15); // 150 characters
    const text = formatLdifRecord({ dn: 'cn=x', attributes: [attr('description', value)] });
    // "description: " is 13 characters, so the first line holds 63 characters of the value.
    assert.equal(
      text,
      'dn: cn=x\n' +
        'description: abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc\n' +
        ' defghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefgh\n' +
        ' ijabcdefghij\n',
    );
    for (const line of text.split('\n')) assert.ok(line.length <= 76);
    assert.equal(formatLdifRecord({ dn: 'cn=x', attributes: [attr('description', value)] }, { foldWidth: 0 }), `dn: cn=x\ndescription: ${value}\n`);
    assert.equal(
      formatLdifRecord({ dn: 'cn=x', attributes: [attr('cn', 'abcdefgh')] }, { foldWidth: 6 }),
      'dn: cn\n =x\ncn: ab\n cdefg\n h\n',
    );
  });

  it('writes base64 for every value that is not a safe string', () => {
    const cases: [Buffer, string][] = [
      [Buffer.from(' lead'), 'v:: IGxlYWQ='],
      [Buffer.from(':colon'), 'v:: OmNvbG9u'],
      [Buffer.from('<angle'), 'v:: PGFuZ2xl'],
      [Buffer.from('trail '), 'v:: dHJhaWwg'],
      [Buffer.from('caf\u00e9'), 'v:: Y2Fmw6k='],
      [Buffer.from([0]), 'v:: AA=='],
      [Buffer.from('a\nb'), 'v:: YQpi'],
      [Buffer.from('a\rb'), 'v:: YQ1i'],
      [Buffer.from([0xff, 0xfe]), 'v:: //4='],
      [Buffer.from('tab\there'), 'v:: dGFiCWhlcmU='],
      [Buffer.alloc(0), 'v:'],
      [Buffer.from('in:side <ok> #1'), 'v: in:side <ok> #1'],
      [Buffer.from('#hash'), 'v: #hash'],
    ];
    for (const [value, line] of cases) {
      assert.equal(formatLdifRecord({ dn: 'cn=x', attributes: [{ type: 'v', values: [value] }] }), `dn: cn=x\n${line}\n`);
    }
  });

  it('writes base64 DNs when they are not safe strings', () => {
    assert.equal(formatLdifRecord({ dn: 'ou=営業部,o=Airius', attributes: [attr('ou', 'x')] }), 'dn:: b3U95Za25qWt6YOoLG89QWlyaXVz\nou: x\n');
    assert.equal(formatLdifRecord({ dn: '', attributes: [attr('objectClass', 'top')] }), 'dn:\nobjectClass: top\n');
    assert.equal(formatLdifRecord({ dn: ' cn=x', attributes: [attr('a', 'b')] }), 'dn:: IGNuPXg=\na: b\n');
  });

  it('writes change records', () => {
    const records: [LdifWritableRecord, string][] = [
      [
        {
          kind: 'change',
          changeType: 'add',
          dn: 'cn=a,dc=x',
          controls: [{ oid: '1.2.840.113556.1.4.805', critical: true }, { oid: '1.3.6.1.1.13.1', critical: false, value: Buffer.from([0x30, 0]) }],
          attributes: [attr('cn', 'a')],
        },
        'dn: cn=a,dc=x\ncontrol: 1.2.840.113556.1.4.805 true\ncontrol: 1.3.6.1.1.13.1:: MAA=\nchangetype: add\ncn: a\n',
      ],
      [{ kind: 'change', changeType: 'delete', dn: 'cn=a,dc=x' }, 'dn: cn=a,dc=x\nchangetype: delete\n'],
      [
        {
          kind: 'change',
          changeType: 'modify',
          dn: 'cn=a,dc=x',
          changes: [
            { operation: 'add', attribute: attr('mail', 'a@x') },
            { operation: 'delete', attribute: attr('description') },
            { operation: 'replace', attribute: attr('sn', 'A', 'B') },
            { operation: 'increment', attribute: attr('uidNumber', '1') },
          ],
        },
        'dn: cn=a,dc=x\nchangetype: modify\nadd: mail\nmail: a@x\n-\ndelete: description\n-\nreplace: sn\nsn: A\nsn: B\n-\nincrement: uidNumber\nuidNumber: 1\n-\n',
      ],
      [
        { kind: 'change', changeType: 'modrdn', dn: 'cn=a,dc=x', newRdn: 'cn=b', deleteOldRdn: true },
        'dn: cn=a,dc=x\nchangetype: modrdn\nnewrdn: cn=b\ndeleteoldrdn: 1\n',
      ],
      [
        { kind: 'change', changeType: 'moddn', dn: 'cn=a,dc=x', newRdn: 'cn=é', deleteOldRdn: false, newSuperior: 'dc=y' },
        'dn: cn=a,dc=x\nchangetype: moddn\nnewrdn:: Y249w6k=\ndeleteoldrdn: 0\nnewsuperior: dc=y\n',
      ],
    ];
    for (const [record, text] of records) {
      assert.equal(formatLdifRecord(record), text);
      const [back] = parseLdif(text);
      assert.equal(back?.kind, 'change');
    }
  });

  it('prefixes version: 1 on request', () => {
    assert.equal(formatLdifRecord({ dn: 'cn=x', attributes: [attr('cn', 'x')] }, { includeVersion: true }), 'version: 1\ndn: cn=x\ncn: x\n');
  });

  it('refuses input that would break the syntax', () => {
    const cases: [LdifWritableRecord, string][] = [
      [{ dn: 'cn=x', attributes: [attr('cn: injected\ndn', 'x')] }, "line 0: cannot write: invalid attribute description 'cn: injected\ndn'"],
      [{ dn: 'cn=x', attributes: [attr('cn')] }, "line 0: cannot write: attribute 'cn' has no values"],
      [{ dn: 'cn=x', attributes: [attr('cn', 'x'), attr('DN', 'cn=y')] }, "line 0: cannot write: attribute 'DN' cannot be written in a record"],
      [{ dn: 'cn=x', attributes: [attr('changetype', 'delete')] }, "line 0: cannot write: attribute 'changetype' cannot be written first in a record"],
      [
        { kind: 'change', changeType: 'delete', dn: 'cn=x', controls: [{ oid: '1.2 true', critical: false }] },
        "line 0: cannot write: invalid control OID '1.2 true'",
      ],
      [
        { kind: 'change', changeType: 'modify', dn: 'cn=x', changes: [{ operation: 'add', attribute: attr('a b', 'x') }] },
        "line 0: cannot write: invalid attribute description 'a b'",
      ],
    ];
    for (const [record, message] of cases) assert.throws(() => formatLdifRecord(record), { name: 'LdifSyntaxError', message });
    assert.throws(() => formatLdifRecord({ dn: 'cn=x', attributes: [] }, { foldWidth: 1 }), RangeError);
  });
});

describe('LdifWriter', () => {
  it('separates records with a blank line and writes the version once', () => {
    const chunks: string[] = [];
    const writer = new LdifWriter((chunk) => chunks.push(chunk), { includeVersion: true });
    assert.equal(writer.write({ dn: 'cn=a', attributes: [attr('cn', 'a')] }), undefined);
    writer.write({ kind: 'change', changeType: 'delete', dn: 'cn=b' });
    writer.end();
    assert.equal(chunks.join(''), 'version: 1\ndn: cn=a\ncn: a\n\ndn: cn=b\nchangetype: delete\n');
    assert.equal(writer.recordCount, 2);
    const empty: string[] = [];
    const emptyWriter = new LdifWriter((chunk) => empty.push(chunk), { includeVersion: true });
    emptyWriter.end();
    assert.equal(empty.join(''), 'version: 1\n');
  });

  it('returns a promise when the stream wants to drain, and ends the stream', async () => {
    const received: string[] = [];
    const stream = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString());
        setImmediate(callback);
      },
    });
    const writer = new LdifWriter(stream);
    let waited = 0;
    for (let i = 0; i < 20; i++) {
      const pending = writer.write({ dn: `cn=user${i}`, attributes: [attr('cn', `user${i}`)] });
      if (pending !== undefined) {
        waited++;
        await pending;
      }
    }
    assert.ok(waited > 0, 'backpressure was never signalled');
    await writer.end();
    assert.equal(stream.writableFinished, true);
    const records = parseLdif(received.join(''));
    assert.equal(records.length, 20);
    assert.deepEqual(records[19], { kind: 'content', dn: 'cn=user19', attributes: [attr('cn', 'user19')], line: 58 });
  });
});
