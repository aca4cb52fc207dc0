import type { CardIssuer } from '@cardgw/core';
import { createRestAdapter } from '@cardgw/rest-dialect';
import { cryptocardyCapabilities } from './cryptocardy-capabilities.js';
import { cryptocardyLimits } from './cryptocardy-limits.js';
import { type CryptoCardyOptions, cryptocardyDefaultBaseUrl, parseCryptoCardyOptions } from './cryptocardy-options.js';

/** A CryptoCardy `CardIssuer`. */
export interface CryptoCardyIssuer extends CardIssuer {
  readonly provider: 'cryptocardy';
}

/**
 * The CryptoCardy adapter: `X-Seed: <seed>` on every request to `https://cryptocardy.com/v1/api`, its published
 * limits, capabilities and payloads. Options are checked here, at construction: a missing or malformed seed is a
 * `ConfigError` naming `seed` (never echoing it); a `baseUrl` over plain `http://` is a `ConfigError` naming `baseUrl`,
 * except to a loopback host (127.0.0.0/8, `::1`, `localhost`). To get a seed, see `provisionCryptoCardy`.
 */
export function createCryptoCardy(options: CryptoCardyOptions = {}): CryptoCardyIssuer {
  const { options: parsed, credential: seed } = parseCryptoCardyOptions(options);
  const { issuer } = createRestAdapter(
    {
      provider: 'cryptocardy',
      capabilities: cryptocardyCapabilities,
      defaultBaseUrl: cryptocardyDefaultBaseUrl,
      defaultLimits: cryptocardyLimits,
      // A seed may reach a simulator on loopback over plain HTTP; anywhere else it needs HTTPS.
      auth: { headerName: 'X-Seed', secret: seed, plainHttp: 'loopback' },
    },
    parsed,
  );
  return Object.freeze({ ...issuer, provider: 'cryptocardy' as const });
}
