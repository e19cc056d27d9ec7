import { LdifSyntaxError } from '../errors/index.js';
import { fillUrlValues, LdifReaderCore } from './reader-core.js';
import type { PendingUrl } from './reader-core.js';
import type { LdifReadOptions, LdifRecord } from './types.js';
import { loadUrl } from './url-values.js';

/**
 * Turns chunks into latin1 text (one char per byte) so that lines can be split before any UTF-8 decoding: a
 * multibyte character cut between chunks is reassembled byte-exactly, and plain values keep their raw bytes.
 */
class ChunkDecoder {
  #highSurrogate = '';

  decode(chunk: Buffer | Uint8Array | string): string {
    if (typeof chunk !== 'string') {
      return Buffer.isBuffer(chunk) ? chunk.toString('latin1') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    }
    let text = this.#highSurrogate + chunk;
    this.#highSurrogate = '';
    const last = text.charCodeAt(text.length - 1);
    // A surrogate pair split across string chunks would otherwise become two U+FFFD.
    if (last >= 0xd800 && last <= 0xdbff) {
      this.#highSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (Buffer.byteLength(text, 'utf8') === text.length) return text;
    return Buffer.from(text, 'utf8').toString('latin1');
  }

  flush(): string {
    const rest = this.#highSurrogate;
    this.#highSurrogate = '';
    return rest === '' ? '' : Buffer.from(rest, 'utf8').toString('latin1');
  }
}

interface Queued {
  readonly record: LdifRecord;
  readonly pending: readonly PendingUrl[] | undefined;
}

/**
 * Streams LDIF records from `source` (RFC 2849), holding only the record being read plus one chunk's worth of
 * finished records. A syntax error ends the generator with an LdifSyntaxError after every earlier record was
 * yielded, unless `onError: 'skip'`, which reports the bad record through `onSkip` and goes on.
 */
export async function* readLdif(
  source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string> | NodeJS.ReadableStream,
  options: LdifReadOptions = {},
): AsyncGenerator<LdifRecord, void, undefined> {
  const queue: Queued[] = [];
  const core = new LdifReaderCore(options, 'deferred', (record, pending) => queue.push({ record, pending }));
  const decoder = new ChunkDecoder();
  const drain = async function* (): AsyncGenerator<LdifRecord, void, undefined> {
    for (let i = 0; i < queue.length; i++) {
      const item = queue[i]!;
      if (item.pending === undefined) {
        yield item.record;
        continue;
      }
      let filled: LdifRecord | undefined;
      try {
        filled = await loadPending(item, core);
      } catch (error) {
        core.handle(error);
      }
      if (filled !== undefined) yield filled;
    }
    queue.length = 0;
  };
  for await (const chunk of source as AsyncIterable<Buffer | Uint8Array | string>) {
    let failure: unknown;
    try {
      core.push(decoder.decode(chunk));
    } catch (error) {
      failure = error;
    }
    yield* drain();
    if (failure !== undefined) throw failure;
  }
  let failure: unknown;
  try {
    const rest = decoder.flush();
    if (rest !== '') core.push(rest);
    core.end();
  } catch (error) {
    failure = error;
  }
  yield* drain();
  if (failure !== undefined) throw failure;
}

async function loadPending(item: Queued, core: LdifReaderCore): Promise<LdifRecord> {
  const loaded = new Map<Buffer, Buffer>();
  let total = 0;
  for (const p of item.pending!) {
    const bytes = await loadUrl(p.url, p.line, core.urlPolicy);
    total += bytes.length;
    if (total > core.urlPolicy.maxBytes) throw new LdifSyntaxError(`record exceeds maxRecordBytes (${core.urlPolicy.maxBytes})`, p.line);
    loaded.set(p.placeholder, bytes);
  }
  return fillUrlValues(item.record, loaded);
}

/**
 * The whole of a small LDIF text at once, with the same parser as readLdif. `:<` values (when allowUrls) are
 * read synchronously. Errors throw unless `onError: 'skip'`.
 */
export function parseLdif(text: string | Buffer, options: LdifReadOptions = {}): LdifRecord[] {
  const records: LdifRecord[] = [];
  const core = new LdifReaderCore(options, 'sync', (record) => records.push(record));
  const decoder = new ChunkDecoder();
  core.push(decoder.decode(text));
  const rest = decoder.flush();
  if (rest !== '') core.push(rest);
  core.end();
  return records;
}
