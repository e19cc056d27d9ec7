import { LdifSyntaxError } from '../errors/index.js';

/**
 * Streaming line layer of RFC 2849: splits latin1 text into physical lines (LF or CRLF), drops comments (with
 * their folded continuations), unfolds continuation lines (one leading space removed), and hands each record —
 * the logical lines between blank lines — to `onRecord`. It holds only the current record and the unfinished
 * tail of the last chunk; folded parts are collected in an array and joined once, so long values stay linear.
 */
export interface LineAssemblerOptions {
  readonly maxLineLength: number;
  readonly maxRecordBytes: number;
  /** Called for each complete record; texts/lines are reused afterwards, so copy what you keep. */
  readonly onRecord: (texts: string[], lines: number[]) => void;
  /** Line-level faults (too long, stray continuation). When absent they are thrown. */
  readonly onLineError?: (error: LdifSyntaxError) => void;
}

const LF = '\n';

export class LineAssembler {
  readonly #options: LineAssemblerOptions;
  /** Unfinished physical line spread over chunks. */
  #tail: string[] = [];
  #tailLength = 0;
  /** The unfinished physical line is over the limits and is being dropped. */
  #dropLine = false;
  #lineNo = 0;
  /** Logical line being unfolded. */
  #logical: string | undefined;
  #logicalLine = 0;
  #parts: string[] = [];
  #inComment = false;
  /** The record so far. */
  #texts: string[] = [];
  #lines: number[] = [];
  #recordBytes = 0;
  /** After a line-level fault, the rest of the record is ignored. */
  #skipping = false;

  constructor(options: LineAssemblerOptions) {
    this.#options = options;
  }

  push(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf(LF);
    if (nl < 0) {
      this.#keepTail(chunk);
      return;
    }
    if (this.#tailLength > 0 || this.#dropLine) {
      this.#keepTail(chunk.slice(0, nl));
      const dropped = this.#dropLine;
      const line = dropped ? '' : this.#tail.join('');
      this.#resetTail();
      if (dropped) this.#lineNo++;
      else this.#physical(line);
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    while (nl >= 0) {
      this.#physical(chunk.slice(start, nl));
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) this.#keepTail(start === 0 ? chunk : chunk.slice(start));
  }

  /** End of input: the last line may lack its newline. */
  end(): void {
    if (this.#dropLine) {
      this.#resetTail();
      this.#lineNo++;
    } else if (this.#tailLength > 0) {
      const line = this.#tail.join('');
      this.#resetTail();
      this.#physical(line);
    }
    this.#endRecord();
  }

  #resetTail(): void {
    this.#tail = [];
    this.#tailLength = 0;
    this.#dropLine = false;
  }

  #keepTail(piece: string): void {
    if (this.#dropLine || piece.length === 0) return;
    this.#tail.push(piece);
    this.#tailLength += piece.length;
    // Bound memory even when no newline ever comes.
    const limit = Math.min(this.#options.maxLineLength, this.#options.maxRecordBytes - this.#recordBytes) + 1;
    if (this.#tailLength > limit) {
      const tooLong = this.#tailLength > this.#options.maxLineLength;
      this.#tail = [];
      this.#tailLength = 0;
      this.#dropLine = true;
      this.#lineFault(this.#lineNo + 1, tooLong);
    }
  }

  #lineFault(line: number, tooLong: boolean): void {
    const message = tooLong
      ? `line exceeds maxLineLength (${this.#options.maxLineLength})`
      : `record exceeds maxRecordBytes (${this.#options.maxRecordBytes})`;
    this.#fault(new LdifSyntaxError(message, line));
  }

  #fault(error: LdifSyntaxError): void {
    this.#logical = undefined;
    this.#parts.length = 0;
    this.#texts.length = 0;
    this.#lines.length = 0;
    this.#skipping = true;
    if (this.#options.onLineError === undefined) throw error;
    this.#options.onLineError(error);
  }

  #physical(raw: string): void {
    const n = raw.length;
    const line = n > 0 && raw.charCodeAt(n - 1) === 0x0d ? raw.slice(0, n - 1) : raw;
    const lineNo = ++this.#lineNo;
    if (line.length === 0) {
      this.#endRecord();
      return;
    }
    if (this.#skipping) return;
    if (line.length > this.#options.maxLineLength) return this.#lineFault(lineNo, true);
    const first = line.charCodeAt(0);
    if (first === 0x20) {
      if (this.#inComment) return;
      if (this.#logical === undefined) {
        return this.#fault(new LdifSyntaxError('continuation line without a preceding line', lineNo));
      }
      this.#recordBytes += line.length;
      if (this.#recordBytes > this.#options.maxRecordBytes) return this.#lineFault(lineNo, false);
      this.#parts.push(line.length === 1 ? '' : line.slice(1));
      return;
    }
    this.#flushLogical();
    if (first === 0x23) {
      this.#inComment = true;
      return;
    }
    this.#inComment = false;
    this.#recordBytes += line.length;
    if (this.#recordBytes > this.#options.maxRecordBytes) return this.#lineFault(lineNo, false);
    this.#logical = line;
    this.#logicalLine = lineNo;
  }

  #flushLogical(): void {
    const logical = this.#logical;
    if (logical === undefined) return;
    this.#logical = undefined;
    let text = logical;
    if (this.#parts.length > 0) {
      text = logical + this.#parts.join('');
      this.#parts.length = 0;
    }
    this.#texts.push(text);
    this.#lines.push(this.#logicalLine);
  }

  #endRecord(): void {
    this.#flushLogical();
    const hadLines = this.#texts.length > 0 && !this.#skipping;
    this.#inComment = false;
    this.#skipping = false;
    this.#recordBytes = 0;
    if (hadLines) {
      try {
        this.#options.onRecord(this.#texts, this.#lines);
      } finally {
        this.#texts.length = 0;
        this.#lines.length = 0;
      }
    } else {
      this.#texts.length = 0;
      this.#lines.length = 0;
    }
  }
}
