// @cardgw/adapter-privcards, with PRIVCARDS_BASE_URL (the simulator) as the default base URL.
import * as privcards from '@cardgw/adapter-privcards';

export * from '@cardgw/adapter-privcards';

const withSimulator = (options = {}) => ({ baseUrl: process.env.PRIVCARDS_BASE_URL, ...options });

export const createPrivCards = (options) => privcards.createPrivCards(withSimulator(options));
export const privcardsProvider = {
  ...privcards.privcardsProvider,
  create: (options, context) => privcards.privcardsProvider.create(withSimulator(options), context),
};
