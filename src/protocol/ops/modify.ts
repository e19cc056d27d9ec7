import { BerDecodeError } from '../../ber/index.js';
import type { BerReader, BerWriter } from '../../ber/index.js';
import { readAttribute, writeAttribute } from '../attributes.js';
import { ModifyOperation } from '../model.js';
import type { Modification } from '../model.js';
import { OpTag } from '../op-types.js';

/**
 * ModifyRequest ::= [APPLICATION 6] SEQUENCE { object LDAPDN, changes SEQUENCE OF change SEQUENCE {
 *   operation ENUMERATED { add (0), delete (1), replace (2), ... }, modification PartialAttribute } }
 * (RFC 4511 §4.6; increment (3) is RFC 4525.)
 */
export interface ModifyRequest {
  readonly type: 'modifyRequest';
  readonly object: string;
  readonly changes: readonly Modification[];
}

export function writeModifyRequest(w: BerWriter, op: ModifyRequest): void {
  w.startSequence(OpTag.modifyRequest);
  w.writeString(op.object);
  w.startSequence();
  for (const change of op.changes) {
    const code = ModifyOperation.indexOf(change.operation);
    if (code < 0) throw new RangeError(`unknown modify operation ${JSON.stringify(change.operation)}`);
    w.startSequence();
    w.writeEnumerated(code);
    writeAttribute(w, change.attribute);
    w.endSequence();
  }
  w.endSequence();
  w.endSequence();
}

export function readModifyRequest(r: BerReader): ModifyRequest {
  const seq = r.readSequence(OpTag.modifyRequest);
  const object = seq.readString();
  const list = seq.readSequence();
  seq.end();
  const changes: Modification[] = [];
  while (!list.atEnd) {
    const change = list.readSequence();
    const at = change.offset;
    const code = change.readEnumerated();
    const operation = ModifyOperation[code];
    if (operation === undefined) throw new BerDecodeError(`unknown modify operation ${code}`, at);
    const attribute = readAttribute(change);
    change.end();
    changes.push({ operation, attribute });
  }
  return { type: 'modifyRequest', object, changes };
}
