#!/usr/bin/env node
// Runs every compiled *.test.js under dist/test with node's test runner. Node 20's `--test` does not expand
// globs, and a directory argument would also run helper modules as tests, so the list is built here.
// Output: the spec reporter on stdout, then one plain "N passed, N failed, N skipped" line from a TAP copy.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith('.test.js')) yield path;
  }
}

const only = process.argv.slice(2);
const files = [...walk('dist/test')].filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('no test files found under dist/test (run npm run build first)');
  process.exit(1);
}
const tapDir = mkdtempSync(join(tmpdir(), 'warden-tap-'));
const tapFile = join(tapDir, 'results.tap');
const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
const tap = readFileSync(tapFile, 'utf8');
rmSync(tapDir, { recursive: true, force: true });
const count = (name) => Number((tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
const skipped = count('skipped') + count('todo');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(result.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
