import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbBackend } from '../../src/backend/index.js';
import type { BackendOptions, IndexSpec, StoredEntry } from '../../src/backend/index.js';
import { caseIgnoreMatchingContext } from '../../src/filter/index.js';
import type { FilterEntry } from '../../src/filter/index.js';
import type { Attribute } from '../../src/protocol/index.js';

/**
 * Backend options for tests, derived from the filter layer's schema-less caseIgnore matching context so
 * that the brute-force reference (compileFilter with the same context) and the index keys agree, as the
 * server's schema and its normalisers will.
 */
export const attributeKey = (description: string): string => (description.split(';')[0] ?? '').toLowerCase();

export function testOptions(path: string, indexes: readonly IndexSpec[], extra: Partial<BackendOptions> = {}): BackendOptions {
  const ctx = caseIgnoreMatchingContext;
  return {
    path,
    indexes,
    attributeKey,
    equalityKey: (attribute, value) => ctx.equality(attribute)?.normalize(value) as string | undefined,
    substringKey: (attribute, value) => ctx.substrings(attribute)?.normalizeValue(value),
    substringAssertionKey: (attribute, component, position) =>
      ctx.substrings(attribute)?.normalizeSubstring(component, position),
    noSync: true,
    ...extra,
  };
}

export const DEFAULT_INDEXES: readonly IndexSpec[] = [
  { attribute: 'objectclass', kinds: ['eq', 'pres'] },
  { attribute: 'uid', kinds: ['eq', 'pres'] },
  { attribute: 'cn', kinds: ['eq', 'pres', 'sub'] },
  { attribute: 'mail', kinds: ['eq', 'sub'] },
];

export function tempDir(prefix = 'warden-backend-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function withBackend<T>(
  fn: (backend: LmdbBackend, path: string) => Promise<T> | T,
  indexes: readonly IndexSpec[] = DEFAULT_INDEXES,
  extra: Partial<BackendOptions> = {},
): Promise<T> {
  const path = tempDir();
  const backend = new LmdbBackend(testOptions(path, indexes, extra));
  await backend.open();
  try {
    return await fn(backend, path);
  } finally {
    await backend.close();
    rmSync(path, { recursive: true, force: true });
  }
}

export function attrs(record: Record<string, string | readonly (string | Buffer)[]>): Attribute[] {
  return Object.entries(record).map(([type, v]) => ({
    type,
    values: (typeof v === 'string' ? [v] : v).map((x) => (typeof x === 'string' ? Buffer.from(x, 'utf8') : x)),
  }));
}

/** A StoredEntry as the filter evaluator sees it (attribute descriptions compared case-insensitively). */
export function filterEntry(entry: StoredEntry): FilterEntry {
  const byType = new Map<string, Buffer[]>();
  for (const attribute of entry.attributes) {
    const list = byType.get(attribute.type.toLowerCase()) ?? [];
    list.push(...attribute.values);
    byType.set(attribute.type.toLowerCase(), list);
  }
  return {
    dn: entry.dn,
    getValues: (type) => byType.get(type.toLowerCase()),
    attributeTypes: () => [...byType.keys()],
  };
}
