/**
 * Every ```js block in the README is a complete program that checks its own results. Each one is written into the
 * package (so `import … from 'warden-ldap'` resolves to this package through its own "exports") and run with node.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const headings = [...readme.matchAll(/^### (.+)$|```js\n/gm)];

function headingBefore(index: number): string {
  let seen = -1;
  let heading = 'README';
  for (const match of headings) {
    if (match[1] !== undefined) heading = match[1];
    else if (++seen === index) return heading;
  }
  return heading;
}

describe('README examples', () => {
  it('has examples to run', () => {
    assert.ok(blocks.length >= 6, `found ${blocks.length} js blocks`);
  });

  const dir = join(repoRoot, 'dist', 'readme-examples');
  blocks.forEach((code, index) => {
    it(`example ${index + 1}: ${headingBefore(index)}`, async () => {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example-${index + 1}.mjs`);
      writeFileSync(file, code);
      try {
        await run(process.execPath, [file], { cwd: repoRoot, timeout: 20000 });
      } finally {
        rmSync(file, { force: true });
      }
    });
  });
});
