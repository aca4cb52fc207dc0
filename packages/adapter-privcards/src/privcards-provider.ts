import { defineRestProvider } from '@cardgw/rest-dialect';
import { createPrivCards } from './privcards-adapter.js';

/**
 * PrivCards for `createGateway`: `{ name: 'privcards', apiKey: { env: 'PRIVCARDS_API_KEY' }, … }`. The gateway's
 * environment, hooks and logger are passed through; the options are validated strictly by `createPrivCards`.
 */
export const privcardsProvider = defineRestProvider('privcards', createPrivCards);
