export * from './types.js';
export * from './scope.js';
export * from './attribute-selector.js';
export * from './validate.js';
export * from './parse-rules.js';
export * from './default-rules.js';
export * from './access-control.js';
