export * from './attribute-type.js';
export * from './escape.js';
export * from './ava.js';
export * from './normalizer.js';
export * from './rdn.js';
export * from './parser.js';
export * from './dn.js';
