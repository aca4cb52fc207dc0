import { defineProvider } from '@cardgw/core';
import { createLedgerLane, type LedgerLaneOptions } from './ledgerlane-adapter.js';

/**
 * LedgerLane for `createGateway`: `{ name: 'ledgerlane', apiToken: { env: 'LEDGERLANE_API_TOKEN' }, … }`. The
 * gateway's environment, hooks and logger are passed through; `createLedgerLane` validates the options strictly.
 */
export const ledgerlaneProvider = defineProvider({
  name: 'ledgerlane',
  create: (options, context) =>
    createLedgerLane({
      ...(options as LedgerLaneOptions),
      env: context.env,
      hooks: context.hooks,
      logger: context.logger,
    }),
});
