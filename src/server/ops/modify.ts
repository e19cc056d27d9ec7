import { LdapError, ResultCode } from '../../errors/index.js';
import type { Attribute, Control, Modification, ModifyRequest, ResolvedControls } from '../../protocol/index.js';
import type { Schema } from '../../schema/index.js';
import { hashPassword, isHashedPassword } from '../../auth/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { accessContext, entryFacts, requireWriteAll } from '../access.js';
import { descriptionKey, typeKey } from '../entry-view.js';
import { result } from '../respond.js';
import { checkAssertion, readEntryControl, refuseAliases, refuseNoUserModification } from './write-support.js';

/**
 * Modify (RFC 4511 §4.6): the changes apply in order to a copy of the entry and the result must satisfy the
 * schema; then it is written in the same transaction as every check. Either all changes apply or none.
 */
export async function modify(server: ServerContext, request: ModifyRequest, ctx: RequestContext, controls: ResolvedControls): Promise<OperationOutcome> {
  const directory = server.directory;
  const target = directory.target(request.object);
  const identity = ctx.session.identity;
  refuseNoUserModification(server, request.changes.map((c) => c.attribute.type));
  // Argon2 takes tens of milliseconds: passwords are hashed before the write transaction, not inside it.
  const changes = await hashPasswordChanges(directory.schema, request.changes);
  const responseControls: Control[] = [];
  await directory.backend.write((txn) => {
    const entry = directory.require(txn, target);
    requireWriteAll(server.access, accessContext(txn, identity), entryFacts(directory, entry.ndn, entry.dn, entry.attributes), changes.map((c) => c.attribute.type), `modify ${request.object}`);
    checkAssertion(server, txn, entry, controls);
    const pre = readEntryControl(server, txn, entry, controls, 'pre');
    const user = applyModifications(directory.schema, directory.userAttributes(entry.attributes), changes);
    const dn = directory.target(entry.dn).dn;
    // RFC 4511 §4.6: values of the RDN cannot be removed by a modify (notAllowedOnRDN).
    for (const rdn of dn.rdn()?.avas ?? []) {
      const key = directory.schema.equalityKey(rdn.type, rdn.value);
      const remaining = directory.valuesOf(user, rdn.type).map((v) => safeKey(directory.schema, rdn.type, v));
      if (!remaining.includes(key)) {
        throw new LdapError(ResultCode.notAllowedOnRDN, `attribute '${rdn.type}' value in the RDN cannot be removed`);
      }
    }
    const beforeStructural = directory.valuesOf(entry.attributes, 'structuralObjectClass')[0]?.toString();
    refuseAliases(server, directory.valuesOf(user, 'objectClass'));
    directory.schema.checkEntry(dn, user);
    const structural = directory.schema.structuralObjectClass(directory.valuesOf(user, 'objectClass')).primaryName;
    if (beforeStructural !== undefined && beforeStructural.toLowerCase() !== structural.toLowerCase()) {
      throw new LdapError(ResultCode.objectClassModsProhibited, `the structural object class ${beforeStructural} cannot be changed`);
    }
    const operational = entry.attributes.filter((a) => directory.schema.isOperational(a.type));
    const updated = txn.replace(entry.id, directory.touch([...user, ...operational], identity));
    if (pre !== undefined) responseControls.push(pre);
    const post = readEntryControl(server, txn, updated, controls, 'post');
    if (post !== undefined) responseControls.push(post);
  });
  return { result: result(ResultCode.success), controls: responseControls, log: { dn: request.object, mods: request.changes.map((c) => `${c.operation}:${c.attribute.type}`).join(',') } };
}

function safeKey(schema: Schema, type: string, value: Buffer): string | undefined {
  try {
    return schema.equalityKey(type, value);
  } catch {
    return undefined;
  }
}

/**
 * The changes with every cleartext userPassword value that is added or replaced hashed, so no password is ever
 * stored as given. Values being deleted stay as given: they are matched against what is stored.
 */
export async function hashPasswordChanges(schema: Schema, changes: readonly Modification[]): Promise<Modification[]> {
  return Promise.all(
    changes.map(async (change) => {
      if (typeKey(schema, change.attribute.type) !== 'userpassword' || (change.operation !== 'add' && change.operation !== 'replace')) return change;
      const values = await Promise.all(change.attribute.values.map((v) => (isHashedPassword(v) ? v : hashPassword(v))));
      return { ...change, attribute: { ...change.attribute, values } };
    }),
  );
}

/** Applies RFC 4511 §4.6 modifications to a user-attribute list; returns the new list. */
export function applyModifications(schema: Schema, attributes: readonly Attribute[], changes: readonly Modification[]): Attribute[] {
  // Working copy keyed by attribute description (type aliases and option case folded).
  const work = new Map<string, { type: string; values: Buffer[] }>();
  for (const attribute of attributes) {
    const key = descriptionKey(schema, attribute.type);
    const slot = work.get(key);
    if (slot === undefined) work.set(key, { type: attribute.type, values: [...attribute.values] });
    else slot.values.push(...attribute.values);
  }
  for (const change of changes) {
    const description = change.attribute.type;
    const type = typeKey(schema, description);
    if (schema.attributeType(type) === undefined) {
      throw new LdapError(ResultCode.undefinedAttributeType, `attribute type '${description}' is not defined`);
    }
    const key = descriptionKey(schema, description);
    const values = change.attribute.values;
    for (const value of values) schema.validateValue(description, value);
    const slot = work.get(key);
    const keyOf = (v: Buffer): string | undefined => safeKey(schema, type, v) ?? v.toString('hex');
    switch (change.operation) {
      case 'add': {
        if (values.length === 0) throw new LdapError(ResultCode.protocolError, `add of '${description}' needs at least one value`);
        const present = new Set((slot?.values ?? []).map(keyOf));
        for (const value of values) {
          const k = keyOf(value);
          if (present.has(k)) throw new LdapError(ResultCode.attributeOrValueExists, `attribute '${description}' already has value ${JSON.stringify(value.toString('utf8'))}`);
          present.add(k);
        }
        if (slot === undefined) work.set(key, { type: description, values: [...values] });
        else slot.values.push(...values);
        break;
      }
      case 'delete': {
        if (slot === undefined) throw new LdapError(ResultCode.noSuchAttribute, `attribute '${description}' is not present`);
        if (values.length === 0) {
          work.delete(key);
          break;
        }
        for (const value of values) {
          const k = keyOf(value);
          const index = slot.values.findIndex((v) => keyOf(v) === k);
          if (index < 0) throw new LdapError(ResultCode.noSuchAttribute, `attribute '${description}' has no value ${JSON.stringify(value.toString('utf8'))}`);
          slot.values.splice(index, 1);
        }
        if (slot.values.length === 0) work.delete(key);
        break;
      }
      case 'replace':
        if (values.length === 0) work.delete(key);
        else work.set(key, { type: description, values: [...values] });
        break;
      case 'increment': {
        // RFC 4525: every value of the attribute is increased by the (single, integer) delta.
        if (slot === undefined) throw new LdapError(ResultCode.noSuchAttribute, `attribute '${description}' is not present to increment`);
        if (values.length !== 1) throw new LdapError(ResultCode.protocolError, 'increment takes exactly one value');
        const delta = parseInteger(values[0] as Buffer, description);
        slot.values = slot.values.map((v) => Buffer.from((parseInteger(v, description) + delta).toString()));
        break;
      }
    }
  }
  return [...work.values()].map((slot) => ({ type: slot.type, values: slot.values }));
}

function parseInteger(value: Buffer, attribute: string): bigint {
  const text = value.toString('utf8');
  if (!/^-?\d+$/.test(text)) throw new LdapError(ResultCode.constraintViolation, `attribute '${attribute}' value ${JSON.stringify(text)} is not an integer`);
  return BigInt(text);
}
