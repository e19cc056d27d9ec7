export * from './result-code.js';
export * from './ldap-error.js';
