import { readFileSync } from 'node:fs';
import { Command } from 'commander';

/** The version in package.json: one source of truth for `warden --version` and the root DSE's vendorVersion. */
export function packageVersion(): string {
  // Compiled to dist/src/cli/: package.json is three levels up.
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildCli(): Command {
  const program = new Command();
  program
    .name('warden')
    .description('Warden: a secure-by-default LDAPv3 directory server, client and auditor')
    .version(packageVersion(), '-V, --version', 'print the Warden version')
    .showHelpAfterError();
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  await buildCli().parseAsync([...argv]);
}
