import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from '../../src/filter/index.js';
import { EnumerationDetector, ManualClock, classifySearch } from '../../src/security/index.js';
import type { SearchEvent, SecurityAlert } from '../../src/security/index.js';

const NC = 'dc=corp,dc=example,dc=com';
const MALLORY = `cn=mallory,cn=users,${NC}`;
const SERVICE = `uid=webapp,ou=services,${NC}`;

/** One search as recorded data: filter text, scope, base (default: the naming context), pages of entries. */
interface Step {
  readonly filter: string;
  readonly scope?: SearchEvent['scope'];
  readonly base?: string;
  readonly pages?: readonly number[];
  readonly attributes?: readonly string[];
}

// Modelled on SharpHound's collection queries (public docs and source): class sweeps by sAMAccountType,
// everything with paging, SPNs (kerberoasting), adminCount, unconstrained delegation UAC bit, delegation
// targets, and membership sweeps.
const SHARPHOUND: readonly Step[] = [
  {
    filter:
      '(|(samaccounttype=805306368)(samaccounttype=805306369)(samaccounttype=268435456)(samaccounttype=268435457)(samaccounttype=536870912)(samaccounttype=536870913)(objectclass=domain)(objectclass=organizationalUnit)(objectclass=groupPolicyContainer)(objectclass=container))',
    pages: [500, 500, 500, 500, 120],
    attributes: ['samaccountname', 'distinguishedname', 'objectsid', 'member', 'memberof', 'serviceprincipalname'],
  },
  { filter: '(objectClass=*)', pages: [500, 500, 500, 500, 500, 500, 240], attributes: ['ntsecuritydescriptor'] },
  { filter: '(&(samaccounttype=805306368)(serviceprincipalname=*))', pages: [14], attributes: ['serviceprincipalname'] },
  { filter: '(admincount=1)', pages: [22] },
  { filter: '(userAccountControl:1.2.840.113556.1.4.803:=4194304)', pages: [3] },
  { filter: '(userAccountControl:1.2.840.113556.1.4.803:=524288)', pages: [4] },
  { filter: '(msds-allowedtodelegateto=*)', pages: [2] },
  { filter: '(|(memberof=*)(member=*))', pages: [500, 500, 311] },
  { filter: '(objectclass=trustedDomain)', pages: [1] },
];

// Modelled on ldapdomaindump: users, computers, groups, trusts, domain policy, GPOs, all subtree and paged.
const LDAPDOMAINDUMP: readonly Step[] = [
  { filter: '(&(objectCategory=person)(objectClass=user))', pages: [500, 500, 500, 180] },
  { filter: '(objectClass=computer)', pages: [500, 90] },
  { filter: '(objectClass=group)', pages: [320] },
  { filter: '(objectClass=trustedDomain)', pages: [2] },
  { filter: '(objectClass=domain)', pages: [1] },
  { filter: '(objectClass=groupPolicyContainer)', pages: [25] },
];

function detector(opts: { exemptAdmins?: boolean; windowSeconds?: number } = {}): { d: EnumerationDetector; clock: ManualClock; alerts: SecurityAlert[] } {
  const clock = new ManualClock(Date.UTC(2025, 5, 1, 9, 0, 0));
  const alerts: SecurityAlert[] = [];
  const d = new EnumerationDetector({
    clock,
    windowSeconds: opts.windowSeconds ?? 60,
    thresholds: { score: 100 },
    onAlert: (a) => alerts.push(a),
    ...(opts.exemptAdmins === undefined ? {} : { exemptAdmins: opts.exemptAdmins }),
  });
  return { d, clock, alerts };
}

function event(step: Step, who: { identity: string; address: string; isAdmin?: boolean }, page: number, entries: number, last: boolean): SearchEvent {
  return {
    identity: who.identity,
    address: who.address,
    isAdmin: who.isAdmin ?? false,
    baseDn: step.base ?? NC,
    namingContext: NC,
    scope: step.scope ?? 'sub',
    filter: parseFilter(step.filter),
    attributes: step.attributes ?? [],
    entriesReturned: entries,
    pagedCookie: page > 0,
    sizeLimitHit: last && entries >= 1000,
  };
}

/** Replays the steps, one page every `gapMs`; returns how long the replay took. */
function replay(d: EnumerationDetector, clock: ManualClock, steps: readonly Step[], who: { identity: string; address: string; isAdmin?: boolean }, gapMs = 200): number {
  const start = clock.now();
  for (const step of steps) {
    const pages = step.pages ?? [1];
    pages.forEach((entries, page) => {
      d.observeSearch(event(step, who, page, entries, page === pages.length - 1));
      clock.advance(gapMs);
    });
  }
  return clock.now() - start;
}

const attacker = { identity: MALLORY, address: '192.0.2.66' };

describe('EnumerationDetector', () => {
  for (const [name, steps] of [['SharpHound', SHARPHOUND], ['ldapdomaindump', LDAPDOMAINDUMP]] as const) {
    it(`raises exactly one alert for a ${name} run, for the identity and the address, within the window`, () => {
      const { d, clock, alerts } = detector();
      const took = replay(d, clock, steps, attacker);
      assert.ok(took < 60_000);
      assert.equal(alerts.length, 1);
      const alert = alerts[0];
      assert.ok(alert !== undefined);
      assert.equal(alert.kind, 'enumeration');
      assert.equal(alert.identity, MALLORY);
      assert.equal(alert.address, '192.0.2.66');
      assert.deepEqual(alert.evidence['windows'], ['identity', 'address']);
      assert.equal(alert.evidence['windowSeconds'], 60);
      assert.equal(alert.evidence['threshold'], 100);
      assert.ok((alert.evidence['score'] as number) >= 100);
      assert.ok((alert.evidence['sampleFilters'] as string[]).length > 0);
      assert.ok(Date.parse(alert.at) <= Date.UTC(2025, 5, 1, 9, 1, 0));
      const reasons = alert.evidence['reasons'] as Record<string, number>;
      assert.ok((reasons['subtree-from-naming-context'] ?? 0) > 0);
      if (name === 'SharpHound') {
        // It crosses already during the paged (objectClass=*) sweep, before the SPN and UAC hunting.
        assert.equal(alert.severity, 'medium');
        assert.ok((reasons['match-all-filter'] ?? 0) > 0 && (reasons['class-sweep'] ?? 0) > 0);
        assert.ok(d.score('identity', MALLORY) >= 100);
      } else {
        assert.ok((reasons['class-sweep'] ?? 0) > 0 && (reasons['entries-returned'] ?? 0) > 0);
      }
      // The scan keeps going in the same window: still one alert.
      replay(d, clock, steps, attacker);
      assert.equal(alerts.length, 1);
    });
  }

  it('alerts again only after the window has cooled down', () => {
    const { d, clock, alerts } = detector();
    replay(d, clock, SHARPHOUND, attacker);
    assert.equal(alerts.length, 1);
    clock.advance(61_000);
    assert.equal(d.score('identity', MALLORY), 0);
    replay(d, clock, SHARPHOUND, attacker);
    assert.equal(alerts.length, 2);
  });

  it('never alerts on an ordinary application login workload (50 logins a minute for 10 minutes)', () => {
    const { d, clock, alerts } = detector();
    const app = { identity: SERVICE, address: '10.0.0.5' };
    for (let i = 0; i < 500; i++) {
      const user = `user${i % 180}`;
      const people = `ou=people,${NC}`;
      d.observeSearch(event({ filter: `(uid=${user})`, base: people, scope: i % 2 === 0 ? 'one' : 'sub' }, app, 0, 1, true));
      d.observeSearch(event({ filter: `(&(objectClass=groupOfNames)(member=uid=${user},${people}))`, base: `ou=groups,${NC}`, scope: 'sub' }, app, 0, 3, true));
      clock.advance(1200);
    }
    assert.equal(alerts.length, 0);
    assert.equal(d.score('identity', SERVICE), 0);
    assert.equal(d.score('address', '10.0.0.5'), 0);
  });

  it('exempts administrators only when configured', () => {
    const admin = { identity: `cn=admin,${NC}`, address: '10.0.0.9', isAdmin: true };
    const exempt = detector({ exemptAdmins: true });
    replay(exempt.d, exempt.clock, SHARPHOUND, admin);
    assert.equal(exempt.alerts.length, 0);
    assert.equal(exempt.d.size, 0);
    const watched = detector();
    replay(watched.d, watched.clock, SHARPHOUND, admin);
    assert.equal(watched.alerts.length, 1);
  });

  it('slides the window: a slow sweep whose old searches expire never reaches the threshold', () => {
    const { d, clock, alerts } = detector();
    // Each step alone scores 35-55, the five together 205; one step every 61 s keeps one in the window.
    for (let round = 0; round < 3; round++) {
      for (const step of SHARPHOUND.slice(2, 7)) {
        d.observeSearch(event(step, attacker, 0, 1, true));
        assert.ok(d.score('address', '192.0.2.66') <= 55);
        clock.advance(61_000);
      }
    }
    assert.equal(alerts.length, 0);
    clock.advance(60_000);
    assert.equal(d.score('address', '192.0.2.66'), 0);
  });

  it('watches anonymous sweeps per address only', () => {
    const { d, clock, alerts } = detector();
    replay(d, clock, SHARPHOUND, { identity: 'anonymous', address: '198.51.100.4' });
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.identity, 'anonymous');
    assert.deepEqual(alerts[0]?.evidence['windows'], ['address']);
    assert.equal(d.score('identity', 'anonymous'), 0);
  });

  it('keeps the identity and address windows apart', () => {
    const { d, clock, alerts } = detector();
    // The same identity from two addresses: the identity window sums both.
    replay(d, clock, SHARPHOUND.slice(2, 4), { identity: MALLORY, address: '192.0.2.1' });
    replay(d, clock, SHARPHOUND.slice(4, 5), { identity: MALLORY, address: '192.0.2.2' });
    assert.equal(d.score('address', '192.0.2.1'), 80);
    assert.equal(d.score('address', '192.0.2.2'), 35);
    assert.equal(alerts.length, 1);
    assert.deepEqual(alerts[0]?.evidence['windows'], ['identity']);
  });

  it('rates a sweep for attack-relevant attributes high', () => {
    const { d, clock, alerts } = detector();
    replay(d, clock, SHARPHOUND.slice(2), attacker);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.severity, 'high');
    const reasons = alerts[0]?.evidence['reasons'] as Record<string, number>;
    assert.ok((reasons['sensitive-attribute'] ?? 0) > 0 && (reasons['bitwise-match'] ?? 0) > 0);
  });

  it('never copies a password guess into the evidence', () => {
    const { d, clock, alerts } = detector();
    d.observeSearch(event({ filter: '(userPassword=Winter2025*)' }, attacker, 0, 0, true));
    replay(d, clock, SHARPHOUND, attacker);
    const samples = JSON.stringify(alerts[0]?.evidence['sampleFilters']);
    assert.ok(!samples.includes('Winter2025'));
  });

  const table: [filter: string, scope: SearchEvent['scope'], base: string, reasons: string[]][] = [
    ['(objectClass=*)', 'sub', NC, ['subtree-from-naming-context', 'match-all-filter']],
    ['(objectClass=*)', 'base', NC, ['match-all-filter']],
    ['(&)', 'children', NC, ['subtree-from-naming-context', 'match-all-filter']],
    ['(cn=*)', 'one', `ou=people,${NC}`, ['match-all-filter']],
    ['(|(cn=*)(objectCategory=*))', 'sub', '', ['subtree-from-naming-context', 'match-all-filter']],
    ['(objectCategory=person)', 'sub', `ou=people,${NC}`, ['class-sweep']],
    ['(servicePrincipalName=*)', 'sub', `ou=people,${NC}`, ['match-all-filter', 'sensitive-attribute']],
    ['(servicePrincipalName=*MSSQL*)', 'sub', `ou=people,${NC}`, ['sensitive-attribute']],
    ['(adminCount=1)', 'sub', `ou=people,${NC}`, ['sensitive-attribute']],
    ['(sIDHistory=*)', 'sub', `ou=people,${NC}`, ['match-all-filter', 'sensitive-attribute']],
    ['(groupType:1.2.840.113556.1.4.804:=2147483648)', 'sub', `ou=people,${NC}`, ['bitwise-match']],
    ['(uid=jdoe)', 'sub', `ou=people,${NC}`, []],
    ['(member=uid=jdoe,ou=people,dc=corp,dc=example,dc=com)', 'sub', `ou=groups,${NC}`, []],
    ['(&(objectClass=inetOrgPerson)(mail=jdoe@example.com))', 'sub', NC, ['subtree-from-naming-context']],
  ];
  for (const [filter, scope, baseDn, reasons] of table) {
    it(`classifies ${filter} (${scope} at '${baseDn}') as [${reasons.join(', ')}]`, () => {
      assert.deepEqual(classifySearch(event({ filter, scope, base: baseDn }, attacker, 0, 1, true)), reasons);
    });
  }
});
