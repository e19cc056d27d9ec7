import type { Dn } from '../dn/index.js';
import { LdapError, ProtocolError, ResultCode } from '../errors/index.js';
import type { Attribute } from '../protocol/index.js';
import { splitAttributeDescription } from './attribute-description.js';
import { allMay, allMust, isSameOrSubtypeOf, superclassesOf } from './model.js';
import type { AttributeType, ObjectClass } from './model.js';

/** What the entry check needs from the schema. */
export interface EntryCheckLookup {
  attributeType(nameOrOid: string): AttributeType | undefined;
  objectClass(nameOrOid: string): ObjectClass | undefined;
  validateValue(attribute: string, value: Buffer, index?: number): void;
}

const OBJECT_CLASS_OID = '2.5.4.0';
const EXTENSIBLE_OBJECT_OID = '1.3.6.1.4.1.1466.101.120.111';

interface Group {
  readonly name: string;
  readonly type: AttributeType;
  readonly options: readonly string[];
  readonly values: Buffer[];
}

function violation(code: number, message: string): LdapError {
  return new LdapError(code, message);
}

/** The object classes named by objectClass values; an unknown one is an objectClassViolation. */
export function resolveObjectClasses(lookup: EntryCheckLookup, values: readonly Buffer[]): ObjectClass[] {
  return values.map((value) => {
    const name = value.toString('utf8').trim();
    const oc = lookup.objectClass(name);
    if (oc === undefined) throw violation(ResultCode.objectClassViolation, `unknown object class '${name}'`);
    return oc;
  });
}

/**
 * RFC 4512 §2.4.2: an entry belongs to exactly one structural object class chain. The structural class
 * is the most specific structural class listed; two that are not on one SUP chain are a violation.
 */
export function structuralClassOf(classes: readonly ObjectClass[]): ObjectClass {
  const structural = [...new Set(classes.filter((c) => c.kind === 'STRUCTURAL'))];
  const leaves = structural.filter((c) => !structural.some((other) => other !== c && superclassesOf(other).includes(c)));
  if (leaves.length === 0) throw violation(ResultCode.objectClassViolation, 'no structural object class provided');
  if (leaves.length > 1) {
    throw violation(ResultCode.objectClassViolation, `invalid structural object class chain (${leaves.map((c) => c.primaryName).join('/')})`);
  }
  return leaves[0] as ObjectClass;
}

function groupAttributes(lookup: EntryCheckLookup, attributes: readonly Attribute[]): Group[] {
  const groups = new Map<string, Group>();
  for (const attribute of attributes) {
    const { type: name, options } = splitAttributeDescription(attribute.type);
    const type = lookup.attributeType(name);
    if (type === undefined) throw violation(ResultCode.undefinedAttributeType, `undefined attribute type '${attribute.type}'`);
    // RFC 4511 §4.7: every attribute of an entry has at least one value.
    if (attribute.values.length === 0) throw new ProtocolError(`attribute '${attribute.type}' has no values`);
    const key = [type.oid, ...[...options].sort()].join(';');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { name: attribute.type, type, options, values: [...attribute.values] });
    else group.values.push(...attribute.values);
  }
  return [...groups.values()];
}

function checkValues(lookup: EntryCheckLookup, group: Group): void {
  const keys = new Set<string>();
  group.values.forEach((value, index) => {
    lookup.validateValue(group.name, value, index);
    // Without an EQUALITY rule values are distinct when their octets differ (RFC 4512 §2.3).
    const key = group.type.equality === undefined ? value.toString('latin1') : group.type.equality.normalize(value);
    if (keys.has(key)) throw violation(ResultCode.attributeOrValueExists, `${group.name}: value #${index} provided more than once`);
    keys.add(key);
  });
  if (group.type.singleValue && group.values.length > 1) {
    throw violation(ResultCode.constraintViolation, `attribute '${group.name}' cannot have multiple values`);
  }
}

/** The value of a `#hex` AVA is a BER element; its content octets are the value (RFC 4514 §2.4). */
function berContent(element: Buffer): Buffer {
  const first = element[1] ?? 0;
  if (first < 0x80) return element.subarray(2, 2 + first);
  const count = first & 0x7f;
  return element.subarray(2 + count);
}

function checkRdn(lookup: EntryCheckLookup, dn: Dn, groups: readonly Group[]): void {
  for (const ava of dn.rdn()?.avas ?? []) {
    const type = lookup.attributeType(ava.type);
    if (type === undefined) throw violation(ResultCode.namingViolation, `naming attribute '${ava.type}' is undefined`);
    const values = groups.filter((g) => g.type === type).flatMap((g) => g.values);
    const value = ava.hexEncoded ? berContent(ava.value) : ava.value;
    const rule = type.equality;
    let found: boolean;
    if (rule === undefined) {
      found = values.some((v) => v.equals(value));
    } else {
      let key: string;
      try {
        key = rule.normalize(value);
      } catch (error) {
        if (!(error instanceof LdapError)) throw error;
        throw violation(ResultCode.namingViolation, `value of naming attribute '${ava.type}' is invalid`);
      }
      found = values.some((v) => rule.normalize(v) === key);
    }
    if (!found) throw violation(ResultCode.namingViolation, `value of naming attribute '${ava.type}' is not present in entry`);
  }
}

/**
 * The checks of RFC 4512 §2.4 (object classes), §2.5 (attribute types) and X.501 naming, in this order:
 * unknown types (17), syntax (21), duplicate values (20), SINGLE-VALUE (19), object classes and their
 * MUST/MAY (65), then the RDN (64). Operational attributes are checked for syntax and values only.
 */
export function checkEntry(lookup: EntryCheckLookup, dn: Dn, attributes: readonly Attribute[]): void {
  const groups = groupAttributes(lookup, attributes);
  for (const group of groups) checkValues(lookup, group);

  const ocValues = groups.filter((g) => g.type.oid === OBJECT_CLASS_OID).flatMap((g) => g.values);
  if (ocValues.length === 0) throw violation(ResultCode.objectClassViolation, 'no objectClass attribute');
  const listed = resolveObjectClasses(lookup, ocValues);
  structuralClassOf(listed);
  const classes = [...new Set(listed.flatMap(superclassesOf))];

  const present = groups.map((g) => g.type);
  for (const oc of classes) {
    for (const required of oc.must) {
      if (!present.some((t) => isSameOrSubtypeOf(t, required))) {
        throw violation(ResultCode.objectClassViolation, `object class '${oc.primaryName}' requires attribute '${required.primaryName}'`);
      }
    }
  }

  if (!classes.some((c) => c.oid === EXTENSIBLE_OBJECT_OID)) {
    const allowed = new Set(listed.flatMap((c) => [...allMust(c), ...allMay(c)]));
    for (const group of groups) {
      if (group.type.usage !== 'userApplications') continue;
      // A subtype of an allowed type is allowed (X.501 §12.4.2, as OpenLDAP): `name` would admit `cn`.
      let allowedType = false;
      for (let t: AttributeType | undefined = group.type; t !== undefined && !allowedType; t = t.sup) allowedType = allowed.has(t);
      if (!allowedType) {
        throw violation(ResultCode.objectClassViolation, `attribute '${group.name}' is not allowed by the entry's object classes`);
      }
    }
  }
  checkRdn(lookup, dn, groups);
}
