/**
 * A configuration that cannot be used. It carries every problem found, not just the first, so one run of
 * `warden config check` shows the operator everything to fix. Each problem is one line of the form
 * `<file>: <path.to.key>: <message>` (the source is `--flag` for a command-line override).
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? (problems[0] ?? '')
        : `${problems.length} configuration problems:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.problems = Object.freeze([...problems]);
  }
}
