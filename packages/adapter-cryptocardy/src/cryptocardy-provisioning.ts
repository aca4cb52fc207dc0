import { type RequestOptions, Secret } from '@cardgw/core';
import { lazySchema, loadZodForCall, parseInput, z } from '@cardgw/core/provider-utils';
import {
  assertCredentialTransport,
  createHttpClient,
  createRestOptionsParser,
  type HttpHooks,
  type Logger,
  mapRestCardStatus,
  normalizeBaseUrl,
  normalizeTimestamp,
  readRestProviderError,
} from '@cardgw/rest-dialect';
import {
  type CryptoCardyCardNetwork,
  type CryptoCardyFundingAsset,
  cryptocardyCardNetworks,
  cryptocardyFundingAssets,
} from './cryptocardy-assets.js';
import { CardPreview } from './cryptocardy-card-preview.js';
import { cryptocardyLimits } from './cryptocardy-limits.js';
import { cryptocardyDefaultBaseUrl } from './cryptocardy-options.js';
import { cryptocardySeed } from './cryptocardy-seed.js';

/** Options of `provisionCryptoCardy`: where to ask, which card and funding asset, and the pipeline's hooks. */
export interface ProvisionCryptoCardyOptions {
  /** The API's base URL. @default 'https://cryptocardy.com/v1/api' */
  readonly baseUrl?: string | undefined;
  /** The card network. @default chosen by CryptoCardy */
  readonly card?: CryptoCardyCardNetwork | undefined;
  /** The asset the funding wallet receives. @default chosen by CryptoCardy */
  readonly asset?: CryptoCardyFundingAsset | undefined;
  /** Total deadline of the call. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /**
   * Retries after the first attempt. Each attempt that reaches CryptoCardy opens a new account (the endpoint takes no
   * idempotency key), so the default does not retry. @default 0
   */
  readonly maxRetries?: number | undefined;
  readonly hooks?: HttpHooks | undefined;
  readonly logger?: Logger | undefined;
  /** Extra headers. @default none */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** What `GET /` answers: a new account's seed, its first card (pending until funded) and its funding wallet. */
export interface CryptoCardyProvisioning {
  /** Pass it on as is: `createCryptoCardy({ seed: provisioning.seed })`. Prints `[redacted]`. */
  readonly seed: Secret;
  readonly card: CardPreview;
  readonly wallet: { readonly asset: string; readonly address: string };
  /** Normalized with `Date#toISOString()` (the page sends a `+00:00` offset). */
  readonly createdAt: string;
  readonly requestId: string | undefined;
}

// Strict on the adapter options it shares; the card, the asset and the signal are the call's input, checked below
// (`InvalidRequestError`, before any request) and by the pipeline.
const parseProvisioningOptions = createRestOptionsParser(
  'cryptocardy',
  ['baseUrl', 'timeoutMs', 'maxRetries', 'hooks', 'logger', 'headers'],
  ['card', 'asset', 'signal'],
);

const inputSchema = lazySchema(() =>
  z.strictObject({
    card: z.enum(cryptocardyCardNetworks, { error: `must be one of ${cryptocardyCardNetworks.join(', ')}` }).optional(),
    asset: z
      .enum(cryptocardyFundingAssets, { error: `must be one of ${cryptocardyFundingAssets.join(', ')}` })
      .optional(),
  }),
);

const provisioningResponseSchema = lazySchema(() =>
  z.looseObject({
    // `success: true` is not kept: a 200 already says it, and a failure comes as the documented error body.
    request_id: z.string().nullish(),
    // The message never quotes the value: it is the new account's secret.
    seed: z.string().regex(cryptocardySeed.pattern, 'must be a seed (visible characters, no spaces)'),
    card: z.looseObject({
      state: z.enum(['pending_top_up', 'pending', 'active', 'frozen', 'terminated']),
      network: z.string(),
      card_number: z.string().regex(/^[\d ]{12,23}$/, 'must be a card number'),
      cvv_masked: z.string().nullish(),
      expiry: z.string().regex(/^\d{2}\/\d{2}$/, 'must be MM/YY'),
    }),
    wallet: z.looseObject({ asset: z.string(), address: z.string() }),
    created_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 timestamp'),
  }),
);

/**
 * CryptoCardy's onboarding, beside the port: `GET /` (no seed needed) generates a seed, a card preview in state
 * `pending_top_up` and a wallet address to fund it. The card and asset are checked before any request; the call goes
 * through the same pipeline as every other (deadline, hooks, error mapping, redaction), with no auth header.
 */
export async function provisionCryptoCardy(
  options: ProvisionCryptoCardyOptions = {},
): Promise<CryptoCardyProvisioning> {
  const parsed = parseProvisioningOptions(options);
  // The call's own signal and deadline bound zod's load; the pipeline below checks and counts them again.
  await loadZodForCall(
    { signal: parsed.signal, timeoutMs: parsed.timeoutMs } as RequestOptions,
    'provisionCryptoCardy',
    'cryptocardy',
  );
  const input = parseInput(
    inputSchema,
    { card: parsed.card, asset: parsed.asset },
    'provisionCryptoCardy',
    'cryptocardy',
  );
  const baseUrl = normalizeBaseUrl(parsed.baseUrl ?? cryptocardyDefaultBaseUrl);
  // The answer carries a new seed: it may come back over plain HTTP only from a loopback host (a local simulator).
  assertCredentialTransport('cryptocardy', baseUrl, 'loopback');
  const http = createHttpClient({
    provider: 'cryptocardy',
    baseUrl,
    limits: [cryptocardyLimits['requests-per-minute'], cryptocardyLimits['requests-per-hour']],
    timeoutMs: parsed.timeoutMs,
    retry: { maxRetries: parsed.maxRetries ?? 0 },
    headers: parsed.headers,
    hooks: parsed.hooks,
    logger: parsed.logger,
    readProviderError: readRestProviderError,
  });
  try {
    const response = await http.request({
      operation: 'provisioning',
      method: 'GET',
      path: '/',
      query: { card: input.card, asset: input.asset },
      schema: provisioningResponseSchema,
      // Checked by the pipeline before any I/O: anything but an AbortSignal is an InvalidRequestError.
      options: { signal: parsed.signal as AbortSignal | undefined },
    });
    const wire = response.data;
    return {
      seed: new Secret(wire.seed),
      card: new CardPreview({
        status: mapRestCardStatus(wire.card.state),
        network: wire.card.network,
        cardNumber: wire.card.card_number,
        cvvMasked: wire.card.cvv_masked ?? undefined,
        expiry: wire.card.expiry,
      }),
      wallet: { asset: wire.wallet.asset, address: wire.wallet.address },
      createdAt: normalizeTimestamp(wire.created_at),
      requestId: response.requestId ?? wire.request_id ?? undefined,
    };
  } finally {
    await http.close();
  }
}
