import { LdapError, ResultCode } from '../errors/index.js';
import { RIGHTS, SCOPES } from './types.js';
import type { AccessRule, Grant, Right, Subject, Target, TargetScope } from './types.js';

/**
 * ACL rules in a configuration that cannot be used. Carries every problem, one line each, of the form
 * `rules[<index>].<field>: <message>`, so the config layer can prefix its file and key and print them.
 */
export class AclConfigError extends LdapError {
  override readonly name: string = 'AclConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(ResultCode.other, problems.join('; '));
    this.problems = Object.freeze([...problems]);
  }
}

const SIMPLE_SUBJECTS = ['anonymous', 'authenticated', 'self', 'any'] as const;
const list = (items: readonly string[]): string => items.join(', ');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a mapping' : String(value);
}

/** Collects problems while reading one configuration value. */
class Reader {
  readonly problems: string[] = [];

  fail(path: string, message: string): undefined {
    this.problems.push(`${path}: ${message.replace(/, got undefined$/, ', got nothing')}`);
    return undefined;
  }

  keys(path: string, value: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.fail(`${path}.${key}`, `unknown key (expected ${list(allowed)})`);
  }

  string(path: string, value: unknown): string | undefined {
    if (typeof value === 'string' && value.length > 0) return value;
    return this.fail(path, `expected a non-empty string, got ${describe(value)}`);
  }

  strings(path: string, value: unknown): string[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, `expected a list of strings, got ${describe(value)}`);
    const out = value.map((item, i) => this.string(`${path}[${i}]`, item));
    return out.every((s) => s !== undefined) ? (out as string[]) : undefined;
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(path, `expected one of ${list(allowed)}, got ${describe(value)}`);
  }
}

function readTarget(r: Reader, path: string, raw: unknown): Target | undefined {
  if (!isRecord(raw)) return r.fail(path, `expected a mapping, got ${describe(raw)}`);
  r.keys(path, raw, ['subtree', 'scope', 'filter', 'attributes', 'exceptAttributes']);
  const target: { -readonly [K in keyof Target]: Target[K] } = {};
  const before = r.problems.length;
  if (raw['subtree'] !== undefined) {
    // The root DN is written '' in YAML; any other DN must be a non-empty string.
    if (raw['subtree'] === '') target.subtree = '';
    else target.subtree = r.string(`${path}.subtree`, raw['subtree']) ?? '';
  }
  if (raw['scope'] !== undefined) target.scope = r.oneOf<TargetScope>(`${path}.scope`, raw['scope'], SCOPES) ?? 'sub';
  if (raw['filter'] !== undefined) target.filter = r.string(`${path}.filter`, raw['filter']) ?? '';
  if (raw['attributes'] !== undefined) target.attributes = r.strings(`${path}.attributes`, raw['attributes']) ?? [];
  if (raw['exceptAttributes'] !== undefined) target.exceptAttributes = r.strings(`${path}.exceptAttributes`, raw['exceptAttributes']) ?? [];
  return r.problems.length === before ? target : undefined;
}

/** `anonymous` | `authenticated` | `self` | `any` | `{ dn: <DN> }` | `{ group: <DN> }` | the typed form `{ kind, dn? }`. */
function readSubject(r: Reader, path: string, raw: unknown): Subject | undefined {
  if (typeof raw === 'string') {
    const kind = r.oneOf(path, raw, SIMPLE_SUBJECTS);
    return kind === undefined ? undefined : { kind };
  }
  if (!isRecord(raw)) return r.fail(path, `expected one of ${list(SIMPLE_SUBJECTS)}, { dn: <DN> } or { group: <DN> }, got ${describe(raw)}`);
  if ('kind' in raw) {
    const kind = r.oneOf(`${path}.kind`, raw['kind'], [...SIMPLE_SUBJECTS, 'dn', 'group'] as const);
    if (kind === undefined) return undefined;
    if (kind === 'dn' || kind === 'group') {
      r.keys(path, raw, ['kind', 'dn']);
      const dn = r.string(`${path}.dn`, raw['dn']);
      return dn === undefined ? undefined : { kind, dn };
    }
    r.keys(path, raw, ['kind']);
    return { kind };
  }
  const keys = Object.keys(raw);
  const key = keys[0];
  if (keys.length !== 1 || (key !== 'dn' && key !== 'group')) {
    return r.fail(path, `expected exactly one of the keys dn, group, got ${keys.length === 0 ? 'none' : list(keys)}`);
  }
  const dn = r.string(`${path}.${key}`, raw[key]);
  return dn === undefined ? undefined : { kind: key, dn };
}

function readGrant(r: Reader, path: string, raw: unknown): Grant | undefined {
  if (!isRecord(raw)) return r.fail(path, `expected a mapping with subject and rights, got ${describe(raw)}`);
  r.keys(path, raw, ['subject', 'rights']);
  const subject = raw['subject'] === undefined ? r.fail(`${path}.subject`, 'missing') : readSubject(r, `${path}.subject`, raw['subject']);
  const rawRights = raw['rights'];
  if (!Array.isArray(rawRights)) return r.fail(`${path}.rights`, `expected a list of rights (${list(RIGHTS)}), got ${describe(rawRights)}`);
  const rights = rawRights.map((right, i) => r.oneOf<Right>(`${path}.rights[${i}]`, right, RIGHTS));
  if (subject === undefined || rights.some((x) => x === undefined)) return undefined;
  return { subject, rights: rights as Right[] };
}

function readRule(r: Reader, path: string, raw: unknown): AccessRule | undefined {
  if (!isRecord(raw)) return r.fail(path, `expected a mapping with name, target and grants, got ${describe(raw)}`);
  r.keys(path, raw, ['name', 'target', 'grants']);
  const name = r.string(`${path}.name`, raw['name']);
  const target = raw['target'] === undefined ? r.fail(`${path}.target`, 'missing (use {} for the whole directory)') : readTarget(r, `${path}.target`, raw['target']);
  const rawGrants = raw['grants'];
  if (!Array.isArray(rawGrants)) return r.fail(`${path}.grants`, `expected a list of grants, got ${describe(rawGrants)}`);
  const grants = rawGrants.map((grant, i) => readGrant(r, `${path}.grants[${i}]`, grant));
  if (name === undefined || target === undefined || grants.some((g) => g === undefined)) return undefined;
  return { name, target, grants: grants as Grant[] };
}

/**
 * Rules from a parsed YAML/JSON configuration value (a list of mappings). Shape errors only: DNs,
 * filters and attribute names are checked against the schema by AccessControl.validate. Throws
 * AclConfigError with every problem, each naming the rule index and field.
 */
export function parseRules(raw: unknown): AccessRule[] {
  const r = new Reader();
  if (!Array.isArray(raw)) throw new AclConfigError([`rules: expected a list of rules, got ${describe(raw)}`]);
  const rules = raw.map((rule, i) => readRule(r, `rules[${i}]`, rule));
  if (r.problems.length > 0) throw new AclConfigError(r.problems);
  return rules as AccessRule[];
}
