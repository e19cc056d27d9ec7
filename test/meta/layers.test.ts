import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathToFileURL } from 'node:url';

// Compiled to dist/test/meta/: the repository root is three levels up.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const { checkLayers } = (await import(pathToFileURL(join(repoRoot, 'scripts', 'layer-check-core.mjs')).href)) as {
  checkLayers: (srcDir: string) => string[];
};

describe('layer rule', () => {
  it('no module in src/ imports a higher layer', () => {
    assert.deepEqual(checkLayers(join(repoRoot, 'src')), []);
  });

  it('detects a lower layer importing a higher one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-layers-'));
    mkdirSync(join(dir, 'ber'));
    mkdirSync(join(dir, 'protocol'));
    writeFileSync(join(dir, 'protocol', 'x.ts'), "export const x = 1;\n");
    writeFileSync(join(dir, 'ber', 'y.ts'), "import { x } from '../protocol/x.js';\nexport const y = x;\n");
    assert.deepEqual(checkLayers(dir), ["ber/y.ts: layer 'ber' may not import layer 'protocol' (../protocol/x.js)"]);
  });
});
