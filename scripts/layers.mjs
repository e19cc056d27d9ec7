/**
 * The layer table: a folder under src/ may import only from the folders listed for it (and itself).
 * Lower layers never import higher ones; `cli` is the top and wires everything together.
 */
export const LAYERS = {
  errors: [],
  util: ['errors'],
  ber: ['errors', 'util'],
  dn: ['errors', 'util', 'ber'],
  filter: ['errors', 'util', 'ber', 'dn'],
  protocol: ['errors', 'util', 'ber', 'dn', 'filter'],
  ldif: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol'],
  schema: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol'],
  backend: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'schema'],
  acl: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'schema'],
  auth: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'schema'],
  security: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'schema'],
  client: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'ldif'],
  config: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'schema'],
  server: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'ldif', 'schema', 'backend', 'acl', 'auth', 'security', 'config'],
  audit: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'client'],
  cli: ['errors', 'util', 'ber', 'dn', 'filter', 'protocol', 'ldif', 'schema', 'backend', 'acl', 'auth', 'security', 'client', 'audit', 'config', 'server'],
};
