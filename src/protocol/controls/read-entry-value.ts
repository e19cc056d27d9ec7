import type { BerReader, BerWriter } from '../../ber/index.js';
import { readAttributeList, readAttributeSelection, writeAttributeList, writeAttributeSelection } from '../attributes.js';
import type { Attribute } from '../model.js';
import { OpTag } from '../op-types.js';
import { decodeBerValue, encodeBerValue } from './value-codec.js';

/**
 * RFC 4527 §3.1–3.2: the response value of the pre-read and post-read controls is a
 * SearchResultEntry: [APPLICATION 4] SEQUENCE { objectName LDAPDN, attributes PartialAttributeList }.
 */
export interface ReadEntryValue {
  readonly objectName: string;
  readonly attributes: readonly Attribute[];
}

function writeEntry(w: BerWriter, entry: ReadEntryValue): void {
  w.startSequence(OpTag.searchResultEntry);
  w.writeString(entry.objectName);
  writeAttributeList(w, entry.attributes);
  w.endSequence();
}

function readEntry(r: BerReader): ReadEntryValue {
  const seq = r.readSequence(OpTag.searchResultEntry);
  const objectName = seq.readString();
  const attributes = readAttributeList(seq);
  seq.end();
  return { objectName, attributes };
}

/** The request value is an AttributeSelection (RFC 4511 §4.5.1.8) naming what to return. */
export function encodeReadEntryRequestValue(selection: readonly string[]): Buffer {
  return encodeBerValue((w) => writeAttributeSelection(w, selection));
}

export function decodeReadEntryRequestValue(label: string, value: Buffer | undefined): string[] {
  return decodeBerValue(label, value, readAttributeSelection);
}

export function encodeReadEntryResponseValue(entry: ReadEntryValue): Buffer {
  return encodeBerValue((w) => writeEntry(w, entry));
}

export function decodeReadEntryResponseValue(label: string, value: Buffer | undefined): ReadEntryValue {
  return decodeBerValue(label, value, readEntry);
}
