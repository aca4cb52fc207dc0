import { defineProvider } from '@cardgw/core';
import { createCryptoCardy } from './cryptocardy-adapter.js';
import type { CryptoCardyOptions } from './cryptocardy-options.js';

/**
 * CryptoCardy for `createGateway`: `{ name: 'cryptocardy', seed: { env: 'CRYPTOCARDY_SEED' }, … }`. The gateway's
 * environment, hooks and logger are passed through; the options are validated strictly by `createCryptoCardy`.
 */
export const cryptocardyProvider = defineProvider({
  name: 'cryptocardy',
  create(options, context) {
    return createCryptoCardy({
      ...(options as CryptoCardyOptions),
      env: context.env,
      hooks: context.hooks ?? (options.hooks as CryptoCardyOptions['hooks']),
      logger: context.logger ?? (options.logger as CryptoCardyOptions['logger']),
    });
  },
});
