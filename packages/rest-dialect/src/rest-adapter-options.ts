import { ConfigError, type RateLimiter, Secret } from '@cardgw/core';
import {
  asSentence,
  booleanOption,
  customOption,
  environmentOption,
  type HttpHooks,
  type Logger,
  numberOption,
  type OptionFields,
  type OptionRule,
  objectOption,
  positiveIntegerOption,
  readObjectOption,
  stringOption,
  stringRecordOption,
  unknownKeyIssue,
} from '@cardgw/core/provider-utils';
import { type RestLimitOverrides, restLimitNames } from './rest-limits.js';

/** The options every adapter of the dialect takes besides its credential. */
export interface RestAdapterOptions {
  /** The API's base URL, without a trailing slash. @default the provider's documented production URL */
  readonly baseUrl?: string | undefined;
  /** Overrides of the default quotas, by rule name: `{ 'requests-per-minute': { limit: 500 } }`. @default the provider's published limits */
  readonly limits?: RestLimitOverrides | undefined;
  /** A limiter of your own, e.g. Redis-backed and shared by every process. @default an in-process limiter built from `limits` */
  readonly limiter?: RateLimiter | undefined;
  /** Total deadline per call, retries and limiter waits included. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /** Retries after the first attempt, for failures that are safe to repeat (never 400/401/404). @default 2 */
  readonly maxRetries?: number | undefined;
  /**
   * Deadline of one attempt: a slower one is abandoned and retried with the same idempotency key while `timeoutMs`
   * leaves room. @default 10000
   */
  readonly attemptTimeoutMs?: number | undefined;
  /**
   * The wait between retries: the first delay (doubled per retry, with full jitter), its ceiling, and the longest
   * `Retry-After` waited for (a longer one fails the call with `RateLimitError`).
   * @default { minDelayMs: 250, maxDelayMs: 8000, maxRetryAfterMs: 60000 }
   */
  readonly retryBackoff?:
    | {
        readonly minDelayMs?: number | undefined;
        readonly maxDelayMs?: number | undefined;
        readonly maxRetryAfterMs?: number | undefined;
      }
    | undefined;
  /** Observability hooks: request, response, retry, rate-limit wait. Their payloads never hold a secret. */
  readonly hooks?: HttpHooks | undefined;
  /** A pino-style logger (`logger.debug(object, message)`); every line is redacted. @default none */
  readonly logger?: Logger | undefined;
  /**
   * Extra headers on every request, an object of strings (plain, null-prototype or a `Proxy`, copied once when the
   * adapter is built); the auth and idempotency headers cannot be overridden. @default none
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Where the credential's environment variable is read from: `process.env`, or any object of variables (plain,
   * null-prototype, frozen or a `Proxy`); only the credential's variable is read. @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /**
   * Let `webhooks.create` take `http://` URLs. Real providers require HTTPS; this is for a local simulator only.
   * @default false
   */
  readonly allowInsecureWebhookUrls?: boolean | undefined;
  /** How long `GET /bins` is reused when a card is created by BIN criteria. @default 300000 (5 minutes) */
  readonly binCacheTtlMs?: number | undefined;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const limitOverride = objectOption({ limit: positiveIntegerOption, windowMs: positiveIntegerOption });
const nonNegativeInteger = numberOption({ integer: true, min: 0 });

/**
 * The rules of `RestAdapterOptions`, one per option (the `satisfies` below keeps the two in step), checked without zod
 * so that building an adapter does not load it. Internal to the dialect: adapters get strict parsers from
 * `createAdapterOptionsParser` and `createRestOptionsParser`.
 */
export const restAdapterOptionFields = {
  baseUrl: stringOption({
    test: (value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value),
    rule: 'must be an http(s) URL',
  }),
  limits: objectOption(Object.fromEntries(restLimitNames.map((name) => [name, limitOverride]))),
  limiter: customOption(
    (value) => isObject(value) && typeof (value as RateLimiter).acquire === 'function',
    'must be a RateLimiter (acquire, pause, close)',
  ),
  timeoutMs: positiveIntegerOption,
  maxRetries: numberOption({ integer: true, min: 0, max: 20 }),
  attemptTimeoutMs: positiveIntegerOption,
  retryBackoff: objectOption({
    minDelayMs: nonNegativeInteger,
    maxDelayMs: nonNegativeInteger,
    maxRetryAfterMs: nonNegativeInteger,
  }),
  hooks: customOption(isObject, 'must be an object of hook functions'),
  logger: customOption(isObject, 'must be a logger object'),
  headers: stringRecordOption,
  env: environmentOption,
  allowInsecureWebhookUrls: booleanOption,
  binCacheTtlMs: nonNegativeInteger,
} satisfies { readonly [Name in keyof RestAdapterOptions]-?: OptionRule };

/**
 * Validates an adapter's options strictly against `fields` and returns them copied into a plain object (each read
 * once, through getters and `Proxy` traps; see `readObjectOption`). A violation is a `ConfigError` naming the option
 * (an unknown option by its name, a nested one by its path: `limits.requests-per-minute.limit`), never echoing its
 * value: it may be a secret.
 */
export function parseAdapterOptions<Output>(
  provider: string,
  fields: OptionFields,
  input: unknown,
  rule: OptionRule = objectOption(fields),
): Output {
  const notAnObject = () => typeof input !== 'object' || input === null || Array.isArray(input);
  if (input !== undefined && readOptions(provider, notAnObject)) {
    throw new ConfigError(`${provider}: the options must be an object.`, { provider });
  }
  const given = input ?? {};
  // Each option is read once, into a copy, and the copy is what is checked and kept: a getter or a Proxy answering
  // differently on a second read cannot slip an unchecked value in. Unknown keys are looked for on the original.
  const read = readOptions(provider, () => readObjectOption(fields, given));
  const issue = readOptions(provider, () => rule(read) ?? unknownKeyIssue(fields, given));
  if (issue === undefined) return read as Output;
  const path = issue.path.map(String).join('.');
  if (issue.unknownKey !== undefined) {
    const known = path ? `a known key of ${path}` : 'a known option';
    throw new ConfigError(`${provider}: ${issue.unknownKey} is not ${known}.`, {
      provider,
      option: path ? `${path}.${issue.unknownKey}` : issue.unknownKey,
    });
  }
  const subject = path ? `option ${path}` : 'the options';
  throw new ConfigError(asSentence(`${provider}: ${subject} ${issue.rule}`), { provider, option: path || undefined });
}

/**
 * Runs `read` over the caller's options: a getter or a `Proxy` trap that throws (a revoked Proxy) is a `ConfigError`
 * saying the options could not be read, never the engine's TypeError. Its message is not quoted: it may hold a value.
 */
export function readOptions<Value>(provider: string, read: () => Value): Value {
  try {
    return read();
  } catch (error) {
    if (ConfigError.isInstance(error)) throw error;
    const kind = error instanceof Error ? error.name : typeof error;
    throw new ConfigError(`${provider}: the options could not be read (a getter or a Proxy threw a ${kind}).`, {
      provider,
    });
  }
}

/** How an adapter's credential is given: its option, its environment variable and its documented shape. */
export interface CredentialSpec {
  /** The option's name: `apiKey`, `seed`. */
  readonly option: string;
  /** The environment variable read when the option is absent: `ACME_API_KEY`. */
  readonly envVar: string;
  /**
   * The documented shape, and no stricter than the provider's page: `/^key_[!-~]+$/`. It must refuse
   * whitespace and control characters, since the credential is sent in a header.
   */
  readonly pattern: RegExp;
  /** What a valid one looks like, for the error message: `key_ followed by the key itself, without spaces`. */
  readonly expected: string;
}

/**
 * The credential from the option (a string or a `Secret`) or else the environment, checked against its documented
 * shape. Errors name the option and the variable, never the value.
 */
export function resolveCredential(
  provider: string,
  spec: CredentialSpec,
  value: string | Secret | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Secret {
  const fromEnv = env[spec.envVar];
  const raw = value === undefined ? fromEnv : Secret.isInstance(value) ? value.reveal() : value;
  if (raw === undefined || raw === '') {
    throw new ConfigError(`${provider}: ${spec.option} is required: pass ${spec.option} or set ${spec.envVar}.`, {
      provider,
      option: spec.option,
    });
  }
  if (typeof raw !== 'string' || !spec.pattern.test(raw)) {
    const source = value === undefined ? `${spec.envVar} (used for ${spec.option})` : spec.option;
    throw new ConfigError(asSentence(`${provider}: ${source} is malformed: expected ${spec.expected}`), {
      provider,
      option: spec.option,
    });
  }
  return Secret.isInstance(value) ? value : new Secret(raw);
}

/** `https://api.example.com/v1/` → `https://api.example.com/v1`: paths are appended with a leading slash. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
