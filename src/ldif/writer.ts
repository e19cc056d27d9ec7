import { checkFoldWidth, pushFolded } from './fold.js';
import { formatLdifRecord } from './format.js';
import type { LdifWritableRecord, LdifWriteOptions } from './types.js';

type Sink = NodeJS.WritableStream | ((chunk: string) => void);

/**
 * Writes records as one LDIF file: optional `version: 1` first, records separated by a blank line.
 * With a stream, `write` returns a promise when the stream asks to wait for 'drain' (backpressure);
 * awaiting it before the next write keeps memory bounded.
 */
export class LdifWriter {
  readonly #out: Sink;
  readonly #options: LdifWriteOptions;
  readonly #version: string;
  #count = 0;
  #ended = false;

  constructor(out: Sink, options: LdifWriteOptions = {}) {
    this.#out = out;
    this.#options = { ...options, includeVersion: false };
    const version: string[] = [];
    pushFolded(version, 'version: 1', checkFoldWidth(options.foldWidth ?? 76));
    this.#version = version.join('');
    if (options.includeVersion === true) this.#count = -1;
  }

  /** Number of records written so far. */
  get recordCount(): number {
    return Math.max(this.#count, 0);
  }

  write(record: LdifWritableRecord): void | Promise<void> {
    if (this.#ended) throw new RangeError('LdifWriter.write after end()');
    let text = formatLdifRecord(record, this.#options);
    if (this.#count === -1) {
      text = this.#version + text;
      this.#count = 0;
    } else if (this.#count > 0) {
      text = `\n${text}`;
    }
    this.#count++;
    return this.#emit(text);
  }

  /** Ends a stream sink (resolving once it has flushed); a function sink needs nothing. */
  end(): void | Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#count === -1) {
      const done = this.#emit(this.#version);
      this.#count = 0;
      if (done !== undefined) return done.then(() => this.#finish());
    }
    return this.#finish();
  }

  #finish(): void | Promise<void> {
    const out = this.#out;
    if (typeof out === 'function') return;
    return new Promise((resolve, reject) => {
      out.once('error', reject);
      out.end(() => {
        out.removeListener('error', reject);
        resolve();
      });
    });
  }

  #emit(text: string): void | Promise<void> {
    const out = this.#out;
    if (typeof out === 'function') {
      out(text);
      return;
    }
    if (out.write(text)) return;
    return new Promise((resolve, reject) => {
      const onDrain = (): void => {
        out.removeListener('error', onError);
        resolve();
      };
      const onError = (error: unknown): void => {
        out.removeListener('drain', onDrain);
        reject(error);
      };
      out.once('drain', onDrain);
      out.once('error', onError);
    });
  }
}
