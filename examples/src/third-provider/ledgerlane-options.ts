import { ConfigError, type HttpHooks, type Logger, type RateLimiter, type RateLimitRule, Secret } from '@cardgw/core';
import { z } from 'zod';
import { ledgerlaneTokenEnvVar, ledgerlaneTokenPattern } from './ledgerlane-token.js';
import { ledgerlaneName } from './map-ledgerlane-objects.js';

/** LedgerLane's production API (made up: see ledgerlane-api.md). */
export const ledgerlaneBaseUrl = 'https://api.ledgerlane.example/v2';

/** Options of `createLedgerLane`. Every one is optional; unknown ones are a `ConfigError`. */
export interface LedgerLaneOptions {
  /** The API token (`llt_` + 32 hex), sent as `X-Api-Token`. @default process.env.LEDGERLANE_API_TOKEN */
  readonly apiToken?: string | Secret | undefined;
  /** @default 'https://api.ledgerlane.example/v2' (env `CARDGW_LEDGERLANE_BASE_URL` through `gatewayConfigFromEnv`) */
  readonly baseUrl?: string | undefined;
  /** Client-side quotas. @default LedgerLane's published limits (`ledgerlaneLimits`) */
  readonly limits?: readonly RateLimitRule[] | undefined;
  /** A limiter of your own (a Redis-backed one shared by processes). @default an in-process limiter */
  readonly limiter?: RateLimiter | undefined;
  /** Total deadline per call, retries included, in milliseconds. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /** Deadline of one attempt, in milliseconds. @default 10000 */
  readonly attemptTimeoutMs?: number | undefined;
  /** Retries after the first attempt. @default 2 */
  readonly maxRetries?: number | undefined;
  readonly hooks?: HttpHooks | undefined;
  readonly logger?: Logger | undefined;
  /** Where the token is read from when `apiToken` is not given. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

// Strict: a misspelt option is a ConfigError naming it. Objects we only pass on are checked by the pipeline.
const optionsSchema = z.strictObject({
  apiToken: z.union([z.string(), z.instanceof(Secret)]).optional(),
  baseUrl: z.string().optional(),
  limits: z.array(z.any()).optional(),
  limiter: z.any().optional(),
  timeoutMs: z.number().optional(),
  attemptTimeoutMs: z.number().optional(),
  maxRetries: z.number().optional(),
  hooks: z.any().optional(),
  logger: z.any().optional(),
  // Any object of variables: `process.env` is not a plain object, which zod's `record` refuses.
  env: z
    .custom<Readonly<Record<string, string | undefined>>>((value) => typeof value === 'object' && value !== null)
    .optional(),
});

/**
 * Checks `createLedgerLane`'s options and returns its token.
 * @throws ConfigError naming an unknown or malformed option, or `apiToken` when the token is missing or not shaped
 *   `llt_` + 32 hex (never echoing it).
 */
export function parseLedgerLaneOptions(options: LedgerLaneOptions): Secret {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown option is named by zod in `keys`, a malformed one by its path.
    const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const option = unknown ?? (issue?.path.map(String).join('.') || 'options');
    throw new ConfigError(`createLedgerLane: option ${option} is not valid`, { provider: ledgerlaneName, option });
  }
  return tokenOf(options);
}

function tokenOf(options: LedgerLaneOptions): Secret {
  const given = options.apiToken ?? (options.env ?? process.env)[ledgerlaneTokenEnvVar];
  const token = Secret.isInstance(given) ? given : new Secret(given ?? '');
  if (!ledgerlaneTokenPattern.test(token.reveal())) {
    throw new ConfigError(
      `createLedgerLane: apiToken (or ${ledgerlaneTokenEnvVar}) must be llt_ followed by 32 lowercase hex digits`,
      { provider: ledgerlaneName, option: 'apiToken' },
    );
  }
  return token;
}
