import { BerDecodeError, contextTag } from '../ber/index.js';
import type { BerReader, BerWriter } from '../ber/index.js';
import type { Filter } from './ast.js';

/** Filters nest; a PDU may not nest them deeper than this (the string parser has its own limit). */
export const MAX_BER_FILTER_DEPTH = 32;

const T = {
  and: contextTag(0, true),
  or: contextTag(1, true),
  not: contextTag(2, true),
  equality: contextTag(3, true),
  substrings: contextTag(4, true),
  greaterOrEqual: contextTag(5, true),
  lessOrEqual: contextTag(6, true),
  present: contextTag(7, false),
  approxMatch: contextTag(8, true),
  extensibleMatch: contextTag(9, true),
} as const;

const SUB_INITIAL = contextTag(0, false);
const SUB_ANY = contextTag(1, false);
const SUB_FINAL = contextTag(2, false);
const MRA_RULE = contextTag(1, false);
const MRA_TYPE = contextTag(2, false);
const MRA_VALUE = contextTag(3, false);
const MRA_DN = contextTag(4, false);

export function encodeFilter(w: BerWriter, f: Filter): void {
  switch (f.type) {
    case 'and':
    case 'or':
      w.startSequence(T[f.type]);
      for (const sub of f.filters) encodeFilter(w, sub);
      w.endSequence();
      return;
    case 'not':
      w.startSequence(T.not);
      encodeFilter(w, f.filter);
      w.endSequence();
      return;
    case 'equality':
    case 'greaterOrEqual':
    case 'lessOrEqual':
    case 'approxMatch':
      w.startSequence(T[f.type]);
      w.writeString(f.attribute);
      w.writeOctetString(f.value);
      w.endSequence();
      return;
    case 'present':
      w.writeString(f.attribute, T.present);
      return;
    case 'substrings':
      w.startSequence(T.substrings);
      w.writeString(f.attribute);
      w.startSequence();
      if (f.initial !== undefined) w.writeOctetString(f.initial, SUB_INITIAL);
      for (const any of f.any) w.writeOctetString(any, SUB_ANY);
      if (f.final !== undefined) w.writeOctetString(f.final, SUB_FINAL);
      w.endSequence();
      w.endSequence();
      return;
    case 'extensibleMatch':
      w.startSequence(T.extensibleMatch);
      if (f.matchingRule !== undefined) w.writeString(f.matchingRule, MRA_RULE);
      if (f.attribute !== undefined) w.writeString(f.attribute, MRA_TYPE);
      w.writeOctetString(f.value, MRA_VALUE);
      // DEFAULT FALSE is omitted (X.690 DER rule, followed by every LDAP encoder).
      if (f.dnAttributes) w.writeBoolean(true, MRA_DN);
      w.endSequence();
      return;
  }
}

/** Decodes one Filter element from `r`; throws BerDecodeError on any malformation. */
export function decodeFilter(r: BerReader, depth = 0): Filter {
  // depth counts from 0 at the top filter, so this allows the same 32 levels as the string parser.
  if (depth >= MAX_BER_FILTER_DEPTH) {
    throw new BerDecodeError(`filter nested deeper than ${MAX_BER_FILTER_DEPTH} levels`, r.offset);
  }
  const tag = r.peekTag();
  switch (tag) {
    case T.and:
    case T.or: {
      const set = r.readSequence(tag);
      const filters: Filter[] = [];
      while (!set.atEnd) filters.push(decodeFilter(set, depth + 1));
      return tag === T.and ? { type: 'and', filters } : { type: 'or', filters };
    }
    case T.not: {
      const inner = r.readSequence(T.not);
      const filter = decodeFilter(inner, depth + 1);
      inner.end();
      return { type: 'not', filter };
    }
    case T.equality:
    case T.greaterOrEqual:
    case T.lessOrEqual:
    case T.approxMatch: {
      const ava = r.readSequence(tag);
      const attribute = ava.readString();
      const value = ava.readOctetString();
      ava.end();
      const type =
        tag === T.equality ? 'equality' : tag === T.greaterOrEqual ? 'greaterOrEqual' : tag === T.lessOrEqual ? 'lessOrEqual' : 'approxMatch';
      return { type, attribute, value };
    }
    case T.present:
      return { type: 'present', attribute: r.readString(T.present) };
    case T.substrings:
      return decodeSubstrings(r.readSequence(T.substrings));
    case T.extensibleMatch:
      return decodeExtensible(r.readSequence(T.extensibleMatch));
    default:
      throw new BerDecodeError(`unknown filter choice 0x${tag.toString(16)}`, r.offset);
  }
}

function decodeSubstrings(r: BerReader): Filter {
  const attribute = r.readString();
  const seq = r.readSequence();
  r.end();
  let initial: Buffer | undefined;
  let final: Buffer | undefined;
  const any: Buffer[] = [];
  let count = 0;
  while (!seq.atEnd) {
    const at = seq.offset;
    const tag = seq.peekTag();
    if (final !== undefined) throw new BerDecodeError('substring after final', at);
    if (tag === SUB_INITIAL) {
      if (count !== 0) throw new BerDecodeError('initial substring must come first', at);
      initial = seq.readOctetString(SUB_INITIAL);
    } else if (tag === SUB_ANY) {
      any.push(seq.readOctetString(SUB_ANY));
    } else if (tag === SUB_FINAL) {
      final = seq.readOctetString(SUB_FINAL);
    } else {
      throw new BerDecodeError(`unknown substring choice 0x${tag.toString(16)}`, at);
    }
    count++;
  }
  if (count === 0) throw new BerDecodeError('substrings filter has no substrings', seq.offset);
  return {
    type: 'substrings',
    attribute,
    any,
    ...(initial !== undefined ? { initial } : {}),
    ...(final !== undefined ? { final } : {}),
  };
}

function decodeExtensible(r: BerReader): Filter {
  let matchingRule: string | undefined;
  let attribute: string | undefined;
  if (r.peekTag() === MRA_RULE) matchingRule = r.readString(MRA_RULE);
  if (r.peekTag() === MRA_TYPE) attribute = r.readString(MRA_TYPE);
  const value = r.readOctetString(MRA_VALUE);
  let dnAttributes = false;
  if (!r.atEnd) dnAttributes = r.readBoolean(MRA_DN);
  r.end();
  if (matchingRule === undefined && attribute === undefined) {
    throw new BerDecodeError('extensible match needs a matching rule or an attribute type', r.offset);
  }
  return {
    type: 'extensibleMatch',
    value,
    dnAttributes,
    ...(matchingRule !== undefined ? { matchingRule } : {}),
    ...(attribute !== undefined ? { attribute } : {}),
  };
}
