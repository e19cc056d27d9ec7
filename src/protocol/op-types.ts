import { applicationTag } from '../ber/index.js';

/**
 * protocolOp choices of LDAPMessage (RFC 4511 §4.2–4.14) with their APPLICATION tags.
 * One table, read in both directions: name → tag for encoding, tag → name for decoding.
 */
export const OpTag = {
  bindRequest: applicationTag(0, true),
  bindResponse: applicationTag(1, true),
  unbindRequest: applicationTag(2, false),
  searchRequest: applicationTag(3, true),
  searchResultEntry: applicationTag(4, true),
  searchResultDone: applicationTag(5, true),
  modifyRequest: applicationTag(6, true),
  modifyResponse: applicationTag(7, true),
  addRequest: applicationTag(8, true),
  addResponse: applicationTag(9, true),
  delRequest: applicationTag(10, false),
  delResponse: applicationTag(11, true),
  modifyDNRequest: applicationTag(12, true),
  modifyDNResponse: applicationTag(13, true),
  compareRequest: applicationTag(14, true),
  compareResponse: applicationTag(15, true),
  abandonRequest: applicationTag(16, false),
  searchResultReference: applicationTag(19, true),
  extendedRequest: applicationTag(23, true),
  extendedResponse: applicationTag(24, true),
  intermediateResponse: applicationTag(25, true),
} as const;

export type OpType = keyof typeof OpTag;

const opTypeByTag = new Map<number, OpType>((Object.entries(OpTag) as [OpType, number][]).map(([name, tag]) => [tag, name]));

export function opTypeOfTag(tag: number): OpType | undefined {
  return opTypeByTag.get(tag);
}

/** Operations a client sends: the ones controls and access rules apply to. */
export const RequestOpTypes = [
  'bindRequest',
  'unbindRequest',
  'searchRequest',
  'modifyRequest',
  'addRequest',
  'delRequest',
  'modifyDNRequest',
  'compareRequest',
  'abandonRequest',
  'extendedRequest',
] as const satisfies readonly OpType[];

export type RequestOpType = (typeof RequestOpTypes)[number];

/** RFC 4511 §4.1.1: 0 is reserved for unsolicited notifications; requests use 1..maxInt. */
export const MAX_MESSAGE_ID = 0x7fffffff;
