import { type CardIssuer, ConfigError } from '@cardgw/core';
import { createRestAdapter } from '@cardgw/rest-dialect';
import { type PrivCardsMode, privcardsModeOf } from './privcards-api-key.js';
import { privcardsCapabilities } from './privcards-capabilities.js';
import { privcardsLimits } from './privcards-limits.js';
import { type PrivCardsOptions, parsePrivCardsOptions, privcardsDefaultBaseUrl } from './privcards-options.js';

/** A PrivCards `CardIssuer`, and which mode its key belongs to. */
export interface PrivCardsIssuer extends CardIssuer {
  /** `live` for an `sk_live_` key, `sandbox` for an `sk_test_` key. */
  readonly mode: PrivCardsMode;
}

/**
 * The PrivCards adapter: `Authorization: Bearer <apiKey>` on every request to `https://api.privcards.com/v1`, its
 * documented limits, capabilities and payloads. Options are checked here, at construction: a missing or malformed key
 * is a `ConfigError` naming `apiKey` (never echoing it); a `baseUrl` over plain `http://` is a `ConfigError` naming
 * `baseUrl`, except to a loopback host (127.0.0.0/8, `::1`, `localhost`) with a sandbox (`sk_test_`) key.
 */
export function createPrivCards(options: PrivCardsOptions = {}): PrivCardsIssuer {
  const { options: parsed, credential: apiKey } = parsePrivCardsOptions(options);
  const mode = privcardsModeOf(apiKey.reveal());
  if (parsed.requireMode !== undefined && parsed.requireMode !== mode) {
    throw new ConfigError(
      `privcards: apiKey is a ${mode} key but requireMode is '${parsed.requireMode}', so the adapter refuses to start.`,
      { provider: 'privcards', option: 'apiKey' },
    );
  }
  const { issuer } = createRestAdapter(
    {
      provider: 'privcards',
      capabilities: privcardsCapabilities,
      defaultBaseUrl: privcardsDefaultBaseUrl,
      defaultLimits: privcardsLimits,
      auth: {
        headerName: 'Authorization',
        secret: apiKey,
        format: (key) => `Bearer ${key}`,
        // A live key moves real money: never in clear. A sandbox key may reach a simulator on loopback.
        plainHttp: mode === 'live' ? 'never' : 'loopback',
      },
    },
    parsed,
  );
  return Object.freeze({ ...issuer, mode });
}
