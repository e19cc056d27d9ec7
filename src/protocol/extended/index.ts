export * from './extended-operation-definition.js';
export * from './extended-operation-registry.js';
export * from './default-extended-operations.js';
export * from './start-tls.js';
export * from './who-am-i.js';
export * from './password-modify.js';
export * from './cancel.js';
export * from './notice-of-disconnection.js';
