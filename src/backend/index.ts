export * from './types.js';
export * from './lmdb-backend.js';
