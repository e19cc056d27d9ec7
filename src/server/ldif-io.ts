import { LdapError } from '../errors/index.js';
import type { LdifSyntaxError } from '../errors/index.js';
import { readLdif, LdifWriter } from '../ldif/index.js';
import type { LdifRecord } from '../ldif/index.js';
import type { Attribute } from '../protocol/index.js';
import { hashPassword, hashPasswordSync, isHashedPassword } from '../auth/index.js';
import type { StoredEntry, WriteTxn, ReadTxn } from '../backend/index.js';
import type { Directory } from './directory.js';
import { ANONYMOUS } from './session.js';
import { typeKey } from './entry-view.js';

export interface ImportReport {
  readonly added: number;
  readonly rejected: number;
  readonly seconds: number;
}

export interface ImportOptions {
  /** Records per write transaction. */
  readonly batchSize?: number;
  readonly onProgress?: (added: number, rejected: number) => void;
  /** A record that was not loaded, with the LDIF line where it starts. */
  readonly onReject?: (line: number, dn: string, reason: string) => void;
}

/**
 * Offline bulk load (what slapadd does): content records, or add change records, in batches of one write
 * transaction each. A bad record (syntax, schema, missing parent, duplicate) is reported with its line number, in
 * file order, and skipped as a whole: it never leaves a partial entry, and the other records still load. Parents must come
 * before their children, as in any LDIF export.
 */
export async function importLdif(directory: Directory, source: AsyncIterable<Buffer | string>, options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  let added = 0;
  let rejected = 0;
  let batch: LdifRecord[] = [];
  // Syntax errors surface while reading, record problems when their batch commits; both wait here so the
  // operator sees the rejects in file order.
  let syntaxRejects: { line: number; dn: string; reason: string }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0 && syntaxRejects.length === 0) return;
    // Cleartext passwords are hashed before the batch's write transaction (Argon2 runs on libuv's thread pool,
    // several at once); values that already carry a scheme ({SSHA}… from slapcat) are kept as given.
    const records = await Promise.all(batch.map((record) => hashRecordPasswords(directory, record)));
    batch = [];
    const rejects = syntaxRejects;
    syntaxRejects = [];
    const results = records.length === 0 ? [] : await directory.backend.write((txn) => records.map((record) => loadOne(directory, txn, record)));
    results.forEach((problem, i) => {
      const record = records[i] as LdifRecord;
      if (problem === undefined) added++;
      else rejects.push({ line: record.line, dn: record.dn, reason: problem });
    });
    rejects.sort((a, b) => a.line - b.line);
    for (const r of rejects) {
      rejected++;
      options.onReject?.(r.line, r.dn, r.reason);
    }
    options.onProgress?.(added, rejected);
  };
  const reader = readLdif(source, {
    onError: 'skip',
    // The message starts `line N: `; the caller prints the line number itself.
    onSkip: (err: LdifSyntaxError) => syntaxRejects.push({ line: err.line, dn: '', reason: err.message.replace(/^line \d+: /, '') }),
  });
  for await (const record of reader) {
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { added, rejected, seconds: (Date.now() - started) / 1000 };
}

/** The record with each cleartext userPassword value replaced by its Argon2id hash. */
async function hashRecordPasswords(directory: Directory, record: LdifRecord): Promise<LdifRecord> {
  if (record.kind === 'change' && record.changeType !== 'add') return record;
  const attributes = record.attributes;
  try {
    if (!attributes.some((a) => typeKey(directory.schema, a.type) === 'userpassword')) return record;
    const hashed = await Promise.all(
      attributes.map(async (a) =>
        typeKey(directory.schema, a.type) === 'userpassword' ? { type: a.type, values: await Promise.all(a.values.map((v) => (isHashedPassword(v) ? v : hashPassword(v)))) } : a,
      ),
    );
    return { ...record, attributes: hashed };
  } catch (err) {
    // A malformed attribute description: loadOne meets it again inside its own error handling and rejects the record.
    if (err instanceof LdapError) return record;
    throw err;
  }
}

/** Loads one record inside the batch's transaction; returns why it was rejected, or undefined. */
function loadOne(directory: Directory, txn: WriteTxn, record: LdifRecord): string | undefined {
  let attributes: readonly Attribute[];
  if (record.kind === 'content') attributes = record.attributes;
  else if (record.changeType === 'add') attributes = record.attributes;
  else return `changetype ${record.changeType} cannot be imported; only entries (or changetype: add)`;
  try {
    const target = directory.target(record.dn);
    if (!directory.holds(target)) return `not under the naming context ${directory.suffix.toString()}`;
    const isSuffix = target.ndn === directory.suffixNdn;
    const parentDn = target.dn.parent();
    const parent = isSuffix || parentDn === undefined ? undefined : txn.getByNdn(directory.normalize(parentDn));
    if (!isSuffix && parent === undefined) return `parent ${parentDn?.toString() ?? ''} does not exist (parents must come first)`;
    const rdn = target.dn.rdn();
    if (rdn === undefined) return 'an entry needs an RDN';
    const final = isSuffix ? { dn: target.dn.toString(), ndn: target.ndn } : directory.childDn(rdn, parent);
    if (txn.idOfNdn(final.ndn) !== undefined) return 'an entry with this DN already exists';
    // Normally already hashed by hashRecordPasswords; hashing here too means no path stores a cleartext value.
    const user = attributes.filter((a) => !directory.schema.isOperational(a.type)).map((a) =>
      typeKey(directory.schema, a.type) === 'userpassword' ? { type: a.type, values: a.values.map((v) => (isHashedPassword(v) ? v : hashPasswordSync(v))) } : a,
    );
    directory.schema.checkEntry(target.dn, user);
    const structural = directory.schema.structuralObjectClass(directory.valuesOf(user, 'objectClass'));
    // Operational attributes in the file (an export from Warden or slapcat) are kept; missing ones are created.
    const given = attributes.filter((a) => directory.schema.isOperational(a.type));
    const givenKeys = new Set(given.map((a) => typeKey(directory.schema, a.type)));
    const created = directory.creationAttributes(ANONYMOUS, structural.primaryName).filter((a) => !givenKeys.has(typeKey(directory.schema, a.type)));
    txn.add(parent?.id ?? 0, final.dn, final.ndn, [...user, ...given.filter((a) => isStoredOperational(directory, a)), ...created]);
    return undefined;
  } catch (err) {
    if (err instanceof LdapError) return `${err.resultName}: ${err.message}`;
    throw err;
  }
}

/** Computed attributes (memberOf, entryDN…) are never stored, even when an export carried them. */
function isStoredOperational(directory: Directory, attribute: Attribute): boolean {
  const key = typeKey(directory.schema, attribute.type);
  return ['structuralobjectclass', 'entryuuid', 'creatorsname', 'createtimestamp', 'modifiersname', 'modifytimestamp'].includes(key);
}

/** Writes the whole tree as LDIF, parents before children (what slapcat does), with stored operational attributes. */
export async function exportLdif(directory: Directory, out: NodeJS.WritableStream): Promise<number> {
  const writer = new LdifWriter(out, { includeVersion: true });
  const rootId = directory.backend.read((txn) => txn.idOfNdn(directory.suffixNdn));
  if (rootId === undefined) {
    await writer.end();
    return 0;
  }
  // Depth-first from the suffix: a parent is always written before its children, even after subtree moves.
  const stack: number[] = [rootId];
  let count = 0;
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const { entry, children } = directory.backend.read((txn: ReadTxn) => ({
      entry: txn.getById(id),
      children: [...txn.candidates({ baseId: id, scope: 'one' }, { type: 'and', filters: [] })].map((c: StoredEntry) => c.id),
    }));
    if (entry === undefined) continue;
    const pending = writer.write({ dn: entry.dn, attributes: [...entry.attributes] });
    if (pending !== undefined) await pending;
    count++;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as number);
  }
  await writer.end();
  return count;
}
