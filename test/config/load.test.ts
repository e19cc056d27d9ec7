import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULT_INDEXES, checkConfigFile, defaultConfig, loadConfig } from '../../src/config/index.js';

let dir: string;
let n = 0;
/** Writes `text` to a fresh YAML file in the temp dir and returns its path. */
function yamlFile(text: string): string {
  const file = join(dir, `warden-${++n}.yaml`);
  writeFileSync(file, text);
  return file;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-config-'));
  writeFileSync(join(dir, 'cert.pem'), 'x');
  writeFileSync(join(dir, 'key.pem'), 'x', { mode: 0o600 });
  chmodSync(join(dir, 'key.pem'), 0o600);
  writeFileSync(join(dir, 'open-key.pem'), 'x');
  chmodSync(join(dir, 'open-key.pem'), 0o644);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** YAML text → the exact problem lines, `F` standing for the file's path. `D` is the temp dir. */
const cases: [string, string, string[]][] = [
  ['unknown key with a suggestion', 'limits:\n  sizelimit: 10\n', ['F: limits.sizelimit: unknown key (did you mean \'sizeLimit\'?)']],
  ['unknown top-level key, case only', 'Suffix: dc=x\n', ["F: Suffix: unknown key (did you mean 'suffix'?)"]],
  ['unknown key, nothing close', 'colour: blue\n', ['F: colour: unknown key']],
  ['unknown keys in a list item', 'indexes:\n  - attribute: cn\n    kind: [eq]\n', [
    'F: indexes[0].kinds: is required',
    "F: indexes[0].kind: unknown key (did you mean 'kinds'?)",
  ]],
  ['two unknown keys in one section', 'tls:\n  cert: a\n  minversion: TLSv1.3\n', [
    "F: tls.cert: unknown key (did you mean 'certFile'?)",
    "F: tls.minversion: unknown key (did you mean 'minVersion'?)",
  ]],
  ['not a positive integer', 'limits:\n  sizeLimit: 0\n  timeLimit: -5\n  idleTimeoutSeconds: 1.5\n  maxConnections: "100"\n', [
    'F: limits.sizeLimit: must be a positive integer',
    'F: limits.timeLimit: must be a positive integer',
    'F: limits.idleTimeoutSeconds: must be a positive integer',
    'F: limits.maxConnections: must be a positive integer',
  ]],
  ['wrong types', 'suffix: 42\nlisten: ldap://localhost\nschema:\n  files: [1]\ndata: null\nlog: []\n', [
    'F: data: must be a mapping, not null',
    'F: suffix: must be a string, not 42',
    "F: listen: must be a list, not 'ldap://localhost'",
    'F: schema.files[0]: must be a string, not 1',
    'F: log: must be a mapping, not a list',
  ]],
  ['enums', 'tls:\n  minVersion: TLSv1.1\nlog:\n  level: verbose\n', [
    "F: tls.minVersion: must be one of 'TLSv1.2', 'TLSv1.3', not 'TLSv1.1'",
    "F: log.level: must be one of 'trace', 'debug', 'info', 'warn', 'error', 'fatal', not 'verbose'",
  ]],
  ['bad suffix DN', 'suffix: "cn=a,,dc=b"\n', ['F: suffix: not a valid DN: empty RDN at position 5']],
  ['empty suffix', 'suffix: ""\n', ['F: suffix: must not be empty: the root DSE cannot be a naming context']],
  ['bad admin DN', 'admin:\n  dn: admin\n', ["F: admin.dn: not a valid DN: missing '=' after attribute type 'admin' at position 5"]],
  ['bad listen URLs', 'listen:\n  - ldap://host:99999\n  - http://x\n  - ldapi:///var/run/warden.sock\n  - ldap://[::1]:389\n', [
    "F: listen[0]: 'ldap://host:99999': port 99999 is out of range 1-65535",
    "F: listen[1]: 'http://x': unsupported scheme 'http' (use ldap://, ldaps:// or ldapi://)",
    "F: listen[2]: 'ldapi:///var/run/warden.sock': the socket path must be URL-encoded in the host part, e.g. ldapi://%2Fvar%2Frun%2Fwarden.sock",
  ]],
  ['empty listen list', 'listen: []\n', ['F: listen: must not be empty']],
  ['duplicate listeners', 'listen: [ldap://127.0.0.1, ldaps://127.0.0.1:389, ldapi://%2Ftmp%2Fw, ldapi://%2Ftmp%2Fw/]\n', [
    "F: listen[1]: 'ldaps://127.0.0.1:389' uses the same address as listen[0]",
    "F: listen[3]: 'ldapi://%2Ftmp%2Fw' uses the same address as listen[2]",
  ]],
  ['indexes', 'indexes:\n  - {attribute: "a b", kinds: [eq]}\n  - {attribute: CN, kinds: [eq, eq]}\n  - {attribute: cn, kinds: [approx]}\n  - {attribute: 2.5.4.3, kinds: []}\n  - {attribute: Cn, kinds: [pres]}\n', [
    "F: indexes[0].attribute: 'a b' is not an attribute type name (RFC 4512 descr or numericoid)",
    "F: indexes[1].kinds[1]: 'eq' is listed twice",
    "F: indexes[2].kinds[0]: must be one of 'eq', 'pres', 'sub', not 'approx'",
    'F: indexes[3].kinds: must not be empty',
  ]],
  ['duplicate index attribute', 'indexes:\n  - {attribute: cn, kinds: [eq]}\n  - {attribute: CN, kinds: [sub]}\n', [
    "F: indexes[1].attribute: 'CN' is already indexed by indexes[0]",
  ]],
  ['PDU limits out of order', 'limits:\n  maxPduBytesAnonymous: 2000\n  maxPduBytesAuthenticated: 1000\n', [
    'F: limits.maxPduBytesAnonymous: must not exceed limits.maxPduBytesAuthenticated (1000)',
  ]],
  ['TLS files', 'tls:\n  certFile: D/missing.pem\n  caFile: D\n', [
    "F: tls.certFile: cannot read 'D/missing.pem': no such file",
    "F: tls.caFile: 'D' is not a regular file",
    'F: tls.keyFile: required when tls.certFile is set',
  ]],
  ['key file without cert, readable by others', 'tls:\n  keyFile: D/open-key.pem\n', [
    "F: tls.keyFile: 'D/open-key.pem' is accessible by other users (mode 0644); run chmod o-rwx on it",
    'F: tls.certFile: required when tls.keyFile is set',
  ]],
  ['password file missing', 'admin:\n  passwordFile: D/nope\n', ["F: admin.passwordFile: cannot read 'D/nope': no such file"]],
  ['workers and data', 'workers: 0\ndata:\n  dir: ""\n', ['F: data.dir: must not be empty', 'F: workers: must be a positive integer']],
  ['YAML that is not a mapping', '- ldap://x\n', ['F: (root): must be a mapping of settings, not a list']],
  ['YAML scalar', 'hello\n', ['F: (root): must be a mapping of settings, not a string']],
  ['YAML syntax error', 'limits:\n  sizeLimit: [1\n', ['F: line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ['duplicate YAML keys', 'workers: 1\nworkers: 2\n', ['F: line 2, column 1: Map keys must be unique']],
];

describe('loadConfig problems', () => {
  for (const [name, yaml, expected] of cases) {
    it(name, () => {
      const file = yamlFile(yaml.replaceAll('D', dir));
      const lines = expected.map((line) => line.replace(/^F:/, `${file}:`).replaceAll('D/', `${dir}/`).replaceAll("'D'", `'${dir}'`));
      assert.deepEqual(checkConfigFile(file), lines);
      assert.throws(
        () => loadConfig({ file }),
        (err: unknown) => err instanceof ConfigError && JSON.stringify(err.problems) === JSON.stringify(lines),
      );
    });
  }

  it('one problem is the message itself; several are counted and indented', () => {
    const one = yamlFile('workers: 0\n');
    assert.throws(() => loadConfig({ file: one }), { name: 'ConfigError', message: `${one}: workers: must be a positive integer` });
    const two = yamlFile('workers: 0\nsuffix: x\n');
    assert.throws(() => loadConfig({ file: two }), {
      message: `2 configuration problems:\n  ${two}: suffix: not a valid DN: missing '=' after attribute type 'x' at position 1\n  ${two}: workers: must be a positive integer`,
    });
  });

  it('a missing file is one problem', () => {
    const file = join(dir, 'absent.yaml');
    assert.deepEqual(checkConfigFile(file), [`${file}: cannot read: no such file`]);
  });

  it('refuses a billion-laughs alias bomb', () => {
    const refs = Array.from({ length: 120 }, () => '*a').join(', ');
    const file = yamlFile(`x: &a [1, 2]\ny: [${refs}]\n`);
    assert.deepEqual(checkConfigFile(file), [`${file}: Excessive alias count indicates a resource exhaustion attack`]);
  });
});

describe('defaults', () => {
  it('match the specification', () => {
    const config = defaultConfig();
    assert.deepEqual(config.data, { dir: './warden-data' });
    assert.equal(config.suffix, 'dc=example,dc=com');
    assert.deepEqual(config.listen.map((l) => ({ ...l })), [
      { scheme: 'ldap', host: '0.0.0.0', port: 389, url: 'ldap://0.0.0.0:389' },
      { scheme: 'ldaps', host: '0.0.0.0', port: 636, url: 'ldaps://0.0.0.0:636' },
    ]);
    assert.deepEqual(config.tls, { minVersion: 'TLSv1.2' });
    assert.deepEqual(config.admin, { dn: 'cn=admin,dc=example,dc=com' });
    assert.deepEqual(config.schema, { files: [] });
    assert.deepEqual(config.indexes, DEFAULT_INDEXES);
    assert.deepEqual(config.indexes.find((i) => i.attribute === 'uid'), { attribute: 'uid', kinds: ['eq', 'sub'] });
    assert.deepEqual(config.limits, {
      sizeLimit: 500,
      timeLimit: 60,
      maxPduBytesAnonymous: 262_143,
      maxPduBytesAuthenticated: 16_777_215,
      idleTimeoutSeconds: 900,
      maxOutstandingPerConnection: 32,
      maxConnections: 4096,
      writeBufferHighWaterBytes: 1_048_576,
      writeTimeoutSeconds: 60,
      maxPageSize: 500,
      maxConnectionsPerAddress: 256,
    });
    assert.deepEqual(config.log, { level: 'info' });
    assert.equal(config.workers, 1);
  });

  it('an empty or comment-only file is all defaults', () => {
    assert.deepEqual(loadConfig({ file: yamlFile('') }), defaultConfig());
    assert.deepEqual(loadConfig({ file: yamlFile('# nothing here\n') }), defaultConfig());
  });

  it('each call returns fresh objects', () => {
    const a = defaultConfig();
    a.indexes[0]?.kinds.push('sub');
    assert.deepEqual(defaultConfig().indexes[0], { attribute: 'objectClass', kinds: ['eq'] });
  });

  it('a partial section keeps the other defaults, and admin.dn follows the suffix', () => {
    const config = loadConfig({ file: yamlFile('suffix: o=Acme\nlimits:\n  sizeLimit: 50\ntls:\n  minVersion: TLSv1.3\n') });
    assert.equal(config.limits.sizeLimit, 50);
    assert.equal(config.limits.timeLimit, 60);
    assert.equal(config.tls.minVersion, 'TLSv1.3');
    assert.equal(config.admin.dn, 'cn=admin,o=Acme');
  });
});

describe('a complete valid file', () => {
  it('loads, and checkConfigFile returns []', () => {
    writeFileSync(join(dir, 'admin.pw'), 'secret\n', { mode: 0o600 });
    writeFileSync(join(dir, 'extra.schema'), '');
    const file = yamlFile(
      [
        'data:',
        `  dir: ${dir}/data`,
        'suffix: dc=acme,dc=test',
        'listen:',
        '  - ldap://127.0.0.1:1389',
        '  - ldaps://[::1]:1636',
        '  - ldapi://%2Ftmp%2Fwarden.sock',
        'tls:',
        `  certFile: ${dir}/cert.pem`,
        `  keyFile: ${dir}/key.pem`,
        `  caFile: ${dir}/cert.pem`,
        '  minVersion: TLSv1.3',
        'admin:',
        '  dn: cn=root,dc=acme,dc=test',
        `  passwordFile: ${dir}/admin.pw`,
        'schema:',
        `  files: [${dir}/extra.schema]`,
        'indexes:',
        '  - attribute: uid',
        '    kinds: [eq, pres, sub]',
        '  - attribute: 1.3.6.1.1.16.4',
        '    kinds: [eq]',
        'limits:',
        '  sizeLimit: 1000',
        '  timeLimit: 30',
        '  maxPduBytesAnonymous: 1024',
        '  maxPduBytesAuthenticated: 1048576',
        '  idleTimeoutSeconds: 60',
        '  maxOutstandingPerConnection: 8',
        '  maxConnections: 100',
        '  writeBufferHighWaterBytes: 65536',
        'log:',
        '  level: debug',
        `  file: ${dir}/warden.log`,
        'workers: 2',
        '',
      ].join('\n'),
    );
    assert.deepEqual(checkConfigFile(file), []);
    const config = loadConfig({ file });
    assert.equal(config.data.dir, `${dir}/data`);
    assert.deepEqual(config.listen.map((l) => l.url), ['ldap://127.0.0.1:1389', 'ldaps://[::1]:1636', 'ldapi://%2Ftmp%2Fwarden.sock']);
    assert.deepEqual(config.tls, { certFile: `${dir}/cert.pem`, keyFile: `${dir}/key.pem`, caFile: `${dir}/cert.pem`, minVersion: 'TLSv1.3' });
    assert.deepEqual(config.admin, { dn: 'cn=root,dc=acme,dc=test', passwordFile: `${dir}/admin.pw` });
    assert.deepEqual(config.indexes, [
      { attribute: 'uid', kinds: ['eq', 'pres', 'sub'] },
      { attribute: '1.3.6.1.1.16.4', kinds: ['eq'] },
    ]);
    assert.equal(config.limits.maxOutstandingPerConnection, 8);
    assert.deepEqual(config.log, { level: 'debug', file: `${dir}/warden.log` });
    assert.equal(config.workers, 2);
  });
});

describe('overrides', () => {
  it('win over the file', () => {
    const file = yamlFile('data:\n  dir: /from/file\nsuffix: dc=file\nlisten: [ldap://127.0.0.1:1]\nworkers: 3\n');
    const config = loadConfig({ file, overrides: { data: '/from/flag', suffix: 'dc=flag', listen: ['ldaps://127.0.0.1:2', 'ldap://localhost:3'] } });
    assert.equal(config.data.dir, '/from/flag');
    assert.equal(config.suffix, 'dc=flag');
    assert.equal(config.admin.dn, 'cn=admin,dc=flag');
    assert.deepEqual(config.listen.map((l) => l.url), ['ldaps://127.0.0.1:2', 'ldap://localhost:3']);
    assert.equal(config.workers, 3);
  });

  it('apply without a file', () => {
    const config = loadConfig({ overrides: { suffix: 'o=x' } });
    assert.equal(config.suffix, 'o=x');
    assert.deepEqual(config.limits, defaultConfig().limits);
  });

  it('replace a bad value from the file, and their own problems name the flag', () => {
    const file = yamlFile('suffix: "bad"\nlisten: [http://x]\ndata:\n  dri: x\n');
    assert.throws(
      () => loadConfig({ file, overrides: { suffix: 'dc=ok', listen: ['ldap://h:1', 'ldap://h:70000'], data: '' } }),
      (err: unknown) =>
        err instanceof ConfigError &&
        JSON.stringify(err.problems) ===
          JSON.stringify([
            '--data: data.dir: must not be empty',
            `${file}: data.dri: unknown key (did you mean 'dir'?)`,
            "--listen: listen[1]: 'ldap://h:70000': port 70000 is out of range 1-65535",
          ]),
    );
  });
});
