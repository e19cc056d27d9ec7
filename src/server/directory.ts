import { randomUUID } from 'node:crypto';
import { Dn } from '../dn/index.js';
import type { Rdn } from '../dn/index.js';
import { InvalidDnSyntaxError, LdapError, ResultCode } from '../errors/index.js';
import type { Attribute } from '../protocol/index.js';
import type { Schema } from '../schema/index.js';
import type { LmdbBackend, ReadTxn, StoredEntry } from '../backend/index.js';
import type { Identity } from './session.js';
import { typeKey } from './entry-view.js';

/** The subschema subentry's DN (RFC 4512 §4.2), published in subschemaSubentry of every entry. */
export const SUBSCHEMA_DN = 'cn=Subschema';

/** A DN from a request, parsed, with its normalised key (slapd's o_req_dn / o_req_ndn). */
export interface TargetDn {
  readonly dn: Dn;
  readonly ndn: string;
}

export interface DirectoryOptions {
  readonly suffix: Dn;
  /** Members of this group, and the administrator DN itself, may do everything. */
  readonly adminDn: Dn;
  readonly adminGroupDn: Dn;
}

/**
 * The directory as LDAP sees it: DNs, entries, operational attributes and the rules every operation shares.
 * Operations (src/server/ops) use it inside backend transactions, so checks and writes see the same state.
 */
export class Directory {
  readonly backend: LmdbBackend;
  readonly schema: Schema;
  readonly suffix: Dn;
  readonly suffixNdn: string;
  readonly adminNdn: string;
  readonly adminGroupNdn: string;
  readonly subschemaNdn: string;

  constructor(backend: LmdbBackend, schema: Schema, options: DirectoryOptions) {
    this.backend = backend;
    this.schema = schema;
    this.suffix = options.suffix;
    this.suffixNdn = this.normalize(options.suffix);
    this.adminNdn = this.normalize(options.adminDn);
    this.adminGroupNdn = this.normalize(options.adminGroupDn);
    this.subschemaNdn = this.normalize(Dn.parse(SUBSCHEMA_DN));
  }

  normalize(dn: Dn): string {
    return dn.normalize(this.schema.valueNormalizer);
  }

  /** Parses a DN from a request: invalidDNSyntax (34) when it does not parse. */
  target(text: string): TargetDn {
    let dn: Dn;
    try {
      dn = Dn.parse(text);
    } catch (err) {
      if (err instanceof LdapError) throw new InvalidDnSyntaxError(`invalid DN ${JSON.stringify(text)}: ${err.message}`);
      throw err;
    }
    for (const rdn of dn.rdns) {
      for (const ava of rdn.avas) {
        if (this.schema.attributeType(ava.type) === undefined) {
          throw new InvalidDnSyntaxError(`invalid DN ${JSON.stringify(text)}: unknown attribute type '${ava.type}'`);
        }
      }
    }
    return { dn, ndn: this.normalize(dn) };
  }

  normalizeRdn(rdn: Rdn): string {
    return rdn.normalize(this.schema.valueNormalizer);
  }

  /** Whether `target` is the suffix or below it. */
  holds(target: TargetDn): boolean {
    return target.ndn === this.suffixNdn || target.ndn.endsWith(`,${this.suffixNdn}`);
  }

  /**
   * The entry at `target`, or noSuchObject (32) carrying the closest existing superior as matchedDN
   * (RFC 4511 §4.1.9), which tells a client where the path breaks.
   */
  require(txn: ReadTxn, target: TargetDn): StoredEntry {
    const entry = txn.getByNdn(target.ndn);
    if (entry !== undefined) return entry;
    throw new LdapError(ResultCode.noSuchObject, `no such entry: ${target.dn.toString()}`, { matchedDn: this.matchedDn(txn, target.dn) });
  }

  matchedDn(txn: ReadTxn, dn: Dn): string {
    for (let parent = dn.parent(); parent !== undefined && !parent.isRoot; parent = parent.parent()) {
      const found = txn.getByNdn(this.normalize(parent));
      if (found !== undefined) return found.dn;
    }
    return '';
  }

  /** The stored form of a child's DN: its RDN as given, then the parent's stored DN, so renames can rewrite suffixes. */
  childDn(rdn: Rdn, parent: StoredEntry | undefined): { dn: string; ndn: string } {
    const rdnText = rdn.toString();
    const rdnNdn = this.normalizeRdn(rdn);
    if (parent === undefined) return { dn: rdnText, ndn: rdnNdn };
    return { dn: `${rdnText},${parent.dn}`, ndn: `${rdnNdn},${parent.ndn}` };
  }

  isAdmin(txn: ReadTxn, identity: Identity): boolean {
    if (identity.kind !== 'dn') return false;
    if (identity.ndn === this.adminNdn) return true;
    const groupId = txn.idOfNdn(this.adminGroupNdn);
    if (groupId === undefined) return false;
    // The member index answers in one lookup; without it, the group's values are compared one by one.
    const indexed = txn.idsWithEquality('member', identity.ndn);
    if (indexed !== undefined) return indexed.includes(groupId);
    const group = txn.getById(groupId);
    return group !== undefined && this.valuesOf(group.attributes, 'member').some((member) => this.#memberKey(member) === identity.ndn);
  }

  #memberKey(value: Buffer): string | undefined {
    try {
      return this.schema.equalityKey('member', value);
    } catch {
      return undefined;
    }
  }

  /** Values of one attribute type (aliases resolved, options ignored). */
  valuesOf(attributes: readonly Attribute[], type: string): Buffer[] {
    const key = typeKey(this.schema, type);
    const values: Buffer[] = [];
    for (const attribute of attributes) {
      if (typeKey(this.schema, attribute.type) === key) values.push(...attribute.values);
    }
    return values;
  }

  /** Operational attributes every new entry gets (RFC 4512 §3.4, RFC 4530). */
  creationAttributes(identity: Identity, structural: string): Attribute[] {
    const now = Buffer.from(generalizedTimeNow());
    const who = Buffer.from(identity.kind === 'dn' ? identity.dn : '');
    return [
      { type: 'structuralObjectClass', values: [Buffer.from(structural)] },
      { type: 'entryUUID', values: [Buffer.from(randomUUID())] },
      { type: 'creatorsName', values: [who] },
      { type: 'createTimestamp', values: [now] },
      { type: 'modifiersName', values: [who] },
      { type: 'modifyTimestamp', values: [now] },
    ];
  }

  /** Replaces modifiersName/modifyTimestamp in a changed entry. */
  touch(attributes: readonly Attribute[], identity: Identity): Attribute[] {
    const kept = attributes.filter((a) => {
      const key = typeKey(this.schema, a.type);
      return key !== 'modifiersname' && key !== 'modifytimestamp';
    });
    kept.push(
      { type: 'modifiersName', values: [Buffer.from(identity.kind === 'dn' ? identity.dn : '')] },
      { type: 'modifyTimestamp', values: [Buffer.from(generalizedTimeNow())] },
    );
    return kept;
  }

  /** User attributes only: what the schema checks and what `*` returns. */
  userAttributes(attributes: readonly Attribute[]): Attribute[] {
    return attributes.filter((a) => !this.schema.isOperational(a.type));
  }
}

/** GeneralizedTime in UTC with second precision, as slapd writes createTimestamp (e.g. 20261125083000Z). */
export function generalizedTimeNow(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}
