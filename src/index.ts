/**
 * Warden's public API. Each layer's barrel is re-exported here; see the README for examples.
 */
export * from './errors/index.js';
export * from './ber/index.js';
export * from './dn/index.js';
export * from './filter/index.js';
export * from './protocol/index.js';
export * from './ldif/index.js';
