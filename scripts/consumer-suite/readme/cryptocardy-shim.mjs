// @cardgw/adapter-cryptocardy, with CRYPTOCARDY_BASE_URL (the simulator) as the default base URL.
import * as cryptocardy from '@cardgw/adapter-cryptocardy';

export * from '@cardgw/adapter-cryptocardy';

const withSimulator = (options = {}) => ({ baseUrl: process.env.CRYPTOCARDY_BASE_URL, ...options });

export const createCryptoCardy = (options) => cryptocardy.createCryptoCardy(withSimulator(options));
export const provisionCryptoCardy = (options) => cryptocardy.provisionCryptoCardy(withSimulator(options));
export const cryptocardyProvider = {
  ...cryptocardy.cryptocardyProvider,
  create: (options, context) => cryptocardy.cryptocardyProvider.create(withSimulator(options), context),
};
