/**
 * One extended operation (RFC 4511 §4.12): its request OID and the codecs of its requestValue and
 * responseValue. Servers decode requests and encode responses; clients do the reverse.
 */
export interface ExtendedOperationDefinition<Req = unknown, Res = unknown> {
  readonly oid: string;
  readonly name: string;
  /** Listed in the root DSE's supportedExtension (RFC 4512 §5.1.3). */
  readonly advertise: boolean;
  /** The OID the ExtendedResponse carries in responseName, when the operation's specification says so. */
  readonly responseName?: string;
  /** Throws ProtocolError on a malformed value. */
  decodeRequestValue(value: Buffer | undefined): Req;
  encodeRequestValue(req: Req): Buffer | undefined;
  decodeResponseValue(value: Buffer | undefined): Res;
  encodeResponseValue(res: Res): Buffer | undefined;
}
