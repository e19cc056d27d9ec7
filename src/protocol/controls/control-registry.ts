import { ProtocolError, UnavailableCriticalExtensionError } from '../../errors/index.js';
import type { Control } from '../model.js';
import type { RequestOpType } from '../op-types.js';
import type { ControlDefinition } from './control-definition.js';

/** The request controls of one operation, decoded and checked against the registry. */
export interface ResolvedControls {
  get<Req>(def: ControlDefinition<Req, unknown>): { critical: boolean; value: Req } | undefined;
  has(oid: string): boolean;
  readonly size: number;
}

interface ResolvedEntry {
  readonly def: ControlDefinition;
  readonly critical: boolean;
  readonly value: unknown;
}

class ResolvedControlMap implements ResolvedControls {
  readonly #entries: ReadonlyMap<string, ResolvedEntry>;

  constructor(entries: ReadonlyMap<string, ResolvedEntry>) {
    this.#entries = entries;
  }

  get<Req>(def: ControlDefinition<Req, unknown>): { critical: boolean; value: Req } | undefined {
    const entry = this.#entries.get(def.oid);
    if (entry === undefined) return undefined;
    // The value was produced by the registered definition; a different object for the same OID
    // could promise a different type, so it is a programming error rather than a miss.
    if (entry.def !== def) throw new TypeError(`control ${def.oid} was resolved by a different definition`);
    return { critical: entry.critical, value: entry.value as Req };
  }

  has(oid: string): boolean {
    return this.#entries.has(oid);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Shared by every operation that carries no controls. */
const NO_CONTROLS: ResolvedControls = new ResolvedControlMap(new Map());

/** The controls a server understands, after OpenLDAP slapd's `control_defs[]` and `slap_parse_ctrl()`. */
export class ControlRegistry {
  readonly #defs = new Map<string, ControlDefinition>();

  /** Duplicate OIDs are a configuration mistake, caught at startup. */
  register(def: ControlDefinition): void {
    if (this.#defs.has(def.oid)) throw new Error(`control ${def.oid} (${def.name}) is already registered`);
    this.#defs.set(def.oid, def);
  }

  get(oid: string): ControlDefinition | undefined {
    return this.#defs.get(oid);
  }

  /** OIDs for the root DSE's supportedControl (RFC 4512 §5.1.4), in registration order. */
  advertised(): string[] {
    return [...this.#defs.values()].filter((def) => def.advertise).map((def) => def.oid);
  }

  /**
   * RFC 4511 §4.1.11: a control that is unknown or inappropriate for the operation is ignored when
   * non-critical and fails the operation with unavailableCriticalExtension when critical. A known
   * control with a malformed value, or one given twice, is a protocolError whatever its criticality
   * (slapd's `slap_parse_ctrl()` rejects "control specified multiple times" the same way).
   */
  resolve(controls: readonly Control[], op: RequestOpType, extendedOid?: string): ResolvedControls {
    if (controls.length === 0) return NO_CONTROLS;
    const seen = new Set<string>();
    const entries = new Map<string, ResolvedEntry>();
    for (const control of controls) {
      if (seen.has(control.oid)) throw new ProtocolError(`control ${control.oid} appears more than once`);
      seen.add(control.oid);
      const def = this.#defs.get(control.oid);
      if (def === undefined) {
        if (control.critical) throw new UnavailableCriticalExtensionError(`critical control ${control.oid} is not supported`);
        continue;
      }
      if (def.decodeRequest === undefined || !this.#appliesTo(def, op, extendedOid)) {
        if (control.critical) {
          const where = op === 'extendedRequest' && extendedOid !== undefined ? `extendedRequest ${extendedOid}` : op;
          throw new UnavailableCriticalExtensionError(`critical control ${control.oid} (${def.name}) is not supported with ${where}`);
        }
        continue;
      }
      if (def.mustBeCritical === true && !control.critical) {
        throw new ProtocolError(`${def.name} control ${control.oid} must be critical`);
      }
      entries.set(control.oid, { def, critical: control.critical, value: def.decodeRequest(control.value) });
    }
    return new ResolvedControlMap(entries);
  }

  #appliesTo(def: ControlDefinition, op: RequestOpType, extendedOid: string | undefined): boolean {
    if (!def.appliesTo.has(op)) return false;
    if (op !== 'extendedRequest' || def.extendedOps === undefined) return true;
    return extendedOid !== undefined && def.extendedOps.has(extendedOid);
  }
}
