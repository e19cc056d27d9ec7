import fc from 'fast-check';
import type { Attribute, Control, Modification } from '../../src/protocol/model.js';
import { ModifyOperation } from '../../src/protocol/model.js';
import type { LdifRecord } from '../../src/ldif/index.js';

/** Random LDIF records for round-trip and chunking properties. `line` is left 0: the caller fills it in. */

// 'dn', 'changetype' and 'control' are keywords where attributes stand; the writer refuses them there.
const description = fc
  .stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,8}(;[a-zA-Z0-9-]{1,5}){0,2}$/)
  .filter((d) => !['dn', 'changetype', 'control'].includes(d.toLowerCase()));

const value: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 40 }).map((u) => Buffer.from(u)),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => Buffer.from(s, 'utf8')),
  fc.string({ unit: 'binary', maxLength: 30 }).map((s) => Buffer.from(s, 'utf8')),
  fc.stringMatching(/^[ -~]{0,40}$/).map((s) => Buffer.from(s, 'latin1')),
  // Long values exercise folding, including folds of base64 and of plain text.
  fc.string({ minLength: 80, maxLength: 400 }).map((s) => Buffer.from(s, 'latin1')),
  fc.uint8Array({ minLength: 60, maxLength: 300 }).map((u) => Buffer.from(u)),
);

const text: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[ -~]{0,60}$/),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 70, maxLength: 200 }),
);

const attributes = (minLength: number): fc.Arbitrary<Attribute[]> =>
  fc
    .uniqueArray(description, { minLength, maxLength: 6, selector: (d) => d.toLowerCase() })
    .chain((types) => fc.tuple(...types.map((type) => fc.array(value, { minLength: 1, maxLength: 4 }).map((values) => ({ type, values })))));

const control: fc.Arbitrary<Control> = fc
  .record({ oid: fc.stringMatching(/^(0|[1-9][0-9]{0,4})(\.(0|[1-9][0-9]{0,4})){1,6}$/), critical: fc.boolean(), value: fc.option(value, { nil: undefined }) })
  .map(({ oid, critical, value: v }) => (v === undefined ? { oid, critical } : { oid, critical, value: v }));

const modification: fc.Arbitrary<Modification> = fc
  .record({ operation: fc.constantFrom(...ModifyOperation), type: description, values: fc.array(value, { maxLength: 3 }) })
  .map(({ operation, type, values }) => ({
    operation,
    // RFC 4511 add and RFC 4525 increment carry at least one value.
    attribute: { type, values: (operation === 'add' || operation === 'increment') && values.length === 0 ? [Buffer.from('1')] : values },
  }));

export const contentRecord: fc.Arbitrary<LdifRecord> = fc
  .record({ dn: text, attributes: attributes(1) })
  .map(({ dn, attributes: attrs }) => ({ kind: 'content', dn, attributes: attrs, line: 0 }));

export const changeRecord: fc.Arbitrary<LdifRecord> = fc
  .record({ dn: text, controls: fc.array(control, { maxLength: 2 }) })
  .chain(({ dn, controls }) => {
    const base = { kind: 'change', dn, controls, line: 0 } as const;
    return fc.oneof(
      attributes(1).map((attrs): LdifRecord => ({ ...base, changeType: 'add', attributes: attrs })),
      fc.constant<LdifRecord>({ ...base, changeType: 'delete' }),
      fc.array(modification, { maxLength: 4 }).map((changes): LdifRecord => ({ ...base, changeType: 'modify', changes })),
      fc
        .record({ changeType: fc.constantFrom('modrdn' as const, 'moddn' as const), newRdn: text, deleteOldRdn: fc.boolean(), newSuperior: fc.option(text, { nil: undefined }) })
        .map(({ newSuperior, ...rest }): LdifRecord => (newSuperior === undefined ? { ...base, ...rest } : { ...base, ...rest, newSuperior })),
    );
  });

export const anyRecord: fc.Arbitrary<LdifRecord> = fc.oneof(contentRecord, changeRecord);
