import { contextTag } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { ProtocolError } from '../../errors/index.js';
import type { ControlDefinition } from './control-definition.js';
import { decodeBerValue, encodeBerValue } from './value-codec.js';

export const SORT_REQUEST_OID = '1.2.840.113556.1.4.473';
export const SORT_RESPONSE_OID = '1.2.840.113556.1.4.474';

/** RFC 2891 §1.1: one element of SortKeyList. `reverseOrder` is DEFAULT FALSE on the wire. */
export interface SortKey {
  readonly attributeType: string;
  readonly orderingRule?: string;
  readonly reverseOrder: boolean;
}

/** RFC 2891 §1.2: the sortResult ENUMERATED. One table, used in both directions. */
export const SortResultCode = {
  success: 0,
  operationsError: 1,
  timeLimitExceeded: 3,
  strongAuthRequired: 8,
  adminLimitExceeded: 11,
  noSuchAttribute: 16,
  inappropriateMatching: 18,
  insufficientAccessRights: 50,
  busy: 51,
  unwillingToPerform: 53,
  other: 80,
} as const;

export type SortResultName = keyof typeof SortResultCode;

const sortResultByCode = new Map<number, SortResultName>(
  (Object.entries(SortResultCode) as [SortResultName, number][]).map(([name, code]) => [code, name]),
);

/** RFC 2891 §1.2: SortResult ::= SEQUENCE { sortResult ENUMERATED, attributeType [0] AttributeDescription OPTIONAL } */
export interface SortResponseValue {
  readonly sortResult: SortResultName;
  /** The attribute that caused the failure, when the server names one. */
  readonly attributeType?: string;
}

const ORDERING_RULE = contextTag(0, false);
const REVERSE_ORDER = contextTag(1, false);
const FAILED_ATTRIBUTE = contextTag(0, false);

const REQUEST_LABEL = 'malformed server-side sort request control value';
const RESPONSE_LABEL = 'malformed server-side sort response control value';

function writeKeys(w: BerWriter, keys: readonly SortKey[]): void {
  w.startSequence();
  for (const key of keys) {
    w.startSequence();
    w.writeString(key.attributeType);
    if (key.orderingRule !== undefined) w.writeString(key.orderingRule, ORDERING_RULE);
    // X.690 DER: a DEFAULT value is omitted, as OpenLDAP's ldap_create_sort_control does.
    if (key.reverseOrder) w.writeBoolean(true, REVERSE_ORDER);
    w.endSequence();
  }
  w.endSequence();
}

function readKeys(r: BerReader): SortKey[] {
  const list = r.readSequence();
  const keys: SortKey[] = [];
  while (!list.atEnd) {
    const seq = list.readSequence();
    const attributeType = seq.readString();
    let orderingRule: string | undefined;
    // BER (unlike DER) may carry an explicit FALSE for the DEFAULT; ldapts sends one.
    let reverseOrder = false;
    if (seq.peekTagOrEnd() === ORDERING_RULE) orderingRule = seq.readString(ORDERING_RULE);
    if (seq.peekTagOrEnd() === REVERSE_ORDER) reverseOrder = seq.readBoolean(REVERSE_ORDER);
    seq.end();
    keys.push(orderingRule === undefined ? { attributeType, reverseOrder } : { attributeType, orderingRule, reverseOrder });
  }
  return keys;
}

function writeResult(w: BerWriter, value: SortResponseValue): void {
  w.startSequence();
  w.writeEnumerated(SortResultCode[value.sortResult]);
  if (value.attributeType !== undefined) w.writeString(value.attributeType, FAILED_ATTRIBUTE);
  w.endSequence();
}

function readResult(r: BerReader): SortResponseValue {
  const seq = r.readSequence();
  const code = seq.readEnumerated();
  const sortResult = sortResultByCode.get(code);
  if (sortResult === undefined) throw new ProtocolError(`sortResult ${code} is not defined by RFC 2891`);
  const attributeType = seq.peekTagOrEnd() === FAILED_ATTRIBUTE ? seq.readString(FAILED_ATTRIBUTE) : undefined;
  seq.end();
  return attributeType === undefined ? { sortResult } : { sortResult, attributeType };
}

export function encodeSortRequestValue(keys: readonly SortKey[]): Buffer {
  return encodeBerValue((w) => writeKeys(w, keys));
}

export function decodeSortRequestValue(value: Buffer | undefined): SortKey[] {
  return decodeBerValue(REQUEST_LABEL, value, readKeys);
}

export function encodeSortResponseValue(value: SortResponseValue): Buffer {
  return encodeBerValue((w) => writeResult(w, value));
}

export function decodeSortResponseValue(value: Buffer | undefined): SortResponseValue {
  return decodeBerValue(RESPONSE_LABEL, value, readResult);
}

export const sortRequestControl: ControlDefinition<readonly SortKey[], never> = {
  oid: SORT_REQUEST_OID,
  name: 'server-side sort request',
  appliesTo: new Set(['searchRequest']),
  advertise: true,
  decodeRequest: decodeSortRequestValue,
  encodeRequest: encodeSortRequestValue,
};

/**
 * Response-only: registered so clients can decode it through the registry, but it applies to no
 * request, so a client that sends it gets the unknown-control treatment, and it is not advertised.
 */
export const sortResponseControl: ControlDefinition<never, SortResponseValue> = {
  oid: SORT_RESPONSE_OID,
  name: 'server-side sort response',
  appliesTo: new Set(),
  advertise: false,
  decodeResponse: decodeSortResponseValue,
  encodeResponse: encodeSortResponseValue,
};
