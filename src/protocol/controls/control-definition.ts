import type { Control } from '../model.js';
import type { RequestOpType } from '../op-types.js';

/**
 * One entry of the control table, like an element of OpenLDAP slapd's `control_defs[]`
 * (controls.c): where the control may appear, whether it is advertised, and its value codecs.
 * The request codecs are the server's decoder and the client's encoder; the response codecs the reverse.
 */
export interface ControlDefinition<Req = unknown, Res = unknown> {
  readonly oid: string;
  readonly name: string;
  /** Request operations that may carry the control; empty for a response-only control. */
  readonly appliesTo: ReadonlySet<RequestOpType>;
  /** When appliesTo has 'extendedRequest': the request OIDs it may accompany (undefined = all). */
  readonly extendedOps?: ReadonlySet<string>;
  /** Listed in the root DSE's supportedControl (slapd's SLAP_CTRL_HIDE is `false` here). */
  readonly advertise: boolean;
  /** The specification requires criticality TRUE (RFC 4370 §3); a non-critical one is a protocolError. */
  readonly mustBeCritical?: boolean;
  /** Throws ProtocolError on a malformed value. */
  decodeRequest?(value: Buffer | undefined): Req;
  encodeRequest?(value: Req): Buffer | undefined;
  decodeResponse?(value: Buffer | undefined): Res;
  encodeResponse?(value: Res): Buffer | undefined;
}

function wire(oid: string, critical: boolean, value: Buffer | undefined): Control {
  return value === undefined ? { oid, critical } : { oid, critical, value };
}

/** Builds a request control (client side). Criticality defaults to what the specification requires. */
export function makeRequestControl<Req>(def: ControlDefinition<Req, unknown>, value: Req, critical = def.mustBeCritical === true): Control {
  if (def.encodeRequest === undefined) throw new TypeError(`${def.name} control (${def.oid}) is not a request control`);
  return wire(def.oid, critical, def.encodeRequest(value));
}

/** Builds a response control (server side). RFC 4511 §4.1.11: criticality is only meaningful on requests. */
export function makeResponseControl<Res>(def: ControlDefinition<unknown, Res>, value: Res): Control {
  if (def.encodeResponse === undefined) throw new TypeError(`${def.name} control (${def.oid}) is not a response control`);
  return wire(def.oid, false, def.encodeResponse(value));
}

/** Finds and decodes a response control (client side); undefined when the server did not return it. */
export function findResponseControl<Res>(def: ControlDefinition<unknown, Res>, controls: readonly Control[]): Res | undefined {
  if (def.decodeResponse === undefined) throw new TypeError(`${def.name} control (${def.oid}) is not a response control`);
  const control = controls.find((c) => c.oid === def.oid);
  return control === undefined ? undefined : def.decodeResponse(control.value);
}
