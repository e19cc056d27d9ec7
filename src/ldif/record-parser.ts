import { LdifSyntaxError } from '../errors/index.js';
import { ModifyOperation } from '../protocol/model.js';
import type { Attribute, Control, Modification } from '../protocol/model.js';
import { ATTRIBUTE_DESCRIPTION, hasKeyword, NUMERIC_OID } from './syntax.js';
import { LdifChangeTypes } from './types.js';
import type { LdifChangeType, LdifRecord } from './types.js';
import { decodeText, decodeValue, plainArgument } from './values.js';
import type { UrlValueSource } from './values.js';

/**
 * Turns the unfolded lines of one record (comments already dropped) into an LdifRecord, or throws an
 * LdifSyntaxError naming the offending line. Nothing is returned for a record that fails, so no partial record
 * can escape.
 */
export interface RecordLines {
  readonly texts: readonly string[];
  readonly lines: readonly number[];
  readonly start: number;
  readonly end: number;
}

function attributeName(text: string, line: number): { readonly type: string; readonly colon: number } {
  const colon = text.indexOf(':');
  if (colon < 0) throw new LdifSyntaxError("missing ':' after attribute name", line);
  const type = text.slice(0, colon);
  if (!ATTRIBUTE_DESCRIPTION.test(type)) throw new LdifSyntaxError(`invalid attribute description '${type}'`, line);
  return { type, colon };
}

/** RFC 2849 attrval-spec lines; repeated descriptions (case-insensitive) are merged into one Attribute. */
function readAttributes(r: RecordLines, from: number, url: UrlValueSource): Attribute[] {
  const attributes: Attribute[] = [];
  const byKey = new Map<string, Buffer[]>();
  let lastType = '';
  let lastValues: Buffer[] = [];
  for (let i = from; i < r.end; i++) {
    const text = r.texts[i]!;
    const line = r.lines[i]!;
    const colon = text.indexOf(':');
    // Fast path: consecutive values of the same, already validated, description.
    if (colon === lastType.length && colon > 0 && text.startsWith(lastType)) {
      lastValues.push(decodeValue(text, colon, line, `attribute ${lastType}`, url));
      continue;
    }
    const { type } = attributeName(text, line);
    const key = type.toLowerCase();
    // Two records run together when a blank line is missing; reading the second dn as an attribute would
    // silently merge them.
    if (key === 'dn') throw new LdifSyntaxError("unexpected 'dn:' inside a record (missing blank line?)", line);
    const value = decodeValue(text, colon, line, `attribute ${type}`, url);
    let values = byKey.get(key);
    if (values === undefined) {
      values = [];
      byKey.set(key, values);
      attributes.push({ type, values });
    }
    values.push(value);
    lastType = type;
    lastValues = values;
  }
  return attributes;
}

function readControl(text: string, line: number, url: UrlValueSource): Control {
  // RFC 2849: control: FILL ldap-oid 0*1(1*SPACE ("true" / "false")) 0*1(value-spec)
  const match = /^control: *([0-9.]+)(?: +(true|false))? *(?=:|$)/i.exec(text);
  if (match === null) throw new LdifSyntaxError('invalid control line', line);
  const oid = match[1]!;
  if (!NUMERIC_OID.test(oid)) throw new LdifSyntaxError(`invalid control OID '${oid}'`, line);
  const critical = match[2]?.toLowerCase() === 'true';
  const at = match[0].length;
  if (at === text.length) return { oid, critical };
  return { oid, critical, value: decodeValue(text, at, line, `control ${oid}`, url) };
}

function readModify(r: RecordLines, from: number, url: UrlValueSource): Modification[] {
  const changes: Modification[] = [];
  let i = from;
  while (i < r.end) {
    const header = r.texts[i]!;
    const headerLine = r.lines[i]!;
    const colon = header.indexOf(':');
    const operation = colon < 0 ? '' : header.slice(0, colon).toLowerCase();
    if (!(ModifyOperation as readonly string[]).includes(operation)) {
      throw new LdifSyntaxError("expected 'add:', 'delete:', 'replace:' or 'increment:' in modify record", headerLine);
    }
    const type = plainArgument(header, colon);
    if (!ATTRIBUTE_DESCRIPTION.test(type)) throw new LdifSyntaxError(`invalid attribute description '${type}'`, headerLine);
    const key = type.toLowerCase();
    const values: Buffer[] = [];
    let closed = false;
    for (i++; i < r.end; i++) {
      const text = r.texts[i]!;
      const line = r.lines[i]!;
      if (text === '-') {
        closed = true;
        i++;
        break;
      }
      const name = attributeName(text, line);
      const lower = name.type.toLowerCase();
      if (lower !== key) {
        if ((ModifyOperation as readonly string[]).includes(lower)) {
          throw new LdifSyntaxError(`missing '-' to end the modify block for '${type}'`, line);
        }
        throw new LdifSyntaxError(`attribute '${name.type}' does not match the modify block attribute '${type}'`, line);
      }
      values.push(decodeValue(text, name.colon, line, `attribute ${name.type}`, url));
    }
    // RFC 2849 mod-spec ends with "-": requiring it means a truncated file cannot pass for a shorter change.
    if (!closed) throw new LdifSyntaxError(`missing '-' to end the modify block for '${type}'`, headerLine);
    if ((operation === 'add' || operation === 'increment') && values.length === 0) {
      throw new LdifSyntaxError(`'${operation}' of '${type}' has no values`, headerLine);
    }
    changes.push({ operation: operation as ModifyOperation, attribute: { type, values } });
  }
  return changes;
}

function expectKeyword(r: RecordLines, i: number, keyword: string, changeType: string): number {
  if (i >= r.end || !hasKeyword(r.texts[i]!, keyword)) {
    throw new LdifSyntaxError(`expected '${keyword}:' in ${changeType} record`, r.lines[Math.min(i, r.end - 1)]!);
  }
  return keyword.length;
}

export function parseRecord(r: RecordLines, url: UrlValueSource): LdifRecord {
  const first = r.texts[r.start]!;
  const line = r.lines[r.start]!;
  if (!hasKeyword(first, 'dn')) throw new LdifSyntaxError("expected 'dn:' to start a record", line);
  const dn = decodeText(first, 2, line, 'dn');
  let i = r.start + 1;
  const controls: Control[] = [];
  while (i < r.end && hasKeyword(r.texts[i]!, 'control')) {
    controls.push(readControl(r.texts[i]!, r.lines[i]!, url));
    i++;
  }
  if (i >= r.end || !hasKeyword(r.texts[i]!, 'changetype')) {
    if (controls.length > 0) throw new LdifSyntaxError("expected 'changetype:' after control lines", r.lines[i] ?? r.lines[i - 1]!);
    if (i >= r.end) throw new LdifSyntaxError('record has no attributes', line);
    return { kind: 'content', dn, attributes: readAttributes(r, i, url), line };
  }
  const changeLine = r.lines[i]!;
  const changeType = plainArgument(r.texts[i]!, 10).toLowerCase();
  if (!(LdifChangeTypes as readonly string[]).includes(changeType)) {
    throw new LdifSyntaxError(`unknown changetype '${changeType}'`, changeLine);
  }
  i++;
  const base = { kind: 'change', dn, controls, line } as const;
  switch (changeType as LdifChangeType) {
    case 'add': {
      if (i >= r.end) throw new LdifSyntaxError('add record has no attributes', changeLine);
      return { ...base, changeType: 'add', attributes: readAttributes(r, i, url) };
    }
    case 'delete':
      if (i < r.end) throw new LdifSyntaxError('unexpected line in delete record', r.lines[i]!);
      return { ...base, changeType: 'delete' };
    case 'modify':
      return { ...base, changeType: 'modify', changes: readModify(r, i, url) };
    case 'modrdn':
    case 'moddn': {
      const kind = changeType as 'modrdn' | 'moddn';
      const newRdn = decodeText(r.texts[i]!, expectKeyword(r, i, 'newrdn', kind), r.lines[i]!, 'newrdn');
      i++;
      const flag = plainArgument(r.texts[i]!, expectKeyword(r, i, 'deleteoldrdn', kind));
      if (flag !== '0' && flag !== '1') throw new LdifSyntaxError("deleteoldrdn must be '0' or '1'", r.lines[i]!);
      i++;
      let newSuperior: string | undefined;
      if (i < r.end && hasKeyword(r.texts[i]!, 'newsuperior')) {
        newSuperior = decodeText(r.texts[i]!, 11, r.lines[i]!, 'newsuperior');
        i++;
      }
      if (i < r.end) throw new LdifSyntaxError(`unexpected line in ${kind} record`, r.lines[i]!);
      const record = { ...base, changeType: kind, newRdn, deleteOldRdn: flag === '1' };
      return newSuperior === undefined ? record : { ...record, newSuperior };
    }
  }
}
