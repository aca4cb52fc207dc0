import type { CardIssuer } from '@cardgw/core';
import { createLedgerLaneBins } from './ledgerlane-bins.js';
import { createLedgerLaneCards } from './ledgerlane-cards.js';
import { createLedgerLaneClient, unsupported, unsupportedError } from './ledgerlane-client.js';
import type { LedgerLaneOptions } from './ledgerlane-options.js';
import { failedPage } from './ledgerlane-pages.js';
import { createLedgerLaneThreeDS } from './ledgerlane-three-ds.js';
import { createLedgerLaneTransactions } from './ledgerlane-transactions.js';
import { createLedgerLaneWallet } from './ledgerlane-wallet.js';
import { ledgerlaneName } from './map-ledgerlane-objects.js';

export { type LedgerLaneOptions, ledgerlaneBaseUrl } from './ledgerlane-options.js';

/**
 * A `CardIssuer` for LedgerLane, built on core's shared HTTP pipeline (`createHttpClient`: limiter, retries,
 * idempotency key, redaction, outcome verdicts). Ids are `ledgerlane:<LedgerLane's id>`; money goes over the wire as
 * integer cents; lists are walked by `next_cursor`.
 * @throws ConfigError for an unknown or malformed option, or a token missing or not shaped `llt_` + 32 hex (never
 *   echoing it).
 */
export function createLedgerLane(options: LedgerLaneOptions = {}): CardIssuer {
  const client = createLedgerLaneClient(options);
  return {
    specificationVersion: 'v1',
    provider: client.provider,
    capabilities: client.capabilities,
    cards: createLedgerLaneCards(client),
    transactions: createLedgerLaneTransactions(client),
    wallet: createLedgerLaneWallet(client),
    bins: createLedgerLaneBins(client),
    threeDS: createLedgerLaneThreeDS(client),
    // LedgerLane's webhooks are set up in its dashboard: no API.
    webhooks: {
      create: () => unsupported('webhooks.create'),
      list: () => failedPage(ledgerlaneName, unsupportedError('webhooks.list')),
      delete: () => unsupported('webhooks.delete'),
    },
    close: () => client.close(),
  };
}
