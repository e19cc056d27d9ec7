import type { BerReader, BerWriter } from '../../ber/index.js';
import type { ControlDefinition } from './control-definition.js';
import { decodeBerValue, encodeBerValue, readNonNegative } from './value-codec.js';

export const PAGED_RESULTS_OID = '1.2.840.113556.1.4.319';

/**
 * RFC 2696 §2: realSearchControlValue ::= SEQUENCE { size INTEGER (0..maxInt), cookie OCTET STRING }.
 * The same shape travels both ways: the client's page size and the server's estimate of the total.
 * An empty cookie starts a search (request) or says it is finished (response).
 */
export interface PagedResultsValue {
  readonly size: number;
  readonly cookie: Buffer;
}

const LABEL = 'malformed paged results control value';

function write(w: BerWriter, value: PagedResultsValue): void {
  w.startSequence();
  w.writeInteger(value.size);
  w.writeOctetString(value.cookie);
  w.endSequence();
}

function read(r: BerReader): PagedResultsValue {
  const seq = r.readSequence();
  const size = readNonNegative(seq, 'size');
  const cookie = seq.readOctetString();
  seq.end();
  return { size, cookie };
}

export function encodePagedResultsValue(value: PagedResultsValue): Buffer {
  return encodeBerValue((w) => write(w, value));
}

export function decodePagedResultsValue(value: Buffer | undefined): PagedResultsValue {
  return decodeBerValue(LABEL, value, read);
}

export const pagedResultsControl: ControlDefinition<PagedResultsValue, PagedResultsValue> = {
  oid: PAGED_RESULTS_OID,
  name: 'paged results',
  appliesTo: new Set(['searchRequest']),
  advertise: true,
  decodeRequest: decodePagedResultsValue,
  encodeRequest: encodePagedResultsValue,
  decodeResponse: decodePagedResultsValue,
  encodeResponse: encodePagedResultsValue,
};
