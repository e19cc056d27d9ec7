import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LmdbBackend } from '../../src/backend/index.js';
import { DEFAULT_INDEXES, tempDir, testOptions } from './helpers.js';

const WRITER = fileURLToPath(new URL('./fixtures/writer.js', import.meta.url));

interface Writer {
  readonly child: ChildProcess;
  readonly acked: number[];
  readonly exited: Promise<number | null>;
}

function startWriter(dir: string, name: string, count: string, inflight = 4): Writer {
  const child = fork(WRITER, [dir, name, count, String(inflight)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const acked: number[] = [];
  child.on('message', (message: { acked?: number }) => {
    if (typeof message.acked === 'number') acked.push(message.acked);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, acked, exited };
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the writer');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function reopen(dir: string): Promise<LmdbBackend> {
  const backend = new LmdbBackend(testOptions(dir, DEFAULT_INDEXES, { noSync: false }));
  await backend.open();
  return backend;
}

test('kill -9 mid-load: every acknowledged write survives and no entry is partial', async () => {
  const dir = tempDir();
  try {
    for (const round of [0, 1, 2]) {
      const writer = startWriter(dir, `r${round}`, 'forever', 8);
      // Let it commit a few hundred writes, then kill it at a random moment while writes are in flight.
      await until(() => writer.acked.length >= 150 + round * 50, 15_000);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 20)));
      writer.child.kill('SIGKILL');
      await writer.exited;
      const acked = [...writer.acked];

      const backend = await reopen(dir);
      try {
        assert.deepEqual(backend.verifyIntegrity(), [], 'every table agrees with id2entry');
        backend.read((txn) => {
          for (const i of acked) {
            const entry = txn.getByNdn(`cn=r${round}-${i},o=test`);
            assert.ok(entry, `acknowledged write ${i} of round ${round} is missing`);
            const photo = entry.attributes.find((a) => a.type === 'jpegPhoto')?.values[0];
            assert.deepEqual(photo, Buffer.alloc(2048 + (i % 7) * 512, i % 256));
          }
          // The counter was replaced in the same transaction as each add: it is at least the last ack.
          const counter = txn.getByNdn(`cn=r${round}-counter,o=test`);
          const value = Number(counter?.attributes.find((a) => a.type === 'description')?.values[0]?.toString());
          assert.ok(value >= Math.max(...acked), `counter ${value} behind acknowledged ${Math.max(...acked)}`);
          // Every entry present is whole: its eq rows answer for it.
          for (const i of [value]) assert.deepEqual(txn.idsWithEquality('uid', `r${round}${i}`), [txn.idOfNdn(`cn=r${round}-${i},o=test`)]);
        });
      } finally {
        await backend.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two processes writing the same environment get distinct ids and a consistent database', async () => {
  const dir = tempDir();
  try {
    // Create the suffix first so both writers only add under it.
    await startWriter(dir, 'init', '0', 1).exited;
    const writers = [startWriter(dir, 'a', '150', 3), startWriter(dir, 'b', '150', 3)];
    const codes = await Promise.all(writers.map((w) => w.exited));
    assert.deepEqual(codes, [0, 0]);
    const backend = await reopen(dir);
    try {
      assert.deepEqual(backend.verifyIntegrity(), []);
      backend.read((txn) => {
        const ids = new Set<number>();
        for (const name of ['a', 'b']) {
          for (let i = 0; i < 150; i++) {
            const id = txn.idOfNdn(`cn=${name}-${i},o=test`);
            assert.ok(id !== undefined, `${name}-${i} missing`);
            ids.add(id);
          }
        }
        assert.equal(ids.size, 300);
        assert.equal(txn.entryCount(), 1 + 3 + 300);
      });
    } finally {
      await backend.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
