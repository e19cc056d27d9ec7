export * from './crypt-base64.js';
export * from './md5-crypt.js';
export * from './sha-crypt.js';
export * from './verify-crypt.js';
