#!/usr/bin/env node
import { main, describeCliError } from '../dist/src/cli/main.js';

main().catch((err) => {
  console.error(`warden: ${describeCliError(err)}`);
  process.exit(1);
});
