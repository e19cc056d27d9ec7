export * from './tls-material-error.js';
export * from './self-signed.js';
export * from './tls-material.js';
