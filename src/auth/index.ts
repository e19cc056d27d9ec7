export * from './password.js';
export { DEFAULT_ARGON2, MAX_ARGON2 } from './password-argon2.js';
export { MAX_PBKDF2_ITERATIONS } from './password-pbkdf2.js';
export { MAX_SHA_CRYPT_ROUNDS, md5Crypt, shaCrypt } from './crypt/index.js';
