import type { ExtendedOperationDefinition } from './extended-operation-definition.js';

/**
 * The extended operations a server implements, keyed by request OID. An OID that is not here gets
 * protocolError from the server (RFC 4511 §4.12: "the server ... returns protocolError" when it
 * does not recognize the requestName); that decision belongs to the dispatcher, not to this table.
 */
export class ExtendedOperationRegistry {
  readonly #defs = new Map<string, ExtendedOperationDefinition>();

  /** Duplicate OIDs are a configuration mistake, caught at startup. */
  register(def: ExtendedOperationDefinition): void {
    if (this.#defs.has(def.oid)) throw new Error(`extended operation ${def.oid} (${def.name}) is already registered`);
    this.#defs.set(def.oid, def);
  }

  get(oid: string): ExtendedOperationDefinition | undefined {
    return this.#defs.get(oid);
  }

  /** OIDs for supportedExtension, in registration order. */
  advertised(): string[] {
    return [...this.#defs.values()].filter((def) => def.advertise).map((def) => def.oid);
  }
}
