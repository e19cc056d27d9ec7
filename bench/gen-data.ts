/**
 * Deterministic benchmark data, the same set as shared/bench/gen-ldif.py: N inetOrgPerson users
 * `uid=user{n},ou=people,<suffix>` (password `pass{n}` stored as {SSHA}, departmentNumber = n // 1000, ~500 bytes
 * per entry) and N/50 groupOfNames `cn=group{g},ou=groups,<suffix>` with 50 members each.
 *
 * Two files: `base.ldif` (the suffix and the two ou entries, which slapadd needs and Warden creates itself on first
 * start) and `data.ldif` (users, then groups: parents before children, so both importers accept it).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const SUFFIX = 'dc=example,dc=com';
export const PEOPLE = `ou=people,${SUFFIX}`;
export const GROUPS = `ou=groups,${SUFFIX}`;
export const GROUP_SIZE = 50;

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin'];

export const userDn = (n: number): string => `uid=user${n},${PEOPLE}`;
export const userPassword = (n: number): string => `pass${n}`;

/**
 * RFC 2307-style {SSHA}: base64(SHA-1(password + salt) + salt) with an 8-byte salt, the scheme slappasswd writes
 * and both servers verify. The salt is derived from `saltSeed` so the data set is byte-for-byte reproducible.
 */
export function ssha(password: string, saltSeed: string): string {
  const salt = createHash('sha1').update(saltSeed).digest().subarray(0, 8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

export function baseLdif(): string {
  return (
    `dn: ${SUFFIX}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example Benchmark Org\n\n` +
    `dn: ${PEOPLE}\nobjectClass: top\nobjectClass: organizationalUnit\nou: people\n\n` +
    `dn: ${GROUPS}\nobjectClass: top\nobjectClass: organizationalUnit\nou: groups\n\n`
  );
}

export function userLdif(n: number): string {
  const gn = FIRST[n % FIRST.length] as string;
  const sn = LAST[Math.floor(n / FIRST.length) % LAST.length] as string;
  const dept = Math.floor(n / 1000);
  const tel = `+1 555 ${String(Math.floor(n / 10000) % 1000).padStart(3, '0')} ${String(n % 10000).padStart(4, '0')}`;
  return (
    `dn: ${userDn(n)}\n` +
    'objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: inetOrgPerson\n' +
    `uid: user${n}\ncn: ${gn} ${sn} ${n}\nsn: ${sn}\ngivenName: ${gn}\nmail: user${n}@example.com\n` +
    `userPassword: ${ssha(userPassword(n), `warden-bench-salt-${n}`)}\n` +
    `employeeNumber: ${n}\ndepartmentNumber: ${dept}\ntelephoneNumber: ${tel}\ntitle: Engineer grade ${n % 7}\n` +
    `l: City${n % 97}\ndescription: Benchmark user number ${n} in department ${dept}\n\n`
  );
}

export function groupLdif(g: number): string {
  let text = `dn: cn=group${g},${GROUPS}\nobjectClass: top\nobjectClass: groupOfNames\ncn: group${g}\ndescription: Benchmark group ${g}\n`;
  for (let m = g * GROUP_SIZE; m < (g + 1) * GROUP_SIZE; m++) text += `member: ${userDn(m)}\n`;
  return `${text}\n`;
}

export interface DataFiles {
  readonly base: string;
  readonly data: string;
  readonly entries: number;
  readonly bytes: number;
}

/** Writes base.ldif and data.ldif into `dir` for N users. Synchronous and chunked: ~50 MB for N = 100,000. */
export function generateData(dir: string, n: number): DataFiles {
  const base = join(dir, 'base.ldif');
  const data = join(dir, 'data.ldif');
  const baseFd = openSync(base, 'w');
  writeSync(baseFd, baseLdif());
  closeSync(baseFd);
  const fd = openSync(data, 'w');
  let bytes = 0;
  let chunk = '';
  const emit = (text: string): void => {
    chunk += text;
    if (chunk.length >= 1 << 20) {
      bytes += writeSync(fd, chunk);
      chunk = '';
    }
  };
  try {
    for (let i = 0; i < n; i++) emit(userLdif(i));
    const groups = Math.floor(n / GROUP_SIZE);
    for (let g = 0; g < groups; g++) emit(groupLdif(g));
    bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { base, data, entries: n + Math.floor(n / GROUP_SIZE), bytes };
}
