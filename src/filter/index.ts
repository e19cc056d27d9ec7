export * from './ast.js';
export * from './ber.js';
