import type { Secret } from '@cardgw/core';
import { createAdapterOptionsParser, type RestAdapterOptions } from '@cardgw/rest-dialect';
import { cryptocardySeed } from './cryptocardy-seed.js';

/** CryptoCardy's documented production URL. Its sandbox URL is not documented: pass it as `baseUrl`. */
export const cryptocardyDefaultBaseUrl = 'https://cryptocardy.com/v1/api';

export interface CryptoCardyOptions extends RestAdapterOptions {
  /**
   * The account's seed (`c4f4-6e88-036c-761c`), a string or a `Secret` (as `provisionCryptoCardy` returns it).
   * @default the `CRYPTOCARDY_SEED` environment variable
   */
  readonly seed?: string | Secret | undefined;
  /** The API's base URL; the sandbox's is undocumented. @default 'https://cryptocardy.com/v1/api' */
  readonly baseUrl?: string | undefined;
}

/** Strict: an unknown or malformed option is a `ConfigError` naming it, never echoing its value. Resolves the seed. */
export const parseCryptoCardyOptions = createAdapterOptionsParser('cryptocardy', cryptocardySeed);
