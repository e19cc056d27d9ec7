import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { LAYERS } from './layers.mjs';

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Returns one message per import that crosses the layer table the wrong way. */
export function checkLayers(srcDir) {
  const root = resolve(srcDir);
  const violations = [];
  for (const file of walk(root)) {
    const rel = relative(root, file);
    const parts = rel.split(sep);
    if (parts.length < 2) continue; // src/index.ts is the package entry point: it may re-export every layer
    const layer = parts[0];
    const allowed = LAYERS[layer];
    if (allowed === undefined) {
      violations.push(`${rel}: folder src/${layer} is not in the layer table (scripts/layers.mjs)`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const target = relative(root, resolve(dirname(file), spec)).split(sep);
      if (target[0] === '..') {
        violations.push(`${rel}: imports ${spec} from outside src/`);
        continue;
      }
      const targetLayer = target.length === 1 ? '(entry point)' : target[0];
      if (targetLayer !== layer && !allowed.includes(targetLayer)) {
        violations.push(`${rel}: layer '${layer}' may not import layer '${targetLayer}' (${spec})`);
      }
    }
  }
  return violations;
}
