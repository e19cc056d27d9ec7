import { BerDecodeError } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { decodeFilter, encodeFilter } from '../../filter/index.js';
import type { Filter } from '../../filter/index.js';
import { readAttributeSelection, writeAttributeSelection } from '../attributes.js';
import { OpTag } from '../op-types.js';

/** RFC 4511 §4.1.1: maxInt INTEGER ::= 2147483647 -- (2^^31 - 1) --. */
const MAX_INT = 0x7fffffff;

/**
 * SearchRequest scope (RFC 4511 §4.5.1.2); the index is the wire value. `children` (3) is the
 * subordinate scope of draft-sermersheim-ldap-subordinate-scope, as OpenLDAP implements it.
 */
export const SearchScope = ['base', 'one', 'sub', 'children'] as const;
export type SearchScope = (typeof SearchScope)[number];

/** derefAliases (RFC 4511 §4.5.1.3); the index is the wire value. */
export const DerefAliases = ['never', 'inSearching', 'findingBaseObj', 'always'] as const;
export type DerefAliases = (typeof DerefAliases)[number];

/** SearchRequest ::= [APPLICATION 3] SEQUENCE (RFC 4511 §4.5.1) */
export interface SearchRequest {
  readonly type: 'searchRequest';
  readonly baseObject: string;
  readonly scope: SearchScope;
  readonly derefAliases: DerefAliases;
  /** INTEGER (0 .. maxInt); 0 means no client-requested limit. */
  readonly sizeLimit: number;
  /** INTEGER (0 .. maxInt), seconds; 0 means no client-requested limit. */
  readonly timeLimit: number;
  readonly typesOnly: boolean;
  readonly filter: Filter;
  readonly attributes: readonly string[];
}

function checkLimit(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_INT) {
    throw new RangeError(`${name} must be an integer in 0..2147483647, got ${value}`);
  }
}

export function writeSearchRequest(w: BerWriter, op: SearchRequest): void {
  const scope = SearchScope.indexOf(op.scope);
  if (scope < 0) throw new RangeError(`unknown search scope ${JSON.stringify(op.scope)}`);
  const deref = DerefAliases.indexOf(op.derefAliases);
  if (deref < 0) throw new RangeError(`unknown derefAliases ${JSON.stringify(op.derefAliases)}`);
  checkLimit('sizeLimit', op.sizeLimit);
  checkLimit('timeLimit', op.timeLimit);
  w.startSequence(OpTag.searchRequest);
  w.writeString(op.baseObject);
  w.writeEnumerated(scope);
  w.writeEnumerated(deref);
  w.writeInteger(op.sizeLimit);
  w.writeInteger(op.timeLimit);
  w.writeBoolean(op.typesOnly);
  encodeFilter(w, op.filter);
  writeAttributeSelection(w, op.attributes);
  w.endSequence();
}

/** Hot path on the server: straight-line reads, one object literal, no spreads. */
export function readSearchRequest(r: BerReader): SearchRequest {
  const seq = r.readSequence(OpTag.searchRequest);
  const baseObject = seq.readString();
  let at = seq.offset;
  const scopeCode = seq.readEnumerated();
  const scope = SearchScope[scopeCode];
  if (scope === undefined) throw new BerDecodeError(`unknown search scope ${scopeCode}`, at);
  at = seq.offset;
  const derefCode = seq.readEnumerated();
  const derefAliases = DerefAliases[derefCode];
  if (derefAliases === undefined) throw new BerDecodeError(`unknown derefAliases ${derefCode}`, at);
  at = seq.offset;
  const sizeLimit = seq.readInteger();
  if (sizeLimit < 0) throw new BerDecodeError(`sizeLimit ${sizeLimit} is negative`, at);
  at = seq.offset;
  const timeLimit = seq.readInteger();
  if (timeLimit < 0) throw new BerDecodeError(`timeLimit ${timeLimit} is negative`, at);
  const typesOnly = seq.readBoolean();
  const filter = decodeFilter(seq);
  const attributes = readAttributeSelection(seq);
  seq.end();
  return { type: 'searchRequest', baseObject, scope, derefAliases, sizeLimit, timeLimit, typesOnly, filter, attributes };
}
