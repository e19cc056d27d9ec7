import { isUtf8 } from 'node:buffer';
import { Dn } from '../dn/index.js';
import type { ValueNormalizer } from '../dn/index.js';
import { LdapError } from '../errors/index.js';
import { formatGeneralizedTime, parseGeneralizedTime } from './generalized-time.js';
import type { MatchingRule } from './model.js';
import { DESCR, NUMERIC_OID } from './parse-description.js';
import { compareBigints, compareStrings, equalityRule, orderingRule, substringsRule } from './rule-factory.js';
import type { EqualityImpl } from './rule-factory.js';
import { BIT_STRING, INTEGER, UUID, splitNameAndUid } from './syntax-validators.js';

/** What the DN and OID rules need from the schema they belong to. */
export interface RuleLookup {
  readonly valueNormalizer: ValueNormalizer;
  /** The numeric OID a descriptor names (attribute type, object class, syntax or rule), if any. */
  oidOf(descr: string): string | undefined;
}

const S = '1.3.6.1.4.1.1466.115.121.1';

const latin1 = (v: Buffer): string => v.toString('latin1');

const integerKey: EqualityImpl = (v) => {
  const text = latin1(v);
  return INTEGER.test(text) ? text : undefined;
};

const timeInstant = (v: Buffer): bigint | undefined => parseGeneralizedTime(latin1(v));

const uuidKey: EqualityImpl = (v) => {
  const text = latin1(v);
  return UUID.test(text) ? text.toLowerCase() : undefined;
};

/** RFC 4517 §4.2.15: RDN by RDN, each value under its attribute's equality rule (so recursive). */
function dnKey(text: string, lookup: RuleLookup): string | undefined {
  try {
    return Dn.parse(text).normalize(lookup.valueNormalizer);
  } catch (error) {
    if (error instanceof LdapError) return undefined;
    throw error;
  }
}

/** The first component of a description (`( 2.5.4.3 NAME ...` → `2.5.4.3`), or the value itself. */
function firstComponent(text: string): string {
  const match = /^\(\s*([^\s()]+)/.exec(text);
  return match === null ? text : (match[1] as string);
}

export function otherRules(lookup: RuleLookup): MatchingRule[] {
  const oidKey = (text: string): string | undefined => {
    if (NUMERIC_OID.test(text)) return text;
    if (!DESCR.test(text)) return undefined;
    // RFC 4517 §4.2.26: a descriptor matches the OID it names; an unknown one only itself.
    return lookup.oidOf(text) ?? text.toLowerCase();
  };
  const nameKey: EqualityImpl = (v) => {
    if (!isUtf8(v)) return undefined;
    const { dn, uid } = splitNameAndUid(v.toString('utf8'));
    const key = dnKey(dn, lookup);
    return key === undefined ? undefined : uid === undefined ? key : `${key}#${uid}`;
  };
  return [
    equalityRule({ oid: '2.5.13.0', name: 'objectIdentifierMatch', syntax: `${S}.38` }, (v) => oidKey(latin1(v))),
    equalityRule({ oid: '2.5.13.1', name: 'distinguishedNameMatch', syntax: `${S}.12` }, (v) =>
      isUtf8(v) ? dnKey(v.toString('utf8'), lookup) : undefined,
    ),
    equalityRule({ oid: '2.5.13.13', name: 'booleanMatch', syntax: `${S}.7` }, (v) => {
      const text = latin1(v);
      return text === 'TRUE' || text === 'FALSE' ? text : undefined;
    }),
    equalityRule({ oid: '2.5.13.14', name: 'integerMatch', syntax: `${S}.27` }, integerKey),
    orderingRule({ oid: '2.5.13.15', name: 'integerOrderingMatch', syntax: `${S}.27` }, {
      normalize: (v) => (integerKey(v) === undefined ? undefined : BigInt(latin1(v))),
      compare: compareBigints,
    }),
    equalityRule({ oid: '2.5.13.16', name: 'bitStringMatch', syntax: `${S}.6` }, (v) => (BIT_STRING.test(latin1(v)) ? latin1(v) : undefined)),
    equalityRule({ oid: '2.5.13.17', name: 'octetStringMatch', syntax: `${S}.40` }, latin1),
    orderingRule({ oid: '2.5.13.18', name: 'octetStringOrderingMatch', syntax: `${S}.40` }, { normalize: latin1, compare: compareStrings }),
    substringsRule({ oid: '2.5.13.19', name: 'octetStringSubstringsMatch', syntax: `${S}.40` }, { value: latin1, piece: latin1 }),
    equalityRule({ oid: '2.5.13.23', name: 'uniqueMemberMatch', syntax: `${S}.34` }, nameKey),
    equalityRule({ oid: '2.5.13.27', name: 'generalizedTimeMatch', syntax: `${S}.24` }, (v) => {
      const instant = timeInstant(v);
      return instant === undefined ? undefined : formatGeneralizedTime(instant);
    }),
    orderingRule({ oid: '2.5.13.28', name: 'generalizedTimeOrderingMatch', syntax: `${S}.24` }, { normalize: timeInstant, compare: compareBigints }),
    equalityRule({ oid: '2.5.13.29', name: 'integerFirstComponentMatch', syntax: `${S}.27` }, (v) => {
      const first = firstComponent(v.toString('utf8'));
      return INTEGER.test(first) ? first : undefined;
    }),
    equalityRule({ oid: '2.5.13.30', name: 'objectIdentifierFirstComponentMatch', syntax: `${S}.38` }, (v) =>
      oidKey(firstComponent(v.toString('utf8'))),
    ),
    equalityRule({ oid: '1.3.6.1.1.16.2', name: 'uuidMatch', syntax: '1.3.6.1.1.16.1' }, uuidKey),
    orderingRule({ oid: '1.3.6.1.1.16.3', name: 'uuidOrderingMatch', syntax: '1.3.6.1.1.16.1' }, { normalize: uuidKey, compare: compareStrings }),
  ];
}
