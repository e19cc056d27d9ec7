import { createHash } from 'node:crypto';
import { BerReader, BerTag } from '../../ber/index.js';
import type { SaslContext } from './types.js';

/** The channel-binding types Warden understands (RFC 5056 names). */
export const ChannelBindingType = {
  tlsExporter: 'tls-exporter',
  tlsServerEndPoint: 'tls-server-end-point',
} as const;
export type ChannelBindingType = (typeof ChannelBindingType)[keyof typeof ChannelBindingType];

/** RFC 9266 §2: 32 bytes exported with this label and an empty context. */
export const TLS_EXPORTER_LABEL = 'EXPORTER-Channel-Binding';
export const TLS_EXPORTER_LENGTH = 32;

/** Signature algorithm OID -> the hash RFC 5929 §4.1 prescribes (MD5 and SHA-1 are upgraded to SHA-256). */
const HASH_FOR_SIGNATURE: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'sha256', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5': 'sha256', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha256', // ecdsa-with-SHA1
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.10040.4.3': 'sha256', // dsa-with-sha1
  '2.16.840.1.101.3.4.3.2': 'sha256', // dsa-with-sha256
};
const HASH_OIDS: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha256', // sha1, upgraded
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const RSASSA_PSS = '1.2.840.113549.1.1.10';

const OID_TAG = 0x06;

/** Reads an OBJECT IDENTIFIER (X.690 §8.19) from the reader, or undefined if the next element is not one. */
function readOid(reader: BerReader): string | undefined {
  const { tag, content } = reader.readElement();
  if (tag !== OID_TAG || content.length === 0) return undefined;
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/**
 * The hash for tls-server-end-point: RFC 5929 §4.1 uses the certificate's signatureAlgorithm hash, with MD5
 * and SHA-1 replaced by SHA-256. Undefined when the algorithm has no single hash (Ed25519, Ed448) or the DER
 * does not parse; RFC 5929 leaves that case undefined, so the binding type is simply not offered.
 */
export function serverEndPointHash(certificateDer: Buffer): string | undefined {
  try {
    const cert = new BerReader(certificateDer).readSequence();
    cert.skip(); // tbsCertificate
    const algorithm = cert.readSequence(); // signatureAlgorithm AlgorithmIdentifier (RFC 5280 §4.1.1.2)
    const oid = readOid(algorithm);
    if (oid === undefined) return undefined;
    if (oid !== RSASSA_PSS) return HASH_FOR_SIGNATURE[oid];
    // RFC 4055 §3.1: RSASSA-PSS-params, hashAlgorithm [0] defaults to SHA-1 (upgraded to SHA-256).
    if (algorithm.atEnd || algorithm.peekTag() !== BerTag.sequence) return 'sha256';
    const params = algorithm.readSequence();
    if (params.atEnd || params.peekTag() !== 0xa0) return 'sha256';
    const hashAlgorithm = params.readSequence(0xa0).readSequence();
    const hashOid = readOid(hashAlgorithm);
    return hashOid === undefined ? undefined : HASH_OIDS[hashOid];
  } catch {
    return undefined;
  }
}

/** The binding types this connection can serve, strongest first. Empty: no PLUS mechanism here. */
export function channelBindingTypes(ctx: SaslContext): ChannelBindingType[] {
  const tls = ctx.tls;
  if (tls === undefined) return [];
  const types: ChannelBindingType[] = [];
  // RFC 9266 §3 defines tls-exporter for TLS 1.3; on 1.2 it is only safe with extended master secret, which
  // Node does not report, so it is not offered there.
  if (tls.protocol === 'TLSv1.3' && tls.exporter !== undefined) types.push(ChannelBindingType.tlsExporter);
  if (tls.certificate !== undefined && serverEndPointHash(tls.certificate) !== undefined) {
    types.push(ChannelBindingType.tlsServerEndPoint);
  }
  return types;
}

/** The cb-data for a binding type on this connection, or undefined if it is not available here. */
export function channelBindingData(ctx: SaslContext, type: string): Buffer | undefined {
  if (!(channelBindingTypes(ctx) as string[]).includes(type)) return undefined;
  const tls = ctx.tls;
  if (tls === undefined) return undefined;
  if (type === ChannelBindingType.tlsExporter) {
    try {
      return tls.exporter?.(TLS_EXPORTER_LABEL, TLS_EXPORTER_LENGTH);
    } catch {
      return undefined; // the socket closed under us: no binding, so the exchange fails instead of throwing
    }
  }
  const cert = tls.certificate;
  const hash = cert === undefined ? undefined : serverEndPointHash(cert);
  return cert === undefined || hash === undefined ? undefined : createHash(hash).update(cert).digest();
}
