#!/usr/bin/env node
// Fails when a module under src/<layer>/ imports a layer it is not allowed to (see scripts/layers.mjs).
import { checkLayers } from './layer-check-core.mjs';

const violations = checkLayers(new URL('../src/', import.meta.url).pathname);
for (const v of violations) console.error(v);
if (violations.length > 0) process.exit(1);
console.log('layers: ok');
