import { defineRestProvider } from '@cardgw/rest-dialect';
import { createCryptoCardy } from './cryptocardy-adapter.js';

/**
 * CryptoCardy for `createGateway`: `{ name: 'cryptocardy', seed: { env: 'CRYPTOCARDY_SEED' }, … }`. The gateway's
 * environment, hooks and logger are passed through; the options are validated strictly by `createCryptoCardy`.
 */
export const cryptocardyProvider = defineRestProvider('cryptocardy', createCryptoCardy);
