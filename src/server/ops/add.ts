import { LdapError, ResultCode } from '../../errors/index.js';
import type { AddRequest, Attribute, Control, ResolvedControls } from '../../protocol/index.js';
import { hashPassword, isHashedPassword } from '../../auth/index.js';
import type { OperationOutcome, RequestContext } from '../connection.js';
import type { ServerContext } from '../context.js';
import { accessContext, entryFacts, requireAccess, requireWriteAll } from '../access.js';
import { typeKey } from '../entry-view.js';
import { result } from '../respond.js';
import { readEntryControl, refuseAliases, refuseNoUserModification } from './write-support.js';

/**
 * Add (RFC 4511 §4.7): the parent must exist (noSuchObject with matchedDN otherwise), the DN must be free
 * (entryAlreadyExists), and the entry must satisfy the schema. Everything, including the checks, runs in one write
 * transaction, so two concurrent adds cannot both pass the existence check.
 */
export async function add(server: ServerContext, request: AddRequest, ctx: RequestContext, controls: ResolvedControls): Promise<OperationOutcome> {
  const directory = server.directory;
  const target = directory.target(request.entry);
  const log = { dn: request.entry, attrs: request.attributes.map((a) => a.type).join(',') };
  if (target.dn.isRoot) throw new LdapError(ResultCode.unwillingToPerform, 'the root DSE cannot be added');
  if (!directory.holds(target)) {
    throw new LdapError(ResultCode.unwillingToPerform, `${request.entry} is not under the naming context ${directory.suffix.toString()}`);
  }
  refuseNoUserModification(server, request.attributes.map((a) => a.type));
  // Argon2 takes tens of milliseconds: passwords are hashed before the write transaction, not inside it.
  const attributes = await mergeAttributes(server, request.attributes);
  refuseAliases(server, directory.valuesOf(attributes, 'objectClass'));
  const identity = ctx.session.identity;
  const responseControls: Control[] = [];
  await directory.backend.write((txn) => {
    const isSuffix = target.ndn === directory.suffixNdn;
    const parentDn = target.dn.parent();
    const parent = isSuffix || parentDn === undefined ? undefined : txn.getByNdn(directory.normalize(parentDn));
    if (!isSuffix && parent === undefined) {
      throw new LdapError(ResultCode.noSuchObject, `parent of ${request.entry} does not exist`, { matchedDn: directory.matchedDn(txn, target.dn) });
    }
    const rdn = target.dn.rdn();
    if (rdn === undefined) throw new LdapError(ResultCode.namingViolation, 'an entry needs an RDN');
    const stored = directory.childDn(rdn, isSuffix ? undefined : parent);
    const final = isSuffix ? { dn: target.dn.toString(), ndn: target.ndn } : stored;
    if (txn.idOfNdn(final.ndn) !== undefined) {
      throw new LdapError(ResultCode.entryAlreadyExists, `${request.entry} already exists`);
    }
    const access = accessContext(txn, identity);
    const facts = entryFacts(directory, final.ndn, final.dn, attributes);
    requireAccess(server.access, access, facts, 'entry', 'add', `add ${request.entry}`);
    requireWriteAll(server.access, access, facts, attributes.map((a) => a.type), `add ${request.entry}`);
    directory.schema.checkEntry(target.dn, attributes);
    const structural = directory.schema.structuralObjectClass(directory.valuesOf(attributes, 'objectClass'));
    const full = [...attributes, ...directory.creationAttributes(identity, structural.primaryName)];
    const entry = txn.add(parent?.id ?? 0, final.dn, final.ndn, full);
    const post = readEntryControl(server, txn, entry, controls, 'post');
    if (post !== undefined) responseControls.push(post);
  });
  return { result: result(ResultCode.success), controls: responseControls, log };
}

/**
 * Merges repeated attribute descriptions (`cn: a` and `CN: b`) into one attribute and hashes cleartext
 * userPassword values, so no password is ever stored as given.
 */
export async function mergeAttributes(server: ServerContext, attributes: readonly Attribute[]): Promise<Attribute[]> {
  const merged = new Map<string, { type: string; values: Buffer[] }>();
  for (const attribute of attributes) {
    const key = attribute.type.toLowerCase();
    const existing = merged.get(key);
    if (existing === undefined) merged.set(key, { type: attribute.type, values: [...attribute.values] });
    else existing.values.push(...attribute.values);
  }
  const out: Attribute[] = [];
  for (const attribute of merged.values()) {
    if (typeKey(server.directory.schema, attribute.type) === 'userpassword') {
      out.push({ type: attribute.type, values: await Promise.all(attribute.values.map((v) => (isHashedPassword(v) ? v : hashPassword(v)))) });
    } else {
      out.push(attribute);
    }
  }
  return out;
}
