import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LdapError, ResultCode } from '../../src/errors/index.js';
import { Dn, Rdn, defaultValueNormalizer, parseRdn } from '../../src/dn/index.js';
import type { ValueNormalizer } from '../../src/dn/index.js';

const dn = (s: string): Dn => Dn.parse(s);

describe('normalize()', () => {
  const vectors: [string, string][] = [
    ['CN=Foo,DC=Example', 'cn=foo,dc=example'],
    ['  cn = Foo  Bar ,dc=example', 'cn=foo bar,dc=example'],
    ['cn=\\  Foo \\ ,dc=x', 'cn=foo,dc=x'], // insignificant spaces, escaped or not (RFC 4518 §2.6.1)
    ['cn=Foo\\09\\0a Bar', 'cn=foo bar'],
    ['OU=Sales+CN=J.  Smith,DC=example', 'cn=j. smith+ou=sales,dc=example'],
    ['CN=J.  Smith+OU=Sales,DC=example', 'cn=j. smith+ou=sales,dc=example'],
    ['cn=ÉCOLE Straße', 'cn=école strasse'],
    ['cn=ﬁle', 'cn=file'], // NFKC
    ['cn=A\\,B\\+C', 'cn=a\\,b\\+c'],
    ['cn=\\23x', 'cn=\\#x'],
    ['1.3.6.1.4.1.1466.0=#04024869', '1.3.6.1.4.1.1466.0=#04024869'],
    ['cn=#04024869', 'cn=#04024869'],
    ['cn=\\FFAB', 'cn=\\FFAB'], // not UTF-8: compared as octets, not case-folded
    ['', ''],
  ];
  for (const [input, expected] of vectors) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(dn(input).normalize(), expected);
      assert.equal(dn(input).normalize(defaultValueNormalizer), expected);
    });
  }

  it('is independent of the order of a multi-valued RDN', () => {
    const a = dn('cn=x+sn=y+uid=z,o=org');
    const b = dn('UID=Z+cn=X+sn=Y,O=Org');
    assert.equal(a.normalize(), b.normalize());
    assert.equal(a.normalize(), 'cn=x+sn=y+uid=z,o=org');
    assert.ok(a.equals(b));
    assert.ok(parseRdn('sn=y+cn=x').equals(parseRdn('cn=x+sn=y')));
  });

  it('caches the default form and recomputes for other normalizers', () => {
    const d = dn('CN=Foo,DC=Example');
    assert.equal(d.normalize(), d.normalize());
    let calls = 0;
    const upper: ValueNormalizer = {
      normalizeType: (t) => t.toUpperCase(),
      normalizeValue: (_t, v) => {
        calls++;
        return v.toString('utf8').toUpperCase();
      },
    };
    assert.equal(d.normalize(upper), 'CN=FOO,DC=EXAMPLE');
    assert.equal(d.normalize(upper), 'CN=FOO,DC=EXAMPLE');
    assert.equal(calls, 4);
  });

  it('lets a schema normalizer map types to OIDs and keep case-exact values', () => {
    const schema: ValueNormalizer = {
      normalizeType: (t) => (t.toLowerCase() === 'cn' || t === '2.5.4.3' ? '2.5.4.3' : t.toLowerCase()),
      normalizeValue: (t, v) => (t.toLowerCase() === 'uid' ? v : v.toString('utf8').toLowerCase()),
    };
    assert.ok(dn('CN=Foo').equals(dn('2.5.4.3=foo'), schema));
    assert.equal(dn('CN=Foo').equals(dn('2.5.4.3=foo')), false);
    assert.equal(dn('uid=Jo,cn=A').equals(dn('uid=jo,cn=a'), schema), false);
    assert.ok(dn('uid=Jo,cn=A').equals(dn('uid=Jo,CN=a'), schema));
  });
});

describe('relations', () => {
  it('equals ignores case and insignificant spaces in types and values', () => {
    assert.ok(dn('CN=Foo,DC=Example').equals(dn('cn=foo, dc=example')));
    assert.ok(dn('cn=foo  bar,dc=x').equals(dn('cn=Foo Bar , dc = X')));
    assert.equal(dn('cn=foo,dc=example').equals(dn('cn=foo,dc=example,dc=com')), false);
    assert.equal(dn('cn=foo').equals(dn('cn=foo2')), false);
    assert.ok(Dn.root.equals(dn('')));
    // Escaping does not matter, only the value: `\2C` and `\,` are both a comma.
    assert.ok(dn('cn=a\\2Cb').equals(dn('cn=a\\,b')));
  });

  it('parent, child and rdn', () => {
    const d = dn('uid=jo,ou=People,dc=example');
    assert.equal(d.rdn()?.toString(), 'uid=jo');
    assert.equal(d.parent()?.toString(), 'ou=People,dc=example');
    assert.equal(d.parent()?.parent()?.parent(), Dn.root);
    assert.equal(Dn.root.parent(), undefined);
    assert.equal(d.parent()?.child(Rdn.of('uid', 'ann')).toString(), 'uid=ann,ou=People,dc=example');
    assert.equal(Dn.root.child(parseRdn('dc=com')).toString(), 'dc=com');
  });

  it('ancestor / parent / descendant under the default normalizer', () => {
    const base = dn('DC=Example,DC=COM');
    const people = dn('ou=people, dc=example, dc=com');
    const user = dn('UID=Jo,OU=People,dc=example,dc=com');
    assert.ok(base.isAncestorOf(people));
    assert.ok(base.isAncestorOf(user));
    assert.ok(base.isParentOf(people));
    assert.equal(base.isParentOf(user), false);
    assert.ok(people.isParentOf(user));
    assert.ok(user.isDescendantOf(base));
    assert.ok(user.isDescendantOf(people));
    // Strict: a DN is not its own ancestor or descendant.
    assert.equal(base.isAncestorOf(dn('dc=example,dc=com')), false);
    assert.equal(base.isDescendantOf(base), false);
    assert.equal(user.isAncestorOf(base), false);
    // The root is above everything but itself.
    assert.ok(Dn.root.isAncestorOf(base));
    assert.ok(Dn.root.isParentOf(dn('dc=com')));
    assert.equal(Dn.root.isAncestorOf(Dn.root), false);
  });

  it('compares RDN by RDN, never by string suffix', () => {
    assert.equal(dn('dc=com').isAncestorOf(dn('cn=x,dc=evilcom')), false);
    assert.equal(dn('dc=b,dc=com').isAncestorOf(dn('cn=a\\,dc=b,dc=com')), false);
    assert.equal(dn('cn=a\\,dc=b,dc=com').parent()?.toString(), 'dc=com');
  });

  it('rename replaces the RDN and optionally moves the entry', () => {
    const d = dn('cn=Old,ou=A,dc=x');
    assert.equal(d.rename(parseRdn('cn=New')).toString(), 'cn=New,ou=A,dc=x');
    assert.equal(d.rename(parseRdn('cn=New+sn=S'), dn('ou=B,dc=x')).toString(), 'cn=New+sn=S,ou=B,dc=x');
    assert.equal(dn('dc=x').rename(parseRdn('dc=y')).toString(), 'dc=y');
    assert.throws(() => Dn.root.rename(parseRdn('cn=x')), (e: unknown) => {
      assert.ok(e instanceof LdapError);
      assert.equal(e.resultCode, ResultCode.unwillingToPerform);
      assert.equal(e.message, 'the root DN cannot be renamed');
      return true;
    });
  });

  it('serialises as its string form', () => {
    assert.equal(JSON.stringify({ dn: dn('CN=a\\,b , dc=x') }), '{"dn":"CN=a\\\\,b,dc=x"}');
  });
});
