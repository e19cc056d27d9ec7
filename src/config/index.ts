export * from './config-error.js';
export * from './listen-url.js';
export * from './schema.js';
export * from './load.js';
export * from './admin-password.js';
