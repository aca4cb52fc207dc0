export type * from './capabilities.js';
export type * from './card-issuer.js';
export type * from './inputs.js';
