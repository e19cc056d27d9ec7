import { BerTag, contextTag } from '../ber/index.js';
import type { BerReader, BerWriter } from '../ber/index.js';
import { readLdapOid, writeLdapOid } from './ldap-oid.js';
import type { Control } from './model.js';

/** `controls [0] Controls OPTIONAL` in LDAPMessage (RFC 4511 §4.1.1). */
export const CONTROLS_TAG = contextTag(0, true);

/** Shared empty list for messages without controls; frozen so no caller can append to everyone's list. */
export const NO_CONTROLS: readonly Control[] = Object.freeze([]);

/**
 * Controls ::= SEQUENCE OF control Control
 * Control ::= SEQUENCE { controlType LDAPOID, criticality BOOLEAN DEFAULT FALSE, controlValue OCTET STRING OPTIONAL }
 * An empty list writes nothing: the field is OPTIONAL and an empty [0] would only cost bytes.
 */
export function writeControls(w: BerWriter, controls: readonly Control[]): void {
  if (controls.length === 0) return;
  w.startSequence(CONTROLS_TAG);
  for (const control of controls) {
    w.startSequence();
    writeLdapOid(w, control.oid);
    // DEFAULT FALSE is omitted when false (X.690 §11.5, as every LDAP encoder does).
    if (control.critical) w.writeBoolean(true);
    if (control.value !== undefined) w.writeOctetString(control.value);
    w.endSequence();
  }
  w.endSequence();
}

/** Reads the [0] Controls element from `r`. An explicit FALSE criticality is accepted (BER, not DER). */
export function readControls(r: BerReader): Control[] {
  const seq = r.readSequence(CONTROLS_TAG);
  const controls: Control[] = [];
  while (!seq.atEnd) {
    const c = seq.readSequence();
    const oid = readLdapOid(c);
    let critical = false;
    if (c.peekTagOrEnd() === BerTag.boolean) critical = c.readBoolean();
    if (c.atEnd) {
      controls.push({ oid, critical });
    } else {
      const value = c.readOctetString();
      c.end();
      controls.push({ oid, critical, value });
    }
  }
  return controls;
}
