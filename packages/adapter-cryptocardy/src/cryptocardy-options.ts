import { Secret } from '@cardgw/core';
import { parseAdapterOptions, type RestAdapterOptions, restAdapterOptionFields } from '@cardgw/core/rest';
import { z } from 'zod';

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

const cryptocardyOptionsSchema = z.strictObject({
  ...restAdapterOptionFields,
  seed: z
    .union([z.string(), z.custom<Secret>((value) => Secret.isInstance(value))], {
      error: 'must be a string or a Secret',
    })
    .optional(),
});

/** Strict: an unknown or malformed option is a `ConfigError` naming it, never echoing its value. */
export function parseCryptoCardyOptions(options: unknown): CryptoCardyOptions {
  return parseAdapterOptions('cryptocardy', cryptocardyOptionsSchema, options);
}
