/**
 * `warden import` and `warden export` as real processes on a 100,000-record LDIF file: rejects named by line,
 * summary counts, an export → import → export round trip that keeps every attribute (operational ones too), and
 * a running server answering for the imported data.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoSuchObjectError } from 'ldapts';
import { readLdif } from '../../src/ldif/index.js';
import { writeBigLdif, IMPORT_ADMIN_PASSWORD } from './big-ldif.js';
import type { BigLdif } from './big-ldif.js';
import { ADMIN_DN, SUFFIX, childEnv, dataDirCa, killAllChildren, ldapsClient, runWarden, spawnWarden, startServe } from './warden-process.js';

const TOTAL = 100_000;
const GROUPS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'warden-cli-import-'));
const source = join(dir, 'big.ldif');
const data1 = join(dir, 'data1');
const data2 = join(dir, 'data2');
const export1 = join(dir, 'export1.ldif');
const export2 = join(dir, 'export2.ldif');
/**
 * The second data directory keeps no attribute indexes: export and import do not depend on them, and without
 * them the re-import takes a fraction of the time (about 70 index rows per user entry with the default
 * substring indexes). Every command on data2 passes this file, so opening it never rebuilds indexes.
 */
const config2 = join(dir, 'no-indexes.yaml');
const OPERATIONAL = ['structuralobjectclass', 'entryuuid', 'creatorsname', 'createtimestamp', 'modifiersname', 'modifytimestamp'];

after(() => {
  killAllChildren();
  rmSync(dir, { recursive: true, force: true });
});

/** `warden export …args` with its standard output going straight to `file`. */
async function exportTo(args: readonly string[], file: string): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync(file, 'w');
  try {
    const run = spawnWarden(['export', ...args], { stdio: ['ignore', fd, 'pipe'] });
    const exit = await run.exited;
    return { code: exit.code, stderr: run.stderr() };
  } finally {
    closeSync(fd);
  }
}

/** An LDIF file as lower-cased DN → lower-cased type → values (base64, sorted), for order-insensitive comparison. */
async function readEntries(file: string): Promise<Map<string, Map<string, string[]>>> {
  const entries = new Map<string, Map<string, string[]>>();
  for await (const record of readLdif(createReadStream(file))) {
    assert.equal(record.kind, 'content', `${file}:${record.line} is an entry`);
    if (record.kind !== 'content') continue;
    const attributes = new Map<string, string[]>();
    for (const a of record.attributes) {
      const key = a.type.toLowerCase();
      attributes.set(key, [...(attributes.get(key) ?? []), ...a.values.map((v) => v.toString('base64'))].sort());
    }
    assert.ok(!entries.has(record.dn.toLowerCase()), `${record.dn} appears twice`);
    entries.set(record.dn.toLowerCase(), attributes);
  }
  return entries;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('warden import and export', () => {
  let ldif: BigLdif;
  let generatedIn = '';
  let exported = new Map<string, Map<string, string[]>>();
  const seconds = (since: number): string => ((Date.now() - since) / 1000).toFixed(1);

  before(async () => {
    const started = Date.now();
    ldif = await writeBigLdif(source, SUFFIX, TOTAL, GROUPS);
    assert.equal(ldif.records, TOTAL);
    assert.equal(ldif.bad.length, 5);
    generatedIn = seconds(started);
    writeFileSync(config2, `data: { dir: ${data2} }\nsuffix: ${SUFFIX}\nindexes: []\n`);
  });

  it('import of 100,000 records exits 1, names on stderr the line of exactly each bad record, and prints the counts', async (t) => {
    const started = Date.now();
    const run = await runWarden(['import', source, '--data', data1, '--suffix', SUFFIX]);
    t.diagnostic(`generating the file: ${generatedIn} s; import of ${TOTAL} records: ${seconds(started)} s`);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`^imported ${ldif.good.length} entries \\(${ldif.bad.length} rejected\\) in \\d+\\.\\d s\\n$`));

    const rejects: { line: number; what: string }[] = [];
    for (const line of run.stderr.split('\n').filter((l) => l !== '')) {
      if (/^ {2}\d+ entries loaded, \d+ rejected$/.test(line)) continue; // progress
      const match = /^(.*):(\d+): rejected (.*)$/.exec(line);
      assert.ok(match !== null && match[1] === source, `unexpected stderr line: ${line}`);
      rejects.push({ line: Number(match[2]), what: match[3] ?? '' });
    }
    // In file order, one per bad record, each naming its problem.
    assert.deepEqual(rejects.map((r) => r.line), ldif.bad.map((b) => b.line));
    const expected: Record<string, RegExp> = {
      'missing parent': new RegExp(`^uid=orphan,ou=contractors,${SUFFIX}: parent ou=contractors,${SUFFIX} does not exist`),
      'schema violation': /^uid=nosn,ou=people,dc=example,dc=com: objectClassViolation: .*'sn'/,
      duplicate: /^uid=user000010,ou=people,dc=example,dc=com: an entry with this DN already exists$/,
      'duplicate in the same batch': /^uid=user\d{6},ou=people,dc=example,dc=com: an entry with this DN already exists$/,
      'base64 error': /^record: invalid base64 value for attribute description$/,
    };
    ldif.bad.forEach((bad, i) => assert.match(rejects[i]?.what ?? '', expected[bad.kind] as RegExp, bad.kind));
  });

  it('export, re-imported into a fresh data dir and exported again, has the same entries, attributes and values, operational ones included', async (t) => {
    let started = Date.now();
    const first = await exportTo(['--data', data1, '--suffix', SUFFIX], export1);
    t.diagnostic(`export 1: ${seconds(started)} s`);
    assert.deepEqual(first, { code: 0, stderr: '' });
    exported = await readEntries(export1);
    assert.equal(exported.size, ldif.good.length);
    for (const record of ldif.good) {
      const entry = exported.get(record.dn.toLowerCase());
      assert.ok(entry !== undefined, `${record.dn} was exported`);
      for (const key of OPERATIONAL) assert.equal(entry.get(key)?.length, 1, `${record.dn} has ${key}`);
      const user = new Map([...entry].filter(([key]) => !OPERATIONAL.includes(key)));
      assert.deepEqual([...user.keys()].sort(), [...record.attributes.keys()].sort(), record.dn);
      for (const [type, values] of record.attributes) {
        if (type === 'userpassword') {
          // Stored hashed (`{SCHEME}…`), never as given.
          const stored = Buffer.from(user.get(type)?.[0] ?? '', 'base64').toString();
          assert.match(stored, /^\{[A-Z0-9.-]+\}/);
          assert.ok(!stored.includes(values[0] ?? ''), 'the cleartext password is not in the export');
          continue;
        }
        assert.deepEqual(user.get(type), values.map(b64).sort(), `${record.dn} ${type}`);
      }
    }

    started = Date.now();
    const again = await runWarden(['import', export1, '--config', config2]);
    t.diagnostic(`re-import: ${seconds(started)} s`);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^imported ${ldif.good.length} entries \\(0 rejected\\) in `));
    assert.doesNotMatch(again.stderr, /rejected [^0-9]/);

    started = Date.now();
    assert.deepEqual(await exportTo(['--config', config2], export2), { code: 0, stderr: '' });
    t.diagnostic(`export 2: ${seconds(started)} s`);
    const reexported = await readEntries(export2);
    assert.equal(reexported.size, exported.size);
    for (const [dn, attributes] of exported) assert.deepEqual(reexported.get(dn), attributes, dn);
    t.diagnostic(`the two exports are ${readFileSync(export1).equals(readFileSync(export2)) ? '' : 'not '}byte-identical`);
  });

  it('a server started on the imported data answers for the imported entries and not for the rejected ones', async () => {
    const server = await startServe({ data: data1, env: childEnv() });
    assert.doesNotMatch(server.stdout(), /created|password/, 'an imported directory is not bootstrapped again');
    const client = await ldapsClient(server.ldapsUrl, dataDirCa(data1), { dn: ADMIN_DN, password: IMPORT_ADMIN_PASSWORD });
    try {
      for (const i of [0, 42, 97, 50_000, ldif.good.length - GROUPS - 6]) {
        const uid = `user${String(i).padStart(6, '0')}`;
        const { searchEntries } = await client.search(`ou=people,${SUFFIX}`, { scope: 'sub', filter: `(uid=${uid})`, attributes: ['cn', 'mail', 'entryUUID'] });
        assert.equal(searchEntries.length, 1, uid);
        const entry = searchEntries[0] as Record<string, unknown>;
        assert.equal(entry['cn'], i % 97 === 0 ? `Zoë Ünïcode ${String(i).padStart(6, '0')}` : `User ${String(i).padStart(6, '0')}`);
        assert.equal(entry['mail'], `${uid}@example.com`);
        const uuid = exported.get(`uid=${uid},ou=people,${SUFFIX}`)?.get('entryuuid')?.[0] ?? '';
        assert.equal(entry['entryUUID'], Buffer.from(uuid, 'base64').toString(), 'entryUUID kept through export and import');
      }
      const group = await client.search(`cn=group00004,ou=groups,${SUFFIX}`, { scope: 'base', attributes: ['member'] });
      assert.equal((group.searchEntries[0]?.['member'] as string[]).length, 10);
      const member = await client.search(`uid=user000042,ou=people,${SUFFIX}`, { scope: 'base', attributes: ['memberOf'] });
      assert.equal(member.searchEntries[0]?.['memberOf'], `cn=group00004,ou=groups,${SUFFIX}`);
      const groups = await client.search(`ou=groups,${SUFFIX}`, { scope: 'one', filter: '(objectClass=groupOfNames)', attributes: ['1.1'] });
      assert.equal(groups.searchEntries.length, GROUPS + 1);
      for (const dn of [`uid=nosn,ou=people,${SUFFIX}`, `uid=badb64,ou=people,${SUFFIX}`]) {
        await assert.rejects(client.search(dn, { scope: 'base' }), NoSuchObjectError, dn);
      }
    } finally {
      await client.unbind();
    }
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
  });
});
