import type { WalletResource } from '@cardgw/core';
import { type LedgerLaneClient, lazy, unsupported, unsupportedError } from './ledgerlane-client.js';
import { failedPage } from './ledgerlane-pages.js';
import { ledgerlaneBalanceSchema } from './ledgerlane-wire.js';
import { ledgerlaneName, mapLedgerLaneBalance } from './map-ledgerlane-objects.js';

/** `issuer.wallet`: LedgerLane's `/balance`; it documents no crypto deposits. */
export function createLedgerLaneWallet(client: LedgerLaneClient): WalletResource {
  return {
    balance: (options) =>
      lazy(async () => {
        client.guard('wallet.balance');
        const wire = await client.call({
          operation: 'wallet.balance',
          method: 'GET',
          path: '/balance',
          schema: ledgerlaneBalanceSchema,
          options,
        });
        return mapLedgerLaneBalance(wire);
      }),
    depositAddresses: () => unsupported('wallet.depositAddresses'),
    deposits: () => failedPage(ledgerlaneName, unsupportedError('wallet.deposits')),
  };
}
