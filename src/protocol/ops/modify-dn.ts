import { contextTag } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { OpTag } from '../op-types.js';

/**
 * ModifyDNRequest ::= [APPLICATION 12] SEQUENCE { entry LDAPDN, newrdn RelativeLDAPDN,
 *   deleteoldrdn BOOLEAN, newSuperior [0] LDAPDN OPTIONAL } (RFC 4511 §4.9)
 */
export interface ModifyDNRequest {
  readonly type: 'modifyDNRequest';
  readonly entry: string;
  readonly newRDN: string;
  readonly deleteOldRDN: boolean;
  readonly newSuperior?: string;
}

const NEW_SUPERIOR = contextTag(0, false);

export function writeModifyDNRequest(w: BerWriter, op: ModifyDNRequest): void {
  w.startSequence(OpTag.modifyDNRequest);
  w.writeString(op.entry);
  w.writeString(op.newRDN);
  w.writeBoolean(op.deleteOldRDN);
  if (op.newSuperior !== undefined) w.writeString(op.newSuperior, NEW_SUPERIOR);
  w.endSequence();
}

export function readModifyDNRequest(r: BerReader): ModifyDNRequest {
  const seq = r.readSequence(OpTag.modifyDNRequest);
  const entry = seq.readString();
  const newRDN = seq.readString();
  const deleteOldRDN = seq.readBoolean();
  if (seq.atEnd) return { type: 'modifyDNRequest', entry, newRDN, deleteOldRDN };
  const newSuperior = seq.readString(NEW_SUPERIOR);
  seq.end();
  return { type: 'modifyDNRequest', entry, newRDN, deleteOldRDN, newSuperior };
}
