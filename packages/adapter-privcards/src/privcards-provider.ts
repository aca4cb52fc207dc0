import { defineProvider } from '@cardgw/core';
import { createPrivCards } from './privcards-adapter.js';
import type { PrivCardsOptions } from './privcards-options.js';

/**
 * PrivCards for `createGateway`: `{ name: 'privcards', apiKey: { env: 'PRIVCARDS_API_KEY' }, … }`. The gateway's
 * environment, hooks and logger are passed through; the options are validated strictly by `createPrivCards`.
 */
export const privcardsProvider = defineProvider({
  name: 'privcards',
  create(options, context) {
    return createPrivCards({
      ...(options as PrivCardsOptions),
      env: context.env,
      hooks: context.hooks ?? (options.hooks as PrivCardsOptions['hooks']),
      logger: context.logger ?? (options.logger as PrivCardsOptions['logger']),
    });
  },
});
