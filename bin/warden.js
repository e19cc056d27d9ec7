#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

main().catch((err) => {
  console.error(`warden: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
