/** Directory data as it travels in LDAP PDUs. Values are bytes; the schema decides how to read them. */

/** PartialAttribute / Attribute (RFC 4511 §4.1.7). */
export interface Attribute {
  readonly type: string;
  readonly values: readonly Buffer[];
}

export const ModifyOperation = ['add', 'delete', 'replace', 'increment'] as const;
export type ModifyOperation = (typeof ModifyOperation)[number];

/** One change of a ModifyRequest (RFC 4511 §4.6; `increment` is RFC 4525). */
export interface Modification {
  readonly operation: ModifyOperation;
  readonly attribute: Attribute;
}

/** A control as it appears on the wire (RFC 4511 §4.1.11). */
export interface Control {
  readonly oid: string;
  readonly critical: boolean;
  readonly value?: Buffer;
}
