import { assertFiltersSupported, maximumPerPage, parseInput, type ThreeDSResource } from '@cardgw/core';
import { type LedgerLaneClient, lazyCheck, unsupported } from './ledgerlane-client.js';
import { threeDSListInputSchema } from './ledgerlane-inputs.js';
import { createCursorPageResult, failedPage } from './ledgerlane-pages.js';
import { ledgerlaneListSchema, ledgerlaneVerificationSchema } from './ledgerlane-wire.js';
import { ledgerlaneName, mapLedgerLaneVerification } from './map-ledgerlane-objects.js';

/** `issuer.threeDS`: LedgerLane's `/verifications` list (no lookup by id). */
export function createLedgerLaneThreeDS(client: LedgerLaneClient): ThreeDSResource {
  const { provider } = client;
  return {
    list: (filters, options) => {
      const checked = lazyCheck(() => {
        client.guard('threeDS.list');
        assertFiltersSupported(provider, 'threeDS.list', client.capabilities.threeDSListFilters, filters);
        return parseInput(threeDSListInputSchema, filters ?? {}, 'threeDS.list', provider);
      });
      if (checked instanceof Error) return failedPage(ledgerlaneName, checked);
      return createCursorPageResult(
        1,
        maximumPerPage,
        async (cursor) => {
          const page = await client.call({
            operation: 'threeDS.list',
            method: 'GET',
            path: '/verifications',
            query: { limit: maximumPerPage, cursor },
            schema: ledgerlaneListSchema(ledgerlaneVerificationSchema),
            options,
          });
          return { items: page.items.map(mapLedgerLaneVerification), nextCursor: page.next_cursor };
        },
        provider,
      );
    },
    get: () => unsupported('threeDS.get'),
  };
}
