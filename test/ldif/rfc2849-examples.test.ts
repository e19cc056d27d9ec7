import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseLdif, readLdif } from '../../src/ldif/index.js';
import type { LdifRecord } from '../../src/ldif/index.js';
import { LdifSyntaxError } from '../../src/errors/index.js';
import { attr, b, collect, lineOf } from './helpers.js';
import { example1, example2, example3, example4, example5, example6, example7 } from './rfc2849-fixtures.js';

/** Both entry points must agree on every example. */
async function readBoth(text: string, options: Parameters<typeof parseLdif>[1] = {}): Promise<LdifRecord[]> {
  const streamed = await collect(readLdif([Buffer.from(text, 'utf8')], options));
  const parsed = parseLdif(text, options);
  assert.deepEqual(streamed, parsed);
  return streamed;
}

const personClasses = attr('objectclass', 'top', 'person', 'organizationalPerson');

describe('RFC 2849 examples', () => {
  let dir = '';
  const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x0a, 0x0d]);
  const fiona = Buffer.from([0xff, 0xd8, 0x00, 0x01, 0x02]);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-ldif-'));
    writeFileSync(join(dir, 'hjensen.jpg'), photo);
    writeFileSync(join(dir, 'fiona.jpg'), fiona);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Example 1: two content entries', async () => {
    assert.deepEqual(await readBoth(example1), [
      {
        kind: 'content',
        dn: 'cn=Barbara Jensen, ou=Product Development, dc=airius, dc=com',
        line: 2,
        attributes: [
          personClasses,
          attr('cn', 'Barbara Jensen', 'Barbara J Jensen', 'Babs Jensen'),
          attr('sn', 'Jensen'),
          attr('uid', 'bjensen'),
          attr('telephonenumber', '+1 408 555 1212'),
          attr('description', 'A big sailing fan.'),
        ],
      },
      {
        kind: 'content',
        dn: 'cn=Bjorn Jensen, ou=Accounting, dc=airius, dc=com',
        line: 14,
        attributes: [personClasses, attr('cn', 'Bjorn Jensen'), attr('sn', 'Jensen'), attr('telephonenumber', '+1 408 555 1212')],
      },
    ]);
  });

  it('Example 2: no space after the colon and a folded value', async () => {
    const [record] = await readBoth(example2);
    assert.deepEqual(record, {
      kind: 'content',
      dn: 'cn=Barbara Jensen, ou=Product Development, dc=airius, dc=com',
      line: 2,
      attributes: [
        personClasses,
        attr('cn', 'Barbara Jensen', 'Barbara J Jensen', 'Babs Jensen'),
        attr('sn', 'Jensen'),
        attr('uid', 'bjensen'),
        attr('telephonenumber', '+1 408 555 1212'),
        attr('description', 'Babs is a big sailing fan, and travels extensively in search of perfect sailing conditions.'),
        attr('title', 'Product Manager, Rod and Reel Division'),
      ],
    });
  });

  it('Example 3: a folded base64 value with a CR in it', async () => {
    const [record] = await readBoth(example3);
    assert.ok(record?.kind === 'content');
    assert.deepEqual(
      record.attributes.at(-1),
      attr(
        'description',
        'What a careful reader you are!  This value is base-64-encoded because it has a control character in it (a CR).\r  By the way, you should really get out more.',
      ),
    );
    assert.equal(record.attributes.length, 6);
  });

  it('Example 4: base64 UTF-8 DNs and values, attribute options, comments', async () => {
    const records = await readBoth(example4);
    assert.deepEqual(records[0], {
      kind: 'content',
      dn: 'ou=営業部,o=Airius',
      line: 2,
      attributes: [
        attr('objectclass', 'top', 'organizationalUnit'),
        attr('ou', '営業部'),
        attr('ou;lang-ja', '営業部'),
        attr('ou;lang-ja;phonetic', 'えいぎょうぶ'),
        attr('ou;lang-en', 'Sales'),
        attr('description', 'Japanese office'),
      ],
    });
    assert.deepEqual(records[1], {
      kind: 'content',
      dn: 'uid=rogasawara,ou=営業部,o=Airius',
      line: lineOf(example4, 'dn:: dWlk'),
      attributes: [
        attr('userpassword', '{SHA}O3HSv1MusyL4kTjP+HKI5uxuNoM='),
        attr('objectclass', 'top', 'person', 'organizationalPerson', 'inetOrgPerson'),
        attr('uid', 'rogasawara'),
        attr('mail', 'rogasawara@airius.co.jp'),
        attr('givenname;lang-ja', 'ロドニー'),
        attr('sn;lang-ja', '小笠原'),
        attr('cn;lang-ja', '小笠原 ロドニー'),
        attr('title;lang-ja', '営業部 部長'),
        attr('preferredlanguage', 'ja'),
        attr('givenname', 'ロドニー'),
        attr('sn', '小笠原'),
        attr('cn', '小笠原 ロドニー'),
        attr('title', '営業部 部長'),
        attr('givenname;lang-ja;phonetic', 'ろどにー'),
        attr('sn;lang-ja;phonetic', 'おがさわら'),
        attr('cn;lang-ja;phonetic', 'おがさわら ろどにー'),
        attr('title;lang-ja;phonetic', 'えいぎょうぶ ぶちょう'),
        attr('givenname;lang-en', 'Rodney'),
        attr('sn;lang-en', 'Ogasawara'),
        attr('cn;lang-en', 'Rodney Ogasawara'),
        attr('title;lang-en', 'Sales, Director'),
      ],
    });
    assert.equal(records.length, 2);
  });

  it('Example 5: a file: URL value is read when allowUrls is on', async () => {
    const text = example5(pathToFileURL(join(dir, 'hjensen.jpg')).href);
    const [record] = await readBoth(text, { allowUrls: true });
    assert.ok(record?.kind === 'content');
    assert.deepEqual(record.attributes.at(-1), attr('jpegphoto', photo));
    assert.deepEqual(record.attributes.slice(1, 3), [attr('cn', 'Horatio Jensen', 'Horatio N Jensen'), attr('sn', 'Jensen')]);
  });

  it('Example 5: URL values are refused by default', async () => {
    const text = example5(pathToFileURL(join(dir, 'hjensen.jpg')).href);
    const expected = { name: 'LdifSyntaxError', message: 'line 11: URL values are disabled (allowUrls)', line: 11 };
    assert.throws(() => parseLdif(text), expected);
    await assert.rejects(collect(readLdif([text])), expected);
    assert.throws(() => parseLdif(text), LdifSyntaxError);
  });

  it('Example 6: change records of every type', async () => {
    const text = example6(pathToFileURL(join(dir, 'fiona.jpg')).href);
    const records = await readBoth(text, { allowUrls: true });
    assert.deepEqual(records, [
      {
        kind: 'change',
        changeType: 'add',
        dn: 'cn=Fiona Jensen, ou=Marketing, dc=airius, dc=com',
        controls: [],
        line: 3,
        attributes: [
          personClasses,
          attr('cn', 'Fiona Jensen'),
          attr('sn', 'Jensen'),
          attr('uid', 'fiona'),
          attr('telephonenumber', '+1 408 555 1212'),
          attr('jpegphoto', fiona),
        ],
      },
      { kind: 'change', changeType: 'delete', dn: 'cn=Robert Jensen, ou=Marketing, dc=airius, dc=com', controls: [], line: 15 },
      {
        kind: 'change',
        changeType: 'modrdn',
        dn: 'cn=Paul Jensen, ou=Product Development, dc=airius, dc=com',
        controls: [],
        line: 19,
        newRdn: 'cn=Paula Jensen',
        deleteOldRdn: true,
      },
      {
        kind: 'change',
        changeType: 'modrdn',
        dn: 'ou=PD Accountants, ou=Product Development, dc=airius, dc=com',
        controls: [],
        line: 26,
        newRdn: 'ou=Product Development Accountants',
        deleteOldRdn: false,
        newSuperior: 'ou=Accounting, dc=airius, dc=com',
      },
      {
        kind: 'change',
        changeType: 'modify',
        dn: 'cn=Paula Jensen, ou=Product Development, dc=airius, dc=com',
        controls: [],
        line: 36,
        changes: [
          { operation: 'add', attribute: attr('postaladdress', '123 Anystreet $ Sunnyvale, CA $ 94086') },
          { operation: 'delete', attribute: attr('description') },
          { operation: 'replace', attribute: attr('telephonenumber', '+1 408 555 1234', '+1 408 555 5678') },
          { operation: 'delete', attribute: attr('facsimiletelephonenumber', '+1 408 555 9876') },
        ],
      },
      {
        kind: 'change',
        changeType: 'modify',
        dn: 'cn=Ingrid Jensen, ou=Product Support, dc=airius, dc=com',
        controls: [],
        line: 56,
        changes: [
          { operation: 'replace', attribute: attr('postaladdress') },
          { operation: 'delete', attribute: attr('description') },
        ],
      },
    ]);
    // The hand-counted line numbers above agree with the text.
    assert.deepEqual(
      records.map((r) => r.line),
      [0, 1, 2, 3, 4, 5].map((n) => lineOf(text, 'dn: ', n)),
    );
  });

  it('Example 7: a change record with a control', async () => {
    assert.deepEqual(await readBoth(example7), [
      {
        kind: 'change',
        changeType: 'delete',
        dn: 'ou=Product Development, dc=airius, dc=com',
        controls: [{ oid: '1.2.840.113556.1.4.805', critical: true }],
        line: 6,
      },
    ]);
  });

  it('reads CRLF line ends the same as LF', async () => {
    for (const text of [example1, example3, example4, example7]) {
      assert.deepEqual(await readBoth(text.replaceAll('\n', '\r\n')), parseLdif(text));
    }
  });

  it('controls with values, criticality false and base64', () => {
    const [record] = parseLdif(
      'dn: cn=x\ncontrol: 1.2.3 false: plain value\ncontrol: 1.2.4 true:: AAEC\ncontrol: 1.2.5:\ncontrol: 1.2.6\nchangetype: delete\n',
    );
    assert.deepEqual(record, {
      kind: 'change',
      changeType: 'delete',
      dn: 'cn=x',
      line: 1,
      controls: [
        { oid: '1.2.3', critical: false, value: b('plain value') },
        { oid: '1.2.4', critical: true, value: Buffer.from([0, 1, 2]) },
        { oid: '1.2.5', critical: false, value: Buffer.alloc(0) },
        { oid: '1.2.6', critical: false },
      ],
    });
  });
});
