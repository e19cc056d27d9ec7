import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseLdif, readLdif } from '../../src/ldif/index.js';
import type { LdifReadOptions, LdifRecord } from '../../src/ldif/index.js';
import { attr, collect } from './helpers.js';

/** `:<` loading must behave the same in the sync (parseLdif) and async (readLdif) paths. */
async function both(text: string, options: LdifReadOptions): Promise<LdifRecord[]> {
  const streamed = await collect(readLdif([text], options));
  assert.deepEqual(parseLdif(text, options), streamed);
  return streamed;
}

async function bothReject(text: string, options: LdifReadOptions, message: string): Promise<void> {
  assert.throws(() => parseLdif(text, options), { name: 'LdifSyntaxError', message });
  await assert.rejects(collect(readLdif([text], options)), { name: 'LdifSyntaxError', message });
}

describe('URL values (attr:< url)', () => {
  let root = '';
  let base = '';
  let outside = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'warden-ldif-url-'));
    base = join(root, 'base');
    outside = join(root, 'outside');
    mkdirSync(join(base, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(base, 'inside.bin'), Buffer.from([1, 2, 3]));
    writeFileSync(join(base, 'sub', 'deep.txt'), 'deep');
    writeFileSync(join(outside, 'secret'), 'secret');
    writeFileSync(join(base, 'big.bin'), Buffer.alloc(2048));
    writeFileSync(join(base, 'half.bin'), Buffer.alloc(600));
    symlinkSync(join(outside, 'secret'), join(base, 'link'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const entry = (url: string): string => `dn: cn=x\ncn: x\nphoto:< ${url}\n`;

  it('loads absolute and (with urlBaseDir) relative file URLs', async () => {
    const absolute = pathToFileURL(join(base, 'inside.bin')).href;
    const [a] = await both(entry(absolute), { allowUrls: true });
    assert.deepEqual(a, { kind: 'content', dn: 'cn=x', line: 1, attributes: [attr('cn', 'x'), attr('photo', Buffer.from([1, 2, 3]))] });
    const [b] = await both(entry('sub/deep.txt'), { allowUrls: true, urlBaseDir: base });
    assert.ok(b?.kind === 'content');
    assert.deepEqual(b.attributes[1], attr('photo', 'deep'));
    const [c] = await both(`dn: cn=x\ncontrol: 1.2.3 true:< ${absolute}\nchangetype: delete\n`, { allowUrls: true });
    assert.deepEqual(c, { kind: 'change', changeType: 'delete', dn: 'cn=x', line: 1, controls: [{ oid: '1.2.3', critical: true, value: Buffer.from([1, 2, 3]) }] });
  });

  it('refuses other schemes, remote hosts and paths outside urlBaseDir', async () => {
    const on = { allowUrls: true } as const;
    await bothReject(entry('http://127.0.0.1/x'), on, "line 3: unsupported URL scheme 'http:' (only file: URLs are allowed)");
    await bothReject(entry('data:,hello'), on, "line 3: unsupported URL scheme 'data:' (only file: URLs are allowed)");
    await bothReject(entry('file://server.example/share/x'), on, "line 3: file URL with remote host 'server.example' is not allowed");
    await bothReject(entry('relative.bin'), on, "line 3: invalid URL 'relative.bin'");
    const secret = pathToFileURL(join(outside, 'secret')).href;
    const withBase = { allowUrls: true, urlBaseDir: base } as const;
    await bothReject(entry(secret), withBase, `line 3: URL '${secret}' is outside urlBaseDir`);
    await bothReject(entry('../outside/secret'), withBase, "line 3: URL '../outside/secret' is outside urlBaseDir");
    await bothReject(entry('link'), withBase, "line 3: URL 'link' is outside urlBaseDir");
  });

  it('refuses directories, missing files and files over maxRecordBytes', async () => {
    const on = { allowUrls: true } as const;
    const dir = pathToFileURL(join(base, 'sub')).href;
    await bothReject(entry(dir), on, `line 3: URL '${dir}' is not a regular file`);
    const missing = pathToFileURL(join(base, 'nope')).href;
    await bothReject(entry(missing), on, `line 3: cannot read URL '${missing}' (ENOENT)`);
    const big = pathToFileURL(join(base, 'big.bin')).href;
    await bothReject(entry(big), { allowUrls: true, maxRecordBytes: 1024 }, `line 3: URL '${big}' exceeds maxRecordBytes (1024)`);
    // Each file fits, but together the record's URL values do not.
    const half = pathToFileURL(join(base, 'half.bin')).href;
    await bothReject(
      `dn: cn=x\nphoto:< ${half}\nphoto:< ${half}\n`,
      { allowUrls: true, maxRecordBytes: 1000 },
      'line 3: record exceeds maxRecordBytes (1000)',
    );
  });

  it("skips a record whose URL fails under onError 'skip'", async () => {
    const missing = pathToFileURL(join(base, 'nope')).href;
    const text = `dn: cn=a\nphoto:< ${missing}\n\ndn: cn=b\ncn: b\n`;
    for (const read of ['parse', 'stream'] as const) {
      const errors: string[] = [];
      const options: LdifReadOptions = { allowUrls: true, onError: 'skip', onSkip: (e) => errors.push(e.message) };
      const records = read === 'parse' ? parseLdif(text, options) : await collect(readLdif([text], options));
      assert.deepEqual(records.map((r) => r.dn), ['cn=b']);
      assert.deepEqual(errors, [`line 2: cannot read URL '${missing}' (ENOENT)`]);
    }
  });
});
