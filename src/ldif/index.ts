export * from './types.js';
export * from './reader.js';
export * from './format.js';
export * from './writer.js';
