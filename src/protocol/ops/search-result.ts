import { BerDecodeError } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { readAttributeList, writeAttributeList } from '../attributes.js';
import type { Attribute } from '../model.js';
import { OpTag } from '../op-types.js';

/** SearchResultEntry ::= [APPLICATION 4] SEQUENCE { objectName LDAPDN, attributes PartialAttributeList } */
export interface SearchResultEntry {
  readonly type: 'searchResultEntry';
  readonly objectName: string;
  readonly attributes: readonly Attribute[];
}

/** SearchResultReference ::= [APPLICATION 19] SEQUENCE SIZE (1..MAX) OF uri URI (RFC 4511 §4.5.3) */
export interface SearchResultReference {
  readonly type: 'searchResultReference';
  readonly uris: readonly string[];
}

/** Hot path on the server: one entry per call, appended to a shared writer. */
export function writeSearchResultEntry(w: BerWriter, op: SearchResultEntry): void {
  w.startSequence(OpTag.searchResultEntry);
  w.writeString(op.objectName);
  writeAttributeList(w, op.attributes);
  w.endSequence();
}

export function readSearchResultEntry(r: BerReader): SearchResultEntry {
  const seq = r.readSequence(OpTag.searchResultEntry);
  const objectName = seq.readString();
  const attributes = readAttributeList(seq);
  seq.end();
  return { type: 'searchResultEntry', objectName, attributes };
}

export function writeSearchResultReference(w: BerWriter, op: SearchResultReference): void {
  if (op.uris.length === 0) throw new RangeError('a search result reference needs at least one URI (RFC 4511 §4.5.3)');
  w.startSequence(OpTag.searchResultReference);
  for (const uri of op.uris) w.writeString(uri);
  w.endSequence();
}

export function readSearchResultReference(r: BerReader): SearchResultReference {
  const seq = r.readSequence(OpTag.searchResultReference);
  const uris: string[] = [];
  while (!seq.atEnd) uris.push(seq.readString());
  if (uris.length === 0) throw new BerDecodeError('search result reference holds no URI', seq.offset);
  return { type: 'searchResultReference', uris };
}
