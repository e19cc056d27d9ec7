export * from './tags.js';
export * from './errors.js';
export * from './reader.js';
export * from './writer.js';
export * from './framer.js';
