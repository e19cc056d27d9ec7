import type { Attribute } from '../protocol/index.js';
import { securityProfile } from './context.js';
import type { ServerContext } from './context.js';
import { SUBSCHEMA_DN } from './directory.js';

const text = (values: readonly string[]): Buffer[] => values.map((v) => Buffer.from(v));

/**
 * RFC 4512 §5.1 features Warden implements: all operational attributes (`+`, RFC 3673), `@objectClass` attribute
 * lists (RFC 4529), absolute true and false filters (RFC 4526), and the Modify-Increment extension (RFC 4525).
 */
export const SUPPORTED_FEATURES = ['1.3.6.1.4.1.4203.1.5.1', '1.3.6.1.4.1.4203.1.5.2', '1.3.6.1.4.1.4203.1.5.3', '1.3.6.1.1.14'] as const;

/** The root DSE (RFC 4512 §5.1). Its attributes are operational: a client names them or asks for `+`. */
export function rootDseEntry(server: ServerContext, saslMechanisms: readonly string[] = []): { dn: string; attributes: Attribute[] } {
  return {
    dn: '',
    attributes: [
      { type: 'objectClass', values: text(['top', 'extensibleObject']) },
      { type: 'namingContexts', values: text(server.namingContexts) },
      { type: 'subschemaSubentry', values: text([SUBSCHEMA_DN]) },
      { type: 'supportedLDAPVersion', values: text(['3']) },
      { type: 'supportedControl', values: text(server.controls.advertised()) },
      { type: 'supportedExtension', values: text(server.extendedOperations.advertised().filter((oid) => server.tlsAvailable || oid !== '1.3.6.1.4.1.1466.20037')) },
      { type: 'supportedFeatures', values: text(SUPPORTED_FEATURES) },
      { type: 'supportedSASLMechanisms', values: text(saslMechanisms) },
      { type: 'vendorName', values: text(['Warden']) },
      { type: 'vendorVersion', values: text([`Warden ${server.vendorVersion}`]) },
      { type: 'wardenSecurityProfile', values: text(securityProfile(server.security)) },
    ].filter((a) => a.values.length > 0),
  };
}

/** The subschema subentry (RFC 4512 §4.2). */
export function subschemaEntry(server: ServerContext): { dn: string; attributes: Attribute[] } {
  return { dn: SUBSCHEMA_DN, attributes: server.directory.schema.subschemaAttributes() };
}
