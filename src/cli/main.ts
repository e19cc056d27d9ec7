import { open } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, checkConfigFile, loadConfig } from '../config/index.js';
import { configuredAccessRules, exportLdif, importLdif, openDirectory, ListenError } from '../server/index.js';
import { Schema } from '../schema/index.js';
import { serve } from './serve.js';
import { packageVersion } from './version.js';

export { packageVersion } from './version.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function positiveInteger(value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new InvalidArgumentError('must be a positive integer');
  return Number(value);
}

function configOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'YAML configuration file')
    .option('--data <dir>', 'data directory (default ./warden-data)')
    .option('--suffix <dn>', 'naming context (default dc=example,dc=com)');
}

interface ConfigFlags {
  config?: string;
  data?: string;
  suffix?: string;
}

function configFrom(flags: ConfigFlags) {
  return loadConfig({
    ...(flags.config !== undefined ? { file: flags.config } : {}),
    overrides: { ...(flags.data !== undefined ? { data: flags.data } : {}), ...(flags.suffix !== undefined ? { suffix: flags.suffix } : {}) },
  });
}

export function buildCli(): Command {
  const program = new Command();
  program
    .name('warden')
    .description('Warden: a secure-by-default LDAPv3 directory server, client and auditor')
    .version(packageVersion(), '-V, --version', 'print the Warden version')
    .showHelpAfterError();

  configOptions(program.command('serve').description('run the directory server'))
    .addOption(new Option('--listen <url>', 'ldap://HOST:PORT, ldaps://HOST:PORT or ldapi://PATH (repeatable)').argParser(collect))
    .action(async (flags: ConfigFlags & { listen?: string[] }) => {
      await serve({ ...flags, ...(flags.listen !== undefined ? { listen: flags.listen } : {}) });
    });

  configOptions(program.command('import').description('bulk-load an LDIF file into a stopped server\'s data (like slapadd)'))
    .argument('<file>', 'LDIF file (- for standard input)')
    .option('--batch <n>', 'entries per transaction', positiveInteger, 1000)
    .action(async (file: string, flags: ConfigFlags & { batch: number }) => {
      const config = configFrom(flags);
      // Opened before the data directory, so a mistyped file name leaves no empty database behind.
      const source = file === '-' ? process.stdin : (await open(file, 'r')).createReadStream();
      const directory = await openDirectory({ dataDir: config.data.dir, suffix: config.suffix, indexes: config.indexes, schemaFiles: config.schema.files, noSync: true });
      try {
        let last = Date.now();
        const report = await importLdif(directory, source, {
          batchSize: flags.batch,
          onProgress: (added, rejected) => {
            if (Date.now() - last < 1000) return;
            last = Date.now();
            process.stderr.write(`  ${added} entries loaded, ${rejected} rejected\n`);
          },
          onReject: (line, dn, reason) => process.stderr.write(`${file}:${line}: rejected ${dn === '' ? 'record' : dn}: ${reason}\n`),
        });
        // The load commits without fsync for speed; one sync at the end makes the whole import durable.
        await directory.backend.sync();
        process.stdout.write(`imported ${report.added} entries (${report.rejected} rejected) in ${report.seconds.toFixed(1)} s\n`);
        if (report.rejected > 0) process.exitCode = 1;
      } finally {
        await directory.backend.close();
      }
    });

  configOptions(program.command('export').description('write the whole directory as LDIF (like slapcat)'))
    .action(async (flags: ConfigFlags) => {
      const config = configFrom(flags);
      const directory = await openDirectory({ dataDir: config.data.dir, suffix: config.suffix, indexes: config.indexes, schemaFiles: config.schema.files });
      try {
        await exportLdif(directory, process.stdout);
      } finally {
        await directory.backend.close();
      }
    });

  program
    .command('config')
    .description('configuration tools')
    .command('check')
    .description('validate a configuration file: one line per problem, exit status 1 when there is any')
    .argument('<file>', 'YAML configuration file')
    .action((file: string) => {
      const problems = checkConfigFile(file);
      if (problems.length === 0) problems.push(...accessRuleProblems(file));
      for (const p of problems) process.stderr.write(`${p}\n`);
      if (problems.length > 0) process.exitCode = 1;
      else process.stdout.write(`${file}: ok\n`);
    });

  return program;
}

/** The access rules of a valid configuration, checked against its schema (built-in plus schema.files). */
function accessRuleProblems(file: string): string[] {
  const config = loadConfig({ file });
  const base = Schema.createDefault();
  const schema = config.schema.files.length === 0 ? base : Schema.fromDescriptions(config.schema.files.map((f) => readFileSync(f, 'utf8')), base);
  try {
    configuredAccessRules(config, schema);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${file}: ${p}`);
    throw err;
  }
}

/** One line for errors a user can fix (bad config, busy port); anything else keeps its stack for a bug report. */
export function describeCliError(err: unknown): string {
  if (err instanceof ConfigError) return err.problems.join('\n');
  if (err instanceof ListenError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  await buildCli().parseAsync([...argv]);
}
