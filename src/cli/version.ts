import { readFileSync } from 'node:fs';

/** The version in package.json: one source of truth for `warden --version` and the root DSE's vendorVersion. */
export function packageVersion(): string {
  // Compiled to dist/src/cli/: package.json is three levels up.
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
