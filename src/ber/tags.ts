/** Universal tags and tag-building helpers for the subset of X.690 BER that LDAP uses (RFC 4511 §5.1). */
export const BerTag = {
  boolean: 0x01,
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  enumerated: 0x0a,
  sequence: 0x30,
  set: 0x31,
} as const;

export const TagClass = {
  universal: 0x00,
  application: 0x40,
  context: 0x80,
  private: 0xc0,
} as const;

/** Bit 6 of the identifier octet: the value is constructed (holds TLVs) rather than primitive. */
export const CONSTRUCTED = 0x20;

export function applicationTag(n: number, constructed: boolean): number {
  return TagClass.application | (constructed ? CONSTRUCTED : 0) | n;
}

export function contextTag(n: number, constructed: boolean): number {
  return TagClass.context | (constructed ? CONSTRUCTED : 0) | n;
}

export function formatTag(tag: number): string {
  return `0x${tag.toString(16).padStart(2, '0')}`;
}
