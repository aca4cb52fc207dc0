import type { Secret } from '@cardgw/core';
import { createAdapterOptionsParser, type RestAdapterOptions } from '@cardgw/rest-dialect';
import { type PrivCardsMode, privcardsApiKey, privcardsModes } from './privcards-api-key.js';

/** PrivCards' documented production URL (sandbox keys use it too: the key's prefix selects the mode). */
export const privcardsDefaultBaseUrl = 'https://api.privcards.com/v1';

export interface PrivCardsOptions extends RestAdapterOptions {
  /**
   * The API key: `sk_live_…` (production) or `sk_test_…` (sandbox), a string or a `Secret`.
   * @default the `PRIVCARDS_API_KEY` environment variable
   */
  readonly apiKey?: string | Secret | undefined;
  /**
   * Refuse a key of the other mode with a `ConfigError` at construction: `requireMode: 'sandbox'` guarantees that a
   * test suite can never move live money, whatever key the environment holds.
   * @default undefined (either mode)
   */
  readonly requireMode?: PrivCardsMode | undefined;
  /** The API's base URL. @default 'https://api.privcards.com/v1' */
  readonly baseUrl?: string | undefined;
}

/** Strict: an unknown or malformed option is a `ConfigError` naming it, never echoing its value. Resolves the key. */
export const parsePrivCardsOptions = createAdapterOptionsParser('privcards', privcardsApiKey, {
  requireMode: privcardsModes,
});
