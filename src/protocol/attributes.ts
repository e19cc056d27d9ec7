import { BerTag } from '../ber/index.js';
import type { BerReader, BerWriter } from '../ber/index.js';
import type { Attribute } from './model.js';

/** PartialAttribute ::= SEQUENCE { type AttributeDescription, vals SET OF value AttributeValue } */
export function writeAttribute(w: BerWriter, attribute: Attribute): void {
  w.startSequence();
  w.writeString(attribute.type);
  w.startSequence(BerTag.set);
  for (const value of attribute.values) w.writeOctetString(value);
  w.endSequence();
  w.endSequence();
}

export function readAttribute(r: BerReader): Attribute {
  const seq = r.readSequence();
  const type = seq.readString();
  const set = seq.readSequence(BerTag.set);
  seq.end();
  const values: Buffer[] = [];
  while (!set.atEnd) values.push(set.readOctetString());
  return { type, values };
}

/** PartialAttributeList / AttributeList ::= SEQUENCE OF attribute PartialAttribute */
export function writeAttributeList(w: BerWriter, attributes: readonly Attribute[]): void {
  w.startSequence();
  for (const attribute of attributes) writeAttribute(w, attribute);
  w.endSequence();
}

export function readAttributeList(r: BerReader): Attribute[] {
  const seq = r.readSequence();
  const attributes: Attribute[] = [];
  while (!seq.atEnd) attributes.push(readAttribute(seq));
  return attributes;
}

/** AttributeSelection ::= SEQUENCE OF selector LDAPString (RFC 4511 §4.5.1.8) */
export function writeAttributeSelection(w: BerWriter, selection: readonly string[]): void {
  w.startSequence();
  for (const selector of selection) w.writeString(selector);
  w.endSequence();
}

export function readAttributeSelection(r: BerReader): string[] {
  const seq = r.readSequence();
  const selection: string[] = [];
  while (!seq.atEnd) selection.push(seq.readString());
  return selection;
}
