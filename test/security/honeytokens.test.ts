import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Honeytokens, ManualClock } from '../../src/security/index.js';

describe('Honeytokens', () => {
  const clock = new ManualClock(Date.UTC(2025, 5, 1, 12, 0, 0));
  const decoys = new Honeytokens(['uid=svc-backup,ou=people,dc=example,dc=com', 'cn=passwords,dc=example,dc=com'], { clock });

  it('knows its decoys, exactly', () => {
    assert.equal(decoys.size, 2);
    assert.equal(decoys.isDecoy('uid=svc-backup,ou=people,dc=example,dc=com'), true);
    assert.equal(decoys.isDecoy('uid=jdoe,ou=people,dc=example,dc=com'), false);
    assert.equal(new Honeytokens([]).isDecoy(''), false);
  });

  it('a read is a high-severity alert naming the reader', () => {
    assert.deepEqual(
      decoys.onRead({ ndn: 'cn=passwords,dc=example,dc=com', identity: 'uid=mallory,ou=people,dc=example,dc=com', address: '192.0.2.66' }),
      {
        kind: 'honeytoken',
        severity: 'high',
        identity: 'uid=mallory,ou=people,dc=example,dc=com',
        address: '192.0.2.66',
        evidence: { decoy: 'cn=passwords,dc=example,dc=com', action: 'read', operation: 'search' },
        at: '2025-06-01T12:00:00.000Z',
      },
    );
    assert.equal(decoys.onRead({ ndn: 'cn=passwords,dc=example,dc=com', identity: 'anonymous', address: '::1', operation: 'compare' }).evidence['operation'], 'compare');
  });

  it('a bind as a decoy is a high-severity alert with the decoy as identity', () => {
    clock.advance(1000);
    const alert = decoys.onBind({ ndn: 'uid=svc-backup,ou=people,dc=example,dc=com', address: '192.0.2.66', success: true });
    assert.equal(alert.kind, 'honeytoken');
    assert.equal(alert.severity, 'high');
    assert.equal(alert.identity, 'uid=svc-backup,ou=people,dc=example,dc=com');
    assert.deepEqual(alert.evidence, { decoy: 'uid=svc-backup,ou=people,dc=example,dc=com', action: 'bind', success: true });
    assert.equal(alert.at, '2025-06-01T12:00:01.000Z');
  });
});
