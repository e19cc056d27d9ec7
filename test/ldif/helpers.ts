import type { Attribute } from '../../src/protocol/model.js';

/** UTF-8 bytes of a string. */
export function b(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

export function attr(type: string, ...values: (string | Buffer)[]): Attribute {
  return { type, values: values.map((v) => (typeof v === 'string' ? b(v) : v)) };
}

/** 1-based number of the first line of `text` that starts with `prefix` (after `after` such lines). */
export function lineOf(text: string, prefix: string, after = 0): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith(prefix) && seen++ === after) return i + 1;
  }
  throw new Error(`no line starting with ${prefix}`);
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

/** Splits bytes at the given cut points (taken modulo length, deduplicated). */
export function splitAt(buf: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((x, y) => x - y);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    parts.push(buf.subarray(prev, p));
    prev = p;
  }
  parts.push(buf.subarray(prev));
  return parts;
}
