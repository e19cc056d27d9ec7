/**
 * Why `bytes` is not exactly one complete BER element (X.690 §8.1), or undefined when it is.
 *
 * RFC 4514 §2.4 says a `#hex` value is the BER encoding of the AttributeValue, i.e. one TLV. The
 * hex is checked here, once, because what follows it trusts it: go-ldap decoded it lazily and a
 * fuzzer found hex whose length field ran past the data ("asn1: syntax error: data truncated"),
 * and trailing octets after the element would make two spellings of one value. Only the outer
 * TLV is checked; what its content means depends on the attribute's syntax.
 */
export function berElementProblem(bytes: Uint8Array): string | undefined {
  const n = bytes.length;
  let i = 0;
  const tag = bytes[i++] as number;
  if ((tag & 0x1f) === 0x1f) {
    // X.690 §8.1.2.4: high-tag-number form, base-128 with the top bit marking continuation.
    let more: boolean;
    do {
      if (i >= n) return 'truncated tag';
      more = ((bytes[i++] as number) & 0x80) !== 0;
    } while (more);
  }
  if (i >= n) return 'missing length';
  let length = bytes[i++] as number;
  if (length === 0x80) return 'indefinite length is not supported';
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4) return `length of ${count} octets is too large`;
    if (i + count > n) return 'truncated length';
    length = 0;
    for (let k = 0; k < count; k++) length = length * 256 + (bytes[i++] as number);
  }
  const available = n - i;
  if (length > available) return `content length ${length} exceeds the ${available} octets present`;
  if (length < available) return `${available - length} octets follow the element`;
  return undefined;
}
