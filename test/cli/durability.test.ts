/**
 * Crash safety of `warden serve`: four LDAPS clients add entries as fast as they can, the server is killed with
 * SIGKILL in the middle, and after a restart on the same data directory every acknowledged add is there, complete,
 * and no entry is there half-written. Then the stopped data passes the backend's own integrity check.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'ldapts';
import { loadConfig } from '../../src/config/index.js';
import { openDirectory } from '../../src/server/index.js';
import { ADMIN_DN, SUFFIX, childEnv, dataDirCa, killAllChildren, ldapsClient, startServe } from './warden-process.js';

const ADMIN_PASSWORD = 'Durable-Admin-Pw-42';
const CLIENTS = 4;
const LOAD_MS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'warden-cli-durability-'));

after(() => {
  killAllChildren();
  rmSync(dir, { recursive: true, force: true });
});

/** What each entry is added with: several attributes, one multi-valued, so a torn write would show. */
function entryFor(worker: number, n: number): Record<string, string[]> {
  const uid = `w${worker}-${n}`;
  return {
    objectclass: ['inetOrgPerson'],
    uid: [uid],
    cn: [`Worker ${worker} Entry ${n}`],
    sn: [`Entry${n}`],
    mail: [`${uid}@example.com`],
    telephonenumber: [`+1 555 ${String(worker).padStart(3, '0')} ${String(n).padStart(4, '0')}`, `+1 555 999 ${String(n).padStart(4, '0')}`],
    description: [`entry ${n} of worker ${worker}: ${'x'.repeat(200)}`],
  };
}

const dnOf = (worker: number, n: number): string => `uid=w${worker}-${n},ou=people,${SUFFIX}`;

/** A search entry's attributes as lower-cased type → sorted values, for comparison with {@link entryFor}. */
function normalised(entry: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [type, value] of Object.entries(entry)) {
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    // ldapts lists a requested type the entry lacks with no values; the server sent nothing for it.
    if (type === 'dn' || values.length === 0) continue;
    out[type.toLowerCase()] = values.sort();
  }
  return out;
}

function sortedValues(entry: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, [...v].sort()]));
}

describe('warden serve durability', () => {
  it('after kill -9 during an add load, every acknowledged entry is present and complete, and no entry is partial', async (t) => {
    const data = join(dir, 'data');
    const env = childEnv({ WARDEN_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const first = await startServe({ data, env });
    const ca = dataDirCa(data);

    const acknowledged: { worker: number; n: number }[] = [];
    const attempted = new Map<string, Record<string, string[]>>();
    const clients: Client[] = [];
    for (let w = 0; w < CLIENTS; w++) clients.push(await ldapsClient(first.ldapsUrl, ca, { dn: ADMIN_DN, password: ADMIN_PASSWORD }));
    let failures = 0;
    const load = clients.map(async (client, worker) => {
      for (let n = 0; ; n++) {
        const entry = entryFor(worker, n);
        attempted.set(dnOf(worker, n).toLowerCase(), sortedValues(entry));
        try {
          await client.add(dnOf(worker, n), entry);
        } catch {
          failures++;
          return; // the server is gone
        }
        acknowledged.push({ worker, n });
      }
    });
    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    first.child.kill('SIGKILL');
    assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
    await Promise.all(load);
    for (const client of clients) await client.unbind().catch(() => undefined);
    assert.equal(failures, CLIENTS, 'every client saw the server go away');
    assert.ok(acknowledged.length >= 20, `only ${acknowledged.length} adds were acknowledged before the kill`);

    const second = await startServe({ data, env });
    const admin = await ldapsClient(second.ldapsUrl, ca, { dn: ADMIN_DN, password: ADMIN_PASSWORD });
    const present = new Map<string, Record<string, string[]>>();
    try {
      const { searchEntries } = await admin.search(`ou=people,${SUFFIX}`, { scope: 'one', filter: '(objectClass=*)' });
      for (const entry of searchEntries) present.set(entry.dn.toLowerCase(), normalised(entry));
    } finally {
      await admin.unbind();
    }
    for (const { worker, n } of acknowledged) {
      const dn = dnOf(worker, n);
      assert.deepEqual(present.get(dn.toLowerCase()), sortedValues(entryFor(worker, n)), `acknowledged ${dn}`);
    }
    for (const [dn, attributes] of present) {
      assert.deepEqual(attributes, attempted.get(dn), `present ${dn} is exactly what was added`);
    }
    // At most one add per client can have been committed without its acknowledgement reaching the client.
    assert.ok(present.size - acknowledged.length <= CLIENTS, `${present.size} present, ${acknowledged.length} acknowledged`);
    t.diagnostic(`${acknowledged.length} adds acknowledged in ${LOAD_MS} ms before SIGKILL; ${present.size} entries present after restart`);
    assert.deepEqual(await second.stop(), { code: 0, signal: null });

    const config = loadConfig({ overrides: { data, suffix: SUFFIX } });
    const directory = await openDirectory({ dataDir: data, suffix: SUFFIX, indexes: config.indexes });
    try {
      assert.deepEqual(directory.backend.verifyIntegrity(), []);
    } finally {
      await directory.backend.close();
    }
  });
});
