import { LdifSyntaxError } from '../errors/index.js';
import type { Attribute, Modification } from '../protocol/model.js';
import { LineAssembler } from './line-assembler.js';
import { parseRecord } from './record-parser.js';
import { hasKeyword } from './syntax.js';
import { DEFAULT_MAX_RECORD_BYTES } from './types.js';
import type { LdifReadOptions, LdifRecord } from './types.js';
import { loadUrlSync } from './url-values.js';
import type { UrlPolicy } from './url-values.js';
import { plainArgument } from './values.js';

/** A `:<` value still to be loaded: `placeholder` is the (unique, empty) Buffer standing in the record. */
export interface PendingUrl {
  readonly placeholder: Buffer;
  readonly url: string;
  readonly line: number;
}

export type RecordSink = (record: LdifRecord, pendingUrls: readonly PendingUrl[] | undefined) => void;

/**
 * The parser shared by readLdif and parseLdif: latin1 text in, records out through `sink`. In 'sync' URL mode
 * `:<` values are read at once; in 'deferred' mode they become placeholders that the caller loads (async) and
 * swaps in with `fillUrlValues`.
 */
export class LdifReaderCore {
  readonly #options: LdifReadOptions;
  readonly #assembler: LineAssembler;
  readonly #sink: RecordSink;
  readonly #urlMode: 'sync' | 'deferred';
  readonly urlPolicy: UrlPolicy;
  #first = true;
  #pending: PendingUrl[] = [];
  #urlBytes = 0;

  constructor(options: LdifReadOptions, urlMode: 'sync' | 'deferred', sink: RecordSink) {
    this.#options = options;
    this.#sink = sink;
    this.#urlMode = urlMode;
    const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.urlPolicy = options.urlBaseDir === undefined ? { maxBytes: maxRecordBytes } : { maxBytes: maxRecordBytes, urlBaseDir: options.urlBaseDir };
    const skip = options.onError === 'skip';
    this.#assembler = new LineAssembler({
      maxLineLength: options.maxLineLength ?? Infinity,
      maxRecordBytes,
      onRecord: (texts, lines) => this.#record(texts, lines),
      ...(skip ? { onLineError: (error: LdifSyntaxError) => this.#skipped(error) } : {}),
    });
  }

  push(latin1: string): void {
    this.#assembler.push(latin1);
  }

  end(): void {
    this.#assembler.end();
  }

  /** Under onError 'skip', report a bad record; otherwise rethrow. */
  handle(error: unknown): void {
    if (this.#options.onError === 'skip' && error instanceof LdifSyntaxError) this.#skipped(error);
    else throw error;
  }

  #skipped(error: LdifSyntaxError): void {
    this.#options.onSkip?.(error);
  }

  #url = (url: string, line: number): Buffer => {
    if (this.#options.allowUrls !== true) throw new LdifSyntaxError('URL values are disabled (allowUrls)', line);
    if (this.#urlMode === 'deferred') {
      const placeholder = Buffer.alloc(0);
      this.#pending.push({ placeholder, url, line });
      return placeholder;
    }
    const bytes = loadUrlSync(url, line, this.urlPolicy);
    this.#urlBytes += bytes.length;
    if (this.#urlBytes > this.urlPolicy.maxBytes) throw new LdifSyntaxError(`record exceeds maxRecordBytes (${this.urlPolicy.maxBytes})`, line);
    return bytes;
  };

  #record(texts: string[], lines: number[]): void {
    let start = 0;
    if (this.#first) {
      this.#first = false;
      // RFC 2849: version-spec = "version:" FILL "1", only at the start of the file; a wrong version is fatal
      // for the whole file, so it is thrown even when skipping bad records.
      if (hasKeyword(texts[0]!, 'version')) {
        const version = plainArgument(texts[0]!, 7);
        if (version !== '1') throw new LdifSyntaxError(`unsupported LDIF version '${version}' (only 1 is supported)`, lines[0]!);
        start = 1;
        if (texts.length === 1) return;
      }
    }
    this.#pending = [];
    this.#urlBytes = 0;
    let record: LdifRecord;
    try {
      record = parseRecord({ texts, lines, start, end: texts.length }, this.#url);
    } catch (error) {
      this.handle(error);
      return;
    }
    this.#sink(record, this.#pending.length > 0 ? this.#pending : undefined);
  }
}

function swapValues(values: readonly Buffer[], loaded: ReadonlyMap<Buffer, Buffer>): Buffer[] {
  return values.map((v) => loaded.get(v) ?? v);
}

function swapAttributes(attributes: readonly Attribute[], loaded: ReadonlyMap<Buffer, Buffer>): Attribute[] {
  return attributes.map((a) => ({ type: a.type, values: swapValues(a.values, loaded) }));
}

/** A copy of `record` with each placeholder Buffer replaced by the bytes loaded for it. */
export function fillUrlValues(record: LdifRecord, loaded: ReadonlyMap<Buffer, Buffer>): LdifRecord {
  if (record.kind === 'content') return { ...record, attributes: swapAttributes(record.attributes, loaded) };
  const controls = record.controls.map((c) => (c.value === undefined ? c : { ...c, value: loaded.get(c.value) ?? c.value }));
  switch (record.changeType) {
    case 'add':
      return { ...record, controls, attributes: swapAttributes(record.attributes, loaded) };
    case 'modify':
      return {
        ...record,
        controls,
        changes: record.changes.map(
          (m): Modification => ({ operation: m.operation, attribute: { type: m.attribute.type, values: swapValues(m.attribute.values, loaded) } }),
        ),
      };
    default:
      return { ...record, controls };
  }
}
