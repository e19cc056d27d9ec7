import { LdifSyntaxError } from '../errors/index.js';
import { ModifyOperation } from '../protocol/model.js';
import type { Attribute, Control } from '../protocol/model.js';
import { checkFoldWidth, pushFolded as pushLine } from './fold.js';
import { ATTRIBUTE_DESCRIPTION, isSafeBytes, isSafeText, NUMERIC_OID } from './syntax.js';
import { LdifChangeTypes } from './types.js';
import type { LdifWritableRecord, LdifWriteOptions } from './types.js';

/**
 * RFC 2849 writer for one record. Values that are not printable ASCII (or start with space, ':' or '<', or end
 * with a space) are written base64 so that reading the text back gives the same bytes. Lines end with LF; the
 * record ends with one LF and no blank line (LdifWriter puts the blank lines between records).
 * Bad input (an attribute description or OID that would break the syntax) throws LdifSyntaxError with line 0.
 */
export function formatLdifRecord(record: LdifWritableRecord, options: LdifWriteOptions = {}): string {
  const foldWidth = checkFoldWidth(options.foldWidth ?? 76);
  const out: string[] = [];
  if (options.includeVersion === true) pushLine(out, 'version: 1', foldWidth);
  emitText(out, 'dn', record.dn, foldWidth);
  if (!('changeType' in record)) {
    if ('kind' in record && record.kind !== undefined && record.kind !== 'content') invalid(`unknown record kind '${String(record.kind)}'`);
    emitAttributes(out, record.attributes, foldWidth, true);
    return out.join('');
  }
  for (const control of record.controls ?? []) emitControl(out, control, foldWidth);
  if (!(LdifChangeTypes as readonly string[]).includes(record.changeType)) invalid(`unknown changetype '${String(record.changeType)}'`);
  pushLine(out, `changetype: ${record.changeType}`, foldWidth);
  switch (record.changeType) {
    case 'add':
      emitAttributes(out, record.attributes, foldWidth);
      break;
    case 'delete':
      break;
    case 'modify':
      for (const change of record.changes) {
        if (!(ModifyOperation as readonly string[]).includes(change.operation)) invalid(`unknown modify operation '${String(change.operation)}'`);
        const type = checkDescription(change.attribute.type);
        pushLine(out, `${change.operation}: ${type}`, foldWidth);
        for (const value of change.attribute.values) emitValue(out, type, value, foldWidth);
        out.push('-\n');
      }
      break;
    case 'modrdn':
    case 'moddn':
      emitText(out, 'newrdn', record.newRdn, foldWidth);
      pushLine(out, `deleteoldrdn: ${record.deleteOldRdn ? '1' : '0'}`, foldWidth);
      if (record.newSuperior !== undefined) emitText(out, 'newsuperior', record.newSuperior, foldWidth);
      break;
  }
  return out.join('');
}

function invalid(message: string): never {
  throw new LdifSyntaxError(`cannot write: ${message}`, 0);
}

function checkDescription(type: string): string {
  if (!ATTRIBUTE_DESCRIPTION.test(type)) invalid(`invalid attribute description '${type}'`);
  return type;
}

function emitAttributes(out: string[], attributes: readonly Attribute[], foldWidth: number, content = false): void {
  for (const [index, attribute] of attributes.entries()) {
    const type = checkDescription(attribute.type);
    const key = type.toLowerCase();
    // These would read back as something else: a new record, or (first in a content record) a change record.
    if (key === 'dn' || (content && index === 0 && (key === 'changetype' || key === 'control'))) {
      invalid(`attribute '${type}' cannot be written ${key === 'dn' ? 'in' : 'first in'} a record`);
    }
    // RFC 2849 attrval-spec has one value per line; an attribute without values has no LDIF form.
    if (attribute.values.length === 0) invalid(`attribute '${type}' has no values`);
    for (const value of attribute.values) emitValue(out, type, value, foldWidth);
  }
}

function emitControl(out: string[], control: Control, foldWidth: number): void {
  if (!NUMERIC_OID.test(control.oid)) invalid(`invalid control OID '${control.oid}'`);
  const head = `control: ${control.oid}${control.critical ? ' true' : ''}`;
  if (control.value === undefined) pushLine(out, head, foldWidth);
  else pushLine(out, valueLine(head, control.value), foldWidth);
}

function emitValue(out: string[], name: string, value: Uint8Array, foldWidth: number): void {
  pushLine(out, valueLine(name, value), foldWidth);
}

function valueLine(name: string, value: Uint8Array): string {
  if (value.length === 0) return `${name}:`;
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return isSafeBytes(bytes) ? `${name}: ${bytes.toString('latin1')}` : `${name}:: ${bytes.toString('base64')}`;
}

function emitText(out: string[], name: string, text: string, foldWidth: number): void {
  if (text.length === 0) pushLine(out, `${name}:`, foldWidth);
  else if (isSafeText(text)) pushLine(out, `${name}: ${text}`, foldWidth);
  else pushLine(out, `${name}:: ${Buffer.from(text, 'utf8').toString('base64')}`, foldWidth);
}
