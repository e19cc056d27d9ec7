import { LdapError } from '../errors/index.js';
import type { LdifSyntaxError } from '../errors/index.js';
import { readLdif, LdifWriter } from '../ldif/index.js';
import type { LdifRecord } from '../ldif/index.js';
import type { Attribute } from '../protocol/index.js';
import { hashPassword, isHashedPassword } from '../auth/index.js';
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
 * transaction each. A bad record (syntax, schema, missing parent, duplicate) is reported with its line number and
 * skipped as a whole: it never leaves a partial entry, and the other records still load. Parents must come
 * before their children, as in any LDIF export.
 */
export async function importLdif(directory: Directory, source: AsyncIterable<Buffer | string>, options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  let added = 0;
  let rejected = 0;
  const reject = (line: number, dn: string, reason: string): void => {
    rejected++;
    options.onReject?.(line, dn, reason);
  };
  let batch: LdifRecord[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    const results = await directory.backend.write((txn) => records.map((record) => loadOne(directory, txn, record)));
    results.forEach((problem, i) => {
      const record = records[i] as LdifRecord;
      if (problem === undefined) added++;
      else reject(record.line, record.dn, problem);
    });
    options.onProgress?.(added, rejected);
  };
  const reader = readLdif(source, {
    onError: 'skip',
    onSkip: (err: LdifSyntaxError) => reject(err.line, '', err.message),
  });
  for await (const record of reader) {
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { added, rejected, seconds: (Date.now() - started) / 1000 };
}

/** Loads one record inside the batch's transaction; returns why it was rejected, or undefined. */
function loadOne(directory: Directory, txn: WriteTxn, record: LdifRecord): string | undefined {
  let attributes: readonly Attribute[];
  if (record.kind === 'content') attributes = record.attributes;
  else if (record.changeType === 'add') attributes = record.attributes;
  else return `changetype ${record.changeType} cannot be imported; only entries (or changetype: add)`;
  try {
    const target = directory.target(record.dn);
    if (!directory.holds(target)) return `${record.dn} is not under ${directory.suffix.toString()}`;
    const isSuffix = target.ndn === directory.suffixNdn;
    const parentDn = target.dn.parent();
    const parent = isSuffix || parentDn === undefined ? undefined : txn.getByNdn(directory.normalize(parentDn));
    if (!isSuffix && parent === undefined) return `parent of ${record.dn} does not exist (parents must come first)`;
    const rdn = target.dn.rdn();
    if (rdn === undefined) return 'an entry needs an RDN';
    const final = isSuffix ? { dn: target.dn.toString(), ndn: target.ndn } : directory.childDn(rdn, parent);
    if (txn.idOfNdn(final.ndn) !== undefined) return `${record.dn} already exists`;
    const user = attributes.filter((a) => !directory.schema.isOperational(a.type)).map((a) =>
      typeKey(directory.schema, a.type) === 'userpassword' ? { type: a.type, values: a.values.map((v) => (isHashedPassword(v) ? v : hashPassword(v))) } : a,
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
