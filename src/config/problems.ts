import type * as z from 'zod';
import { KNOWN_KEYS } from './schema.js';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/**
 * The error map passed to `safeParse`: plain-English messages for zod's generic issues. Messages set on a
 * schema itself (e.g. "must be a positive integer") take precedence over these.
 */
export function genericMessage(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      return `must be ${article(String(iss.expected))}, not ${describeValue(iss.input)}`;
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => `'${String(v)}'`).join(', ')}, not ${describeValue(iss.input)}`;
    case 'too_small':
      if (iss.origin === 'array' || iss.origin === 'string') return 'must not be empty';
      return `must be at least ${String(iss.minimum)}`;
    case 'too_big':
      return `must be at most ${String(iss.maximum)}`;
    default:
      return iss.message ?? 'is invalid';
  }
}

/** One problem line per fault: `<source>: <path>: <message>`; an unknown-keys issue yields a line per key. */
export function formatIssues(issues: readonly Issue[], sourceOf: (path: readonly PropertyKey[]) => string): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = KNOWN_KEYS.get(issue.path.filter((p) => typeof p === 'string').join('.')) ?? [];
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const guess = suggest(key, known);
        lines.push(`${sourceOf(path)}: ${formatPath(path)}: unknown key${guess === undefined ? '' : ` (did you mean '${guess}'?)`}`);
      }
    } else {
      lines.push(`${sourceOf(issue.path)}: ${formatPath(issue.path)}: ${issue.message}`);
    }
  }
  return lines;
}

/** `limits.sizeLimit`, `listen[1]`, `indexes[0].kinds[2]`; the document itself is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * The closest known key: the same letters in another case, a known key the unknown one abbreviates
 * (`cert` → `certFile`), or one within an edit distance of about a third of the key's length.
 */
export function suggest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const d = c === lower ? 0 : lower.length >= 3 && c.startsWith(lower) ? 1 : editDistance(lower, c);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(key.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (`dri` → `dir` is 1). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row[j] = j;
        continue;
      }
      const up = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = d;
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

function article(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
    case 'int':
      return 'a number';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    case 'boolean':
      return 'true or false';
    default:
      return `of type ${expected}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `'${value.slice(0, 40)}…'` : `'${value}'`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}
