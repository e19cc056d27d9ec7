/**
 * A large LDIF file for `warden import` tests: the naming context, an administrator, inetOrgPerson users and
 * groupOfNames groups with members, plus a few deliberately bad records whose line numbers are recorded.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface GoodRecord {
  readonly dn: string;
  /** Lower-cased attribute type → values exactly as given (userPassword in clear). */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

export interface BadRecord {
  readonly dn: string;
  /** The line the import should name: the `dn:` line, or for a syntax error the offending line. */
  readonly line: number;
  readonly kind: 'missing parent' | 'schema violation' | 'duplicate' | 'duplicate in the same batch' | 'base64 error';
}

export interface BigLdif {
  readonly records: number;
  readonly good: readonly GoodRecord[];
  readonly bad: readonly BadRecord[];
}

export const IMPORT_ADMIN_PASSWORD = 'Import-Admin-Pw-31337';

type Attr = readonly [type: string, value: string, base64?: boolean];

/**
 * Writes `total` records to `file` (5 of them bad) and returns what a correct import must contain. Every 97th
 * user has a non-ASCII `cn` given in base64 and a description long enough to be folded across lines.
 */
export async function writeBigLdif(file: string, suffix: string, total: number, groups: number): Promise<BigLdif> {
  const out = createWriteStream(file);
  let chunk: string[] = [];
  let line = 1;
  const good: GoodRecord[] = [];
  const bad: BadRecord[] = [];
  const emit = async (text: string): Promise<void> => {
    chunk.push(text);
    line += text.split('\n').length - 1;
    if (chunk.length >= 2000) {
      if (!out.write(chunk.join(''))) await once(out, 'drain');
      chunk = [];
    }
  };
  const record = async (dn: string, attrs: readonly Attr[], badKind?: BadRecord['kind']): Promise<void> => {
    const start = line;
    let text = `dn: ${dn}\n`;
    let badLine = start;
    for (const [type, value, base64] of attrs) {
      if (base64 === true) {
        if (badKind === 'base64 error' && type === 'description') badLine = start + text.split('\n').length - 1;
        text += `${type}:: ${badKind === 'base64 error' && type === 'description' ? '!!not*base64!!' : Buffer.from(value).toString('base64')}\n`;
      } else if (value.length > 70) {
        // RFC 2849 folding: a line continues on the next one when that starts with one space.
        text += `${type}: ${value.slice(0, 60)}\n ${value.slice(60)}\n`;
      } else {
        text += `${type}: ${value}\n`;
      }
    }
    await emit(`${text}\n`);
    if (badKind !== undefined) {
      bad.push({ dn, line: badLine, kind: badKind });
      return;
    }
    const attributes = new Map<string, string[]>();
    for (const [type, value] of attrs) attributes.set(type.toLowerCase(), [...(attributes.get(type.toLowerCase()) ?? []), value]);
    good.push({ dn, attributes });
  };
  const user = (i: number, uid?: string): Attr[] => {
    const id = String(i).padStart(6, '0');
    const odd = i % 97 === 0;
    return [
      ['objectClass', 'top'],
      ['objectClass', 'inetOrgPerson'],
      ['uid', uid ?? `user${id}`],
      odd ? ['cn', `Zoë Ünïcode ${id}`, true] : ['cn', `User ${id}`],
      ['sn', `Surname${i % 1000}`],
      ['givenName', `Given${id}`],
      ['mail', `user${id}@example.com`],
      ['employeeNumber', String(100000 + i)],
      ['telephoneNumber', `+1 555 ${String(i).padStart(7, '0')}`],
      ...(odd ? [['description', `A deliberately long description for user ${id} so that the LDIF line has to be folded twice over`] as Attr] : []),
    ];
  };

  await emit('version: 1\n\n');
  const [rdnType, rdnValue] = (suffix.split(',')[0] ?? '').split('=') as [string, string];
  await record(suffix, [['objectClass', 'top'], ['objectClass', 'dcObject'], ['objectClass', 'organization'], [rdnType, rdnValue], ['o', rdnValue]]);
  await record(`ou=people,${suffix}`, [['objectClass', 'top'], ['objectClass', 'organizationalUnit'], ['ou', 'people']]);
  await record(`ou=groups,${suffix}`, [['objectClass', 'top'], ['objectClass', 'organizationalUnit'], ['ou', 'groups']]);
  await record(`cn=admin,${suffix}`, [
    ['objectClass', 'top'], ['objectClass', 'organizationalRole'], ['objectClass', 'simpleSecurityObject'],
    ['cn', 'admin'], ['userPassword', IMPORT_ADMIN_PASSWORD],
  ]);
  await record(`cn=administrators,ou=groups,${suffix}`, [['objectClass', 'groupOfNames'], ['cn', 'administrators'], ['member', `cn=admin,${suffix}`]]);

  const users = total - 5 - groups - 5;
  const badAt = new Map<number, () => Promise<void>>([
    [Math.floor(users * 0.2), () => record(`uid=orphan,ou=contractors,${suffix}`, user(users + 1, 'orphan'), 'missing parent')],
    [Math.floor(users * 0.4), () => record(`uid=nosn,ou=people,${suffix}`, user(users + 2, 'nosn').filter(([t]) => t !== 'sn'), 'schema violation')],
    [Math.floor(users * 0.6), () => record(`uid=user000010,ou=people,${suffix}`, user(10), 'duplicate')],
    // The user written just before: both land in one import transaction (batch), where the first must be seen.
    [Math.floor(users * 0.7), () => record(`uid=user${String(Math.floor(users * 0.7) - 1).padStart(6, '0')},ou=people,${suffix}`, user(Math.floor(users * 0.7) - 1), 'duplicate in the same batch')],
    [Math.floor(users * 0.8), () => record(`uid=badb64,ou=people,${suffix}`, [...user(users + 3, 'badb64'), ['description', 'x', true]], 'base64 error')],
  ]);
  for (let i = 0; i < users; i++) {
    await badAt.get(i)?.();
    await record(`uid=user${String(i).padStart(6, '0')},ou=people,${suffix}`, user(i));
  }
  for (let g = 0; g < groups; g++) {
    const members: Attr[] = [];
    for (let m = 0; m < 10; m++) members.push(['member', `uid=user${String((g * 10 + m) % users).padStart(6, '0')},ou=people,${suffix}`]);
    await record(`cn=group${String(g).padStart(5, '0')},ou=groups,${suffix}`, [['objectClass', 'groupOfNames'], ['cn', `group${String(g).padStart(5, '0')}`], ...members]);
  }
  out.end(chunk.join(''));
  await once(out, 'finish');
  return { records: good.length + bad.length, good, bad };
}
