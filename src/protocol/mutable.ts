/**
 * Decoders build an op object and then attach OPTIONAL fields that were present; with
 * exactOptionalPropertyTypes that needs a writable view of the readonly public type. Internal only:
 * deliberately not exported from the protocol barrel.
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
