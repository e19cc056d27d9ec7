import type { Attribute, Control, Modification } from '../protocol/model.js';
import type { LdifSyntaxError } from '../errors/index.js';

/**
 * LDIF records (RFC 2849). DNs stay strings here: the LDIF layer only transports them; the server parses
 * and validates them. `line` is the 1-based line of the record's `dn:` line.
 */
export interface LdifContentRecord {
  readonly kind: 'content';
  readonly dn: string;
  readonly attributes: Attribute[];
  readonly line: number;
}

interface LdifChangeBase {
  readonly kind: 'change';
  readonly dn: string;
  readonly controls: Control[];
  readonly line: number;
}

export interface LdifAddRecord extends LdifChangeBase {
  readonly changeType: 'add';
  readonly attributes: Attribute[];
}

export interface LdifDeleteRecord extends LdifChangeBase {
  readonly changeType: 'delete';
}

export interface LdifModifyRecord extends LdifChangeBase {
  readonly changeType: 'modify';
  readonly changes: Modification[];
}

/** RFC 2849 treats `modrdn` and `moddn` as synonyms; the spelling is kept so a rewrite is faithful. */
export interface LdifModDnRecord extends LdifChangeBase {
  readonly changeType: 'modrdn' | 'moddn';
  readonly newRdn: string;
  readonly deleteOldRdn: boolean;
  readonly newSuperior?: string;
}

export type LdifChangeRecord = LdifAddRecord | LdifDeleteRecord | LdifModifyRecord | LdifModDnRecord;
export type LdifRecord = LdifContentRecord | LdifChangeRecord;

export const LdifChangeTypes = ['add', 'delete', 'modify', 'modrdn', 'moddn'] as const;
export type LdifChangeType = (typeof LdifChangeTypes)[number];

export interface LdifReadOptions {
  /** Default false: `attr:< url` values are refused, so an LDIF file cannot make us read local files. */
  readonly allowUrls?: boolean;
  /** When set, URL values must resolve inside this directory; relative URLs resolve against it. */
  readonly urlBaseDir?: string;
  /** Longest physical line accepted (characters); unlimited by default apart from maxRecordBytes. */
  readonly maxLineLength?: number;
  /** Largest record accepted (its text, and separately the sum of its URL-loaded values). Default 16 MiB. */
  readonly maxRecordBytes?: number;
  /** 'throw' (default): the first bad record ends the read. 'skip': report it through onSkip and go on. */
  readonly onError?: 'throw' | 'skip';
  /** Called with each record skipped under `onError: 'skip'`. */
  readonly onSkip?: (error: LdifSyntaxError) => void;
}

export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

export interface LdifWriteOptions {
  /** Default 76 (RFC 2849 §Notes 2 suggests 76); 0 disables folding. */
  readonly foldWidth?: number;
  /** Write `version: 1` first. */
  readonly includeVersion?: boolean;
}

/** What the writer accepts: any record, `line` and `controls` optional, or a bare entry. */
type Writable<T> = Omit<T, 'line' | 'controls' | 'attributes'> & {
  readonly line?: number;
  readonly controls?: readonly Control[];
};

export interface LdifEntryLike {
  readonly kind?: 'content';
  readonly dn: string;
  readonly attributes: readonly Attribute[];
  readonly line?: number;
}

export type LdifWritableRecord =
  | LdifEntryLike
  | (Writable<LdifAddRecord> & { readonly attributes: readonly Attribute[] })
  | Writable<LdifDeleteRecord>
  | (Omit<Writable<LdifModifyRecord>, 'changes'> & { readonly changes: readonly Modification[] })
  | Writable<LdifModDnRecord>;
