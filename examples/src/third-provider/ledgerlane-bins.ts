import type { Bin, BinsResource, RequestOptions } from '@cardgw/core';
import { type LedgerLaneClient, lazy } from './ledgerlane-client.js';
import { createCursorPageResult } from './ledgerlane-pages.js';
import { ledgerlaneBinSchema, ledgerlaneListSchema } from './ledgerlane-wire.js';
import { mapLedgerLaneBin } from './map-ledgerlane-objects.js';

/** Every LedgerLane BIN (`GET /bins` answers them all on one page). */
export async function fetchLedgerLaneBins(client: LedgerLaneClient, options?: RequestOptions): Promise<Bin[]> {
  const page = await client.call({
    operation: 'bins.list',
    method: 'GET',
    path: '/bins',
    schema: ledgerlaneListSchema(ledgerlaneBinSchema),
    options,
  });
  return page.items.map(mapLedgerLaneBin);
}

/** `issuer.bins`: one page whose size is LedgerLane's BIN count. */
export function createLedgerLaneBins(client: LedgerLaneClient): BinsResource {
  const provider = client.provider;
  return {
    list: (options) => {
      const bins = lazy(async () => {
        client.guard('bins.list');
        return fetchLedgerLaneBins(client, options);
      });
      // LedgerLane answers every BIN at once: one page whose size is its item count.
      return createCursorPageResult(1, 100, async () => ({ items: await bins, nextCursor: null }), provider);
    },
  };
}
