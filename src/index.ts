export * from './errors/index.js';
export * from './ber/index.js';
export * from './filter/index.js';
export * from './protocol/model.js';
