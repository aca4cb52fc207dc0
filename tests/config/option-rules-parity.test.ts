import { ConfigError, parseGatewayConfig } from '@cardgw/core';
import { describeConfigIssue } from '@cardgw/core/provider-utils';
import { type CredentialSpec, createAdapterOptionsParser, restLimitNames } from '@cardgw/rest-dialect';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { environmentRule, isRecordLike } from '../../packages/core/src/validation/record-options.js';

// Options are checked without zod since construction stopped loading it (packages/core/src/validation/option-rules.ts).
// The zod schemas they replaced are kept here, verbatim, as the oracle: on every generated options object, the new
// check and the old one accept the same objects and refuse the others with the same message and the same `option`.

const token: CredentialSpec = {
  option: 'token',
  envVar: 'TESTPAY_TOKEN',
  pattern: /^tok_[a-z0-9]{8,}$/,
  expected: 'tok_ followed by at least 8 lowercase letters or digits',
};

// ---- The oracle: the zod schemas and the message code as they were before the change. ----
const positiveInteger = z.number().int().positive();
const limitOverride = z.strictObject({ limit: positiveInteger.optional(), windowMs: positiveInteger.optional() });
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const oldAdapterSchema = z.strictObject({
  baseUrl: z
    .string()
    .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), 'must be an http(s) URL')
    .optional(),
  limits: z.strictObject(Object.fromEntries(restLimitNames.map((name) => [name, limitOverride.optional()]))).optional(),
  limiter: z
    .custom((value) => isObject(value) && typeof (value as { acquire?: unknown }).acquire === 'function', {
      message: 'must be a RateLimiter (acquire, pause, close)',
    })
    .optional(),
  timeoutMs: positiveInteger.optional(),
  maxRetries: z.number().int().min(0).max(20).optional(),
  attemptTimeoutMs: positiveInteger.optional(),
  retryBackoff: z
    .strictObject({
      minDelayMs: z.number().int().min(0).optional(),
      maxDelayMs: z.number().int().min(0).optional(),
      maxRetryAfterMs: z.number().int().min(0).optional(),
    })
    .optional(),
  hooks: z.custom(isObject, { message: 'must be an object of hook functions' }).optional(),
  logger: z.custom(isObject, { message: 'must be a logger object' }).optional(),
  headers: z
    .custom((value) => isRecordLike(value) && Object.values(value).every((item) => typeof item === 'string'), {
      message: 'must be an object whose values are strings',
    })
    .optional(),
  env: z.custom(isRecordLike, { message: environmentRule }).optional(),
  allowInsecureWebhookUrls: z.boolean().optional(),
  binCacheTtlMs: z.number().int().min(0).optional(),
  tier: z.enum(['gold', 'silver'], { error: "must be 'gold' or 'silver'" }).optional(),
  token: z.union([z.string(), z.custom((value) => value instanceof Object && 'reveal' in value)]).optional(),
});

/** The old `parseAdapterOptions`' verdict: undefined when accepted, else the message and the option. */
function oldAdapterVerdict(input: unknown): { message: string; option: string | undefined } | undefined {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    return { message: 'testpay: the options must be an object.', option: undefined };
  }
  const result = oldAdapterSchema.safeParse(input ?? {});
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = path ? `a known key of ${path}` : 'a known option';
    return { message: `testpay: ${key} is not ${known}.`, option: path ? `${path}.${key}` : key };
  }
  const subject = path ? `option ${path}` : 'the options';
  return { message: sentence(`testpay: ${subject} ${describeConfigIssue(issue)}`), option: path || undefined };
}

const oldProviderSchema = z.looseObject({
  name: z
    .string({ error: 'must be a provider name (a string)' })
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a provider name: lowercase letters, digits and dashes, like acme')
    .refine((name) => name !== 'failover', 'must not be "failover" (the composite\'s own name)'),
});
const oldGatewaySchema = z.strictObject({
  providers: z
    .array(oldProviderSchema, { error: 'must be an array of provider entries' })
    .min(1, 'must list at least one provider'),
  failover: z
    .strictObject({
      policy: z.enum(['ordered', 'round-robin'], { error: 'must be "ordered" or "round-robin"' }).optional(),
      breaker: z
        .strictObject({
          consecutiveFailures: z
            .number({ error: 'must be a number' })
            .int('must be an integer')
            .min(1, 'must be at least 1')
            .max(10_000, 'must be at most 10000')
            .optional(),
          halfOpenAfterMs: z
            .number({ error: 'must be a number' })
            .int('must be an integer')
            .min(0, 'must not be negative')
            .max(86_400_000, 'must be at most a day (86400000)')
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

function oldGatewayVerdict(config: unknown): { message: string; option: string | undefined } | undefined {
  const result = oldGatewaySchema.safeParse(config);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`),
    '',
  );
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const option = unknownKey === undefined ? path : path ? `${path}.${unknownKey}` : unknownKey;
  return {
    message: sentence(`gateway config: ${path || 'the config'} ${describeConfigIssue(issue)}`),
    option: option || undefined,
  };
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

// ---- The new checks, as the library runs them. ----
const parseAdapterOptions = createAdapterOptionsParser('testpay', token, { tier: ['gold', 'silver'] });

function verdictOf(parse: () => unknown): { message: string; option: string | undefined } | undefined {
  try {
    parse();
    return undefined;
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    return { message: error.message, option: error.option };
  }
}

// ---- Generated inputs: every value kind a config file or a caller's code may put anywhere. ----
const anyValue = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 1.5, 20, 21, 2 ** 31, 2 ** 53, 1e20, -1e20, Number.NaN, Infinity, -Infinity),
  fc.integer({ min: -5, max: 100_000 }),
  fc.constantFrom('', 'gold', 'bronze', '5', 'https://api.testpay.test/v1', 'ftp://x', 'https://', 'not a url'),
  fc.constantFrom(null, true, false, [], [1], {}, { acquire: () => undefined }, { a: 'b' }, { a: 1 }),
  fc.constantFrom(undefined),
);
const limitsValue = fc.oneof(
  anyValue,
  fc.dictionary(
    fc.constantFrom(...restLimitNames, 'requests-per-day'),
    fc.oneof(anyValue, fc.dictionary(fc.constantFrom('limit', 'windowMs', 'burst'), anyValue, { maxKeys: 3 })),
    { maxKeys: 3 },
  ),
);
const backoffValue = fc.oneof(
  anyValue,
  fc.dictionary(fc.constantFrom('minDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'jitter'), anyValue, { maxKeys: 3 }),
);
/** A valid value per option, chosen 4 times in 5 so that some whole objects pass. */
const validValue: Record<string, unknown> = {
  baseUrl: 'https://api.testpay.test/v1',
  limiter: { acquire: () => undefined },
  timeoutMs: 5_000,
  maxRetries: 2,
  attemptTimeoutMs: 1_000,
  hooks: {},
  logger: {},
  headers: { 'x-trace': 'on' },
  allowInsecureWebhookUrls: true,
  binCacheTtlMs: 0,
  tier: 'gold',
  limits: { 'requests-per-minute': { limit: 5 } },
  retryBackoff: { minDelayMs: 0 },
  timeout: undefined, // not an option: any value is refused as unknown
};
const adapterOptions = fc
  .record(
    Object.fromEntries(
      Object.entries(validValue).map(([key, valid]) => [
        key,
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(valid) },
          { weight: 1, arbitrary: key === 'limits' ? limitsValue : key === 'retryBackoff' ? backoffValue : anyValue },
        ),
      ]),
    ),
    { requiredKeys: [] },
  )
  .map((options) => ({ ...options, env: { TESTPAY_TOKEN: 'tok_sentinel123' } }));

const gatewayConfig = fc.oneof(
  anyValue,
  fc.record(
    {
      providers: fc.oneof(
        anyValue,
        fc.array(
          fc.oneof(
            anyValue,
            fc.record(
              {
                name: fc.oneof(anyValue, fc.constantFrom('acme', 'failover', 'Acme', 'a-b', 'x'.repeat(40))),
                apiKey: anyValue,
              },
              { requiredKeys: [] },
            ),
          ),
          { maxLength: 3 },
        ),
      ),
      failover: fc.oneof(
        anyValue,
        fc.record(
          {
            policy: fc.oneof(anyValue, fc.constantFrom('ordered', 'round-robin', 'random')),
            breaker: fc.oneof(
              anyValue,
              fc.dictionary(fc.constantFrom('consecutiveFailures', 'halfOpenAfterMs', 'resetMs'), anyValue, {
                maxKeys: 3,
              }),
            ),
            retries: anyValue,
          },
          { requiredKeys: [] },
        ),
      ),
      extra: anyValue,
    },
    { requiredKeys: [] },
  ),
);

describe('option checks without zod agree with the zod schemas they replaced', () => {
  it('an adapter’s options: the same verdict, message and option on 3,000 generated option objects', () => {
    let refused = 0;
    fc.assert(
      fc.property(adapterOptions, (options) => {
        const expected = oldAdapterVerdict(options);
        if (expected !== undefined) refused += 1;
        expect(verdictOf(() => parseAdapterOptions(options))).toEqual(expected);
      }),
      { numRuns: 3_000, seed: 20261201 },
    );
    // The generator reaches both sides: most objects are refused somewhere, some pass whole.
    expect(refused).toBeGreaterThan(1_000);
    expect(refused).toBeLessThan(3_000);
  });

  it('a gateway config: the same verdict, message and option on 3,000 generated configs', () => {
    let refused = 0;
    fc.assert(
      fc.property(gatewayConfig, (config) => {
        const expected = oldGatewayVerdict(config);
        if (expected !== undefined) refused += 1;
        const actual = verdictOf(() => parseGatewayConfig(config));
        // Repeated provider names are refused after the schema, by both versions alike.
        if (expected === undefined && actual?.message.includes('repeats')) return;
        expect(actual).toEqual(expected);
      }),
      { numRuns: 3_000, seed: 20261201 },
    );
    expect(refused).toBeGreaterThan(1_000);
    expect(refused).toBeLessThan(3_000);
  });
});
