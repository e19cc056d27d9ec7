import type { BerReader, BerWriter } from '../../ber/index.js';
import { RequestOpTypes } from '../op-types.js';
import type { OpType } from '../op-types.js';
import { readAbandonRequest, writeAbandonRequest } from './abandon.js';
import type { AbandonRequest } from './abandon.js';
import { readAddRequest, writeAddRequest } from './add.js';
import type { AddRequest } from './add.js';
import { readBindRequest, readBindResponse, writeBindRequest, writeBindResponse } from './bind.js';
import type { BindRequest, BindResponse } from './bind.js';
import { readCompareRequest, writeCompareRequest } from './compare.js';
import type { CompareRequest } from './compare.js';
import { readDelRequest, writeDelRequest } from './delete.js';
import type { DelRequest } from './delete.js';
import {
  readExtendedRequest,
  readExtendedResponse,
  readIntermediateResponse,
  writeExtendedRequest,
  writeExtendedResponse,
  writeIntermediateResponse,
} from './extended.js';
import type { ExtendedRequest, ExtendedResponse, IntermediateResponse } from './extended.js';
import { readModifyDNRequest, writeModifyDNRequest } from './modify-dn.js';
import type { ModifyDNRequest } from './modify-dn.js';
import { readModifyRequest, writeModifyRequest } from './modify.js';
import type { ModifyRequest } from './modify.js';
import { readPlainResult, writePlainResult } from './result-ops.js';
import type { AddResponse, CompareResponse, DelResponse, ModifyDNResponse, ModifyResponse, SearchResultDone } from './result-ops.js';
import { readSearchRequest, writeSearchRequest } from './search-request.js';
import type { SearchRequest } from './search-request.js';
import { readSearchResultEntry, readSearchResultReference, writeSearchResultEntry, writeSearchResultReference } from './search-result.js';
import type { SearchResultEntry, SearchResultReference } from './search-result.js';
import { readUnbindRequest, writeUnbindRequest } from './unbind.js';
import type { UnbindRequest } from './unbind.js';

/** The protocolOp CHOICE of LDAPMessage (RFC 4511 §4.2), discriminated by `type`. */
export type ProtocolOp =
  | BindRequest
  | BindResponse
  | UnbindRequest
  | SearchRequest
  | SearchResultEntry
  | SearchResultReference
  | SearchResultDone
  | ModifyRequest
  | ModifyResponse
  | AddRequest
  | AddResponse
  | DelRequest
  | DelResponse
  | ModifyDNRequest
  | ModifyDNResponse
  | CompareRequest
  | CompareResponse
  | AbandonRequest
  | ExtendedRequest
  | ExtendedResponse
  | IntermediateResponse;

/** The op object of a given type, e.g. `ProtocolOpOf<'searchRequest'>`. */
export type ProtocolOpOf<T extends OpType> = Extract<ProtocolOp, { type: T }>;

/** Operations a server sends. */
export const ResponseOpTypes = [
  'bindResponse',
  'searchResultEntry',
  'searchResultReference',
  'searchResultDone',
  'modifyResponse',
  'addResponse',
  'delResponse',
  'modifyDNResponse',
  'compareResponse',
  'extendedResponse',
  'intermediateResponse',
] as const satisfies readonly OpType[];
export type ResponseOpType = (typeof ResponseOpTypes)[number];

/** Responses that carry an LDAPResult and so end an operation (RFC 4511 §4.1.9). */
export const ResultOpTypes = [
  'bindResponse',
  'searchResultDone',
  'modifyResponse',
  'addResponse',
  'delResponse',
  'modifyDNResponse',
  'compareResponse',
  'extendedResponse',
] as const satisfies readonly ResponseOpType[];
export type ResultOpType = (typeof ResultOpTypes)[number];

const responseOps: ReadonlySet<OpType> = new Set(ResponseOpTypes);
const resultOps: ReadonlySet<OpType> = new Set(ResultOpTypes);
const requestOps: ReadonlySet<OpType> = new Set(RequestOpTypes);

export function isResponseOp(type: OpType): type is ResponseOpType {
  return responseOps.has(type);
}

export function isRequestOp(type: OpType): type is (typeof RequestOpTypes)[number] {
  return requestOps.has(type);
}

/** True for the responses that end an operation with an LDAPResult (not entries, references, intermediates). */
export function isResultOp(type: OpType): type is ResultOpType {
  return resultOps.has(type);
}

/** Appends the complete protocolOp element (tag, length and content). */
export function writeProtocolOp(w: BerWriter, op: ProtocolOp): void {
  switch (op.type) {
    case 'bindRequest':
      return writeBindRequest(w, op);
    case 'bindResponse':
      return writeBindResponse(w, op);
    case 'unbindRequest':
      return writeUnbindRequest(w);
    case 'searchRequest':
      return writeSearchRequest(w, op);
    case 'searchResultEntry':
      return writeSearchResultEntry(w, op);
    case 'searchResultReference':
      return writeSearchResultReference(w, op);
    case 'searchResultDone':
    case 'modifyResponse':
    case 'addResponse':
    case 'delResponse':
    case 'modifyDNResponse':
    case 'compareResponse':
      return writePlainResult(w, op);
    case 'modifyRequest':
      return writeModifyRequest(w, op);
    case 'addRequest':
      return writeAddRequest(w, op);
    case 'delRequest':
      return writeDelRequest(w, op);
    case 'modifyDNRequest':
      return writeModifyDNRequest(w, op);
    case 'compareRequest':
      return writeCompareRequest(w, op);
    case 'abandonRequest':
      return writeAbandonRequest(w, op);
    case 'extendedRequest':
      return writeExtendedRequest(w, op);
    case 'extendedResponse':
      return writeExtendedResponse(w, op);
    case 'intermediateResponse':
      return writeIntermediateResponse(w, op);
    default:
      throw new RangeError(`unknown protocolOp type ${JSON.stringify((op as { type: unknown }).type)}`);
  }
}

/** Reads the protocolOp element of `type` (the caller has mapped the tag) and checks it has no trailing bytes. */
export function readProtocolOp(r: BerReader, type: OpType): ProtocolOp {
  switch (type) {
    case 'bindRequest':
      return readBindRequest(r);
    case 'bindResponse':
      return readBindResponse(r);
    case 'unbindRequest':
      return readUnbindRequest(r);
    case 'searchRequest':
      return readSearchRequest(r);
    case 'searchResultEntry':
      return readSearchResultEntry(r);
    case 'searchResultReference':
      return readSearchResultReference(r);
    case 'searchResultDone':
    case 'modifyResponse':
    case 'addResponse':
    case 'delResponse':
    case 'modifyDNResponse':
    case 'compareResponse':
      return readPlainResult(r, type);
    case 'modifyRequest':
      return readModifyRequest(r);
    case 'addRequest':
      return readAddRequest(r);
    case 'delRequest':
      return readDelRequest(r);
    case 'modifyDNRequest':
      return readModifyDNRequest(r);
    case 'compareRequest':
      return readCompareRequest(r);
    case 'abandonRequest':
      return readAbandonRequest(r);
    case 'extendedRequest':
      return readExtendedRequest(r);
    case 'extendedResponse':
      return readExtendedResponse(r);
    case 'intermediateResponse':
      return readIntermediateResponse(r);
  }
}
