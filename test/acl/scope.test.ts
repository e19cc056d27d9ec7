import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { depthBelow, inScope } from '../../src/acl/index.js';
import { normalizeDn } from './fixture.js';

describe('scope on normalised DNs', () => {
  const base = normalizeDn('ou=People,dc=Example,dc=com');
  const n = normalizeDn;

  it('measures depth by RDNs, never by raw string suffix', () => {
    assert.equal(depthBelow(base, base), 0);
    assert.equal(depthBelow(n('uid=a,ou=people,dc=example,dc=com'), base), 1);
    assert.equal(depthBelow(n('uid=a,ou=x,ou=people,dc=example,dc=com'), base), 2);
    assert.equal(depthBelow(n('ou=otherpeople,dc=example,dc=com'), base), -1);
    assert.equal(depthBelow(n('dc=example,dc=com'), base), -1);
    // An escaped comma is part of a value: `cn=a\,ou=people` is one RDN above the base's parent.
    assert.equal(depthBelow(n('cn=a\\,ou=people,dc=example,dc=com'), base), -1);
    assert.equal(depthBelow(n('cn=a\\,b,ou=people,dc=example,dc=com'), base), 1);
    assert.equal(depthBelow(n('cn=a\\\\,ou=people,dc=example,dc=com'), n('ou=people,dc=example,dc=com')), 1);
    assert.equal(depthBelow(n('dc=com'), ''), 1);
    assert.equal(depthBelow('', ''), 0);
  });

  it('implements base, one, sub and children', () => {
    const table: [string, boolean, boolean, boolean, boolean][] = [
      ['ou=people,dc=example,dc=com', true, false, true, false],
      ['uid=a,ou=people,dc=example,dc=com', false, true, true, true],
      ['uid=a,ou=x,ou=people,dc=example,dc=com', false, false, true, true],
      ['dc=example,dc=com', false, false, false, false],
    ];
    for (const [dn, b, one, sub, children] of table) {
      assert.deepEqual(
        (['base', 'one', 'sub', 'children'] as const).map((scope) => inScope(n(dn), base, scope)),
        [b, one, sub, children],
        dn,
      );
    }
  });
});
