/*
 * The bad-input corpus (issue 8): malformed inputs across every call of the port, each refused with a typed error
 * before any I/O. Run against both adapters (nock refuses every connection and a catch-all interceptor records any
 * request that would have left: there must be none) and against the in-memory issuer (its state must not move).
 *
 * Expected outcome per row: `InvalidRequestError`; `UnsupportedOperationError` when the issuer does not declare the
 * operation or a filter the row uses (counted apart). Another provider's id is malformed for every issuer: sent to the
 * wrong provider it would be a confusing 404, or someone else's card. A row that is not malformed for an issuer (an
 * http webhook URL for the in-memory issuer, which takes them) is counted as not applicable, and must succeed there.
 */

import { createCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/adapter-memory';
import { createPrivCards } from '@cardgw/adapter-privcards';
import {
  type CardIssuer,
  cents,
  InvalidRequestError,
  type IssuerCapabilities,
  type Operation,
  UnsupportedOperationError,
  usd,
} from '@cardgw/core';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What a row needs to know about the issuer under test. */
interface Target {
  readonly provider: string;
  /** Another provider's name, for ids that belong elsewhere. */
  readonly other: string;
  /** A well-formed id of each kind, of an existing card where the issuer can tell. */
  readonly card: string;
  readonly capabilities: IssuerCapabilities;
}

interface BadInput {
  readonly operation: Operation;
  /** What is wrong with the input. */
  readonly why: string;
  /** The call's arguments. */
  readonly args: (target: Target) => readonly unknown[];
  /** The list filters the row passes, for the capability check that runs before validation. */
  readonly filters?: ((target: Target) => unknown) | undefined;
  /** The row is malformed only for issuers this returns true for (an http URL is fine for the in-memory issuer). */
  readonly appliesTo?: ((target: Target) => boolean) | undefined;
}

type Outcome = 'invalid' | 'unsupported';

/** An object with an own `__proto__` key, as `JSON.parse` of an attacker's body makes. */
const withOwnProto = (fields: object) => ({ ...JSON.parse('{"__proto__":{"polluted":true}}'), ...fields });
const tooLong = (length: number) => 'x'.repeat(length);
const metadataWithKeys = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));
const money = (value: unknown) => value;
const createInput = (fields: object) => ({ binId: '491653', amount: usd(10), ...fields });

// ── Money ───────────────────────────────────────────────────────────────────────────────────────────────────────────
const fundingAmounts: readonly [string, unknown][] = [
  ['$0.99, below the $1.00 minimum', cents(99)],
  ['$5,000.01, above the $5,000.00 maximum', cents(500_001)],
  ['a negative amount', cents(-1_000)],
  ['zero', cents(0)],
  ['float cents', money({ amount: 10.5, currency: 'USD' })],
  ['a bare number of dollars', 500],
  ['a string amount', '10.00'],
  ['NaN cents', money({ amount: Number.NaN, currency: 'USD' })],
  ['Infinity cents', money({ amount: Number.POSITIVE_INFINITY, currency: 'USD' })],
  ['cents as a numeric string', money({ amount: '1000', currency: 'USD' })],
  ['a currency other than USD', money({ amount: 1_000, currency: 'EUR' })],
  ['Money without a currency', money({ amount: 1_000 })],
  ['Money with an unknown extra field', money({ amount: 1_000, currency: 'USD', fee: 1 })],
  ['null', null],
  ['an array', [1_000, 'USD']],
  ['an empty object', {}],
];
// A withdrawal takes any positive amount: only the amounts malformed for it too.
const withdrawalAmounts = fundingAmounts.filter(([why]) => !why.startsWith('$'));
const limitAmounts: readonly [string, unknown][] = [
  ['a negative amount', cents(-1)],
  ['float cents', money({ amount: 0.5, currency: 'USD' })],
  ['a bare number', 100],
  ['NaN cents', money({ amount: Number.NaN, currency: 'USD' })],
  ['a string', '100'],
];

// ── Labels, categories and metadata ─────────────────────────────────────────────────────────────────────────────────
const labels: readonly [string, unknown][] = [
  ['a 65-character label', tooLong(65)],
  ['a numeric label', 42],
  ['an object as label', { text: 'ads' }],
  ['an array as label', ['ads']],
];
const categories: readonly [string, unknown][] = [
  ['categories as a string', 'advertising'],
  ['an empty category', ['']],
  ['a numeric category', [5_734]],
  ['51 categories', Array.from({ length: 51 }, (_, index) => `category-${index}`)],
];
const metadatas: readonly [string, unknown][] = [
  ['21 metadata keys', metadataWithKeys(21)],
  ['an own __proto__ key in metadata (prototype pollution)', withOwnProto({ campaign: 'q4' })],
  ['a constructor key in metadata', { constructor: 'x' }],
  ['a prototype key in metadata', { prototype: { polluted: true } }],
  ['a nested object as a metadata value', { campaign: { name: 'q4' } }],
  ['an array as a metadata value', { tags: ['a', 'b'] }],
  ['a 41-character metadata key', { [tooLong(41)]: 1 }],
  ['a 501-character metadata value', { note: tooLong(501) }],
  ['an empty metadata key', { '': 1 }],
  ['metadata as an array', ['campaign']],
  ['metadata as a string', 'campaign=q4'],
];

// ── Ids ─────────────────────────────────────────────────────────────────────────────────────────────────────────────
const badIds: readonly [string, (target: Target) => unknown][] = [
  ['an unqualified id', () => 'card_1'],
  ['a path traversal', () => '../etc'],
  ['a space in the provider id', (target) => `${target.provider}:card 1`],
  ['a slash in the provider id', (target) => `${target.provider}:card/../../wallet`],
  ['an empty id', () => ''],
  ['a provider name without an id', (target) => `${target.provider}:`],
  ['an uppercase provider name', (target) => `${target.provider.toUpperCase()}:card_1`],
  ['a query string in the id', (target) => `${target.provider}:card_1?expand=pan`],
  ['a 300-character id', (target) => `${target.provider}:${tooLong(300)}`],
  ['a number as id', () => 42],
  ['null as id', () => null],
  ['an object as id', (target) => ({ id: `${target.provider}:card_1` })],
  ['an array of ids', (target) => [`${target.provider}:card_1`]],
];
const foreignId = (target: Target) => `${target.other}:card_8xK2m9Lp4q`;

// ── Rows ────────────────────────────────────────────────────────────────────────────────────────────────────────────
const corpus: BadInput[] = [];
const row = (operation: Operation, why: string, args: BadInput['args'], extra: Partial<BadInput> = {}) =>
  corpus.push({ operation, why, args, ...extra });

// cards.create
for (const [why, amount] of fundingAmounts) row('cards.create', `amount: ${why}`, () => [createInput({ amount })]);
for (const [why, spendingLimit] of limitAmounts) {
  row('cards.create', `spendingLimit: ${why}`, () => [createInput({ spendingLimit })]);
}
row('cards.create', 'spendingLimit: zero', () => [createInput({ spendingLimit: cents(0) })]);
row('cards.create', 'autoFreezeAt: a negative amount', () => [createInput({ autoFreezeAt: cents(-1) })]);
for (const [why, label] of labels) row('cards.create', `label: ${why}`, () => [createInput({ label })]);
for (const [why, allowedCategories] of categories) {
  row('cards.create', `allowedCategories: ${why}`, () => [createInput({ allowedCategories })]);
}
for (const [why, metadata] of metadatas) row('cards.create', `metadata: ${why}`, () => [createInput({ metadata })]);
for (const [why, input] of [
  ['no input', undefined],
  ['null input', null],
  ['an array as input', [createInput({})]],
  ['a string as input', 'visa $10'],
  ['a number as input', 10],
  ['an empty object (no BIN, no amount)', {}],
  ['no amount', { binId: '491653' }],
  ['no BIN', { amount: usd(10) }],
  ['both binId and bin criteria', createInput({ bin: { network: 'visa' } })],
  ['a numeric binId', createInput({ binId: 491_653 })],
  ['a path traversal as binId', createInput({ binId: '../etc' })],
  ['a binId with a space', createInput({ binId: '491 653' })],
  ['bin criteria as a string', { bin: 'visa', amount: usd(10) }],
  ['an uppercase network in bin criteria', { bin: { network: 'VISA' }, amount: usd(10) }],
  ['an unknown field in bin criteria', { bin: { network: 'visa', country: 'US' }, amount: usd(10) }],
  ['a non-boolean threeDS in bin criteria', { bin: { threeDS: 'yes' }, amount: usd(10) }],
  ['an unknown extra field', createInput({ holderName: 'Ada' })],
  ['a wire-style snake_case field', createInput({ bin_id: '491653' })],
  ['an own __proto__ key in the input', withOwnProto(createInput({}))],
  ['a constructor field in the input', createInput({ constructor: { name: 'x' } })],
] as const) {
  row('cards.create', why, () => [input]);
}
row('cards.create', "another provider's BIN id", (target) => [createInput({ binId: `${target.other}:491653` })]);

// cards.update
for (const [why, label] of labels) row('cards.update', `label: ${why}`, (target) => [target.card, { label }]);
for (const [why, spendingLimit] of limitAmounts) {
  row('cards.update', `spendingLimit: ${why}`, (target) => [target.card, { spendingLimit }]);
}
row('cards.update', 'autoFreezeAt: a negative amount', (target) => [target.card, { autoFreezeAt: cents(-5) }]);
row('cards.update', 'autoFreezeAt: a bare number', (target) => [target.card, { autoFreezeAt: 5 }]);
for (const [why, allowedCategories] of categories) {
  row('cards.update', `allowedCategories: ${why}`, (target) => [target.card, { allowedCategories }]);
}
for (const [why, metadata] of metadatas) {
  row('cards.update', `metadata: ${why}`, (target) => [target.card, { metadata }]);
}
for (const [why, input] of [
  ['no change at all', {}],
  ['null input', null],
  ['an array as input', [{ label: 'x' }]],
  ['a string as input', 'label=x'],
  ['a status change (not updatable)', { status: 'frozen' }],
  ['a balance change (not updatable)', { balance: usd(100) }],
  ['an own __proto__ key in the input', withOwnProto({ label: 'x' })],
] as const) {
  row('cards.update', why, (target) => [target.card, input]);
}

// cards.fund and cards.withdraw
for (const [why, amount] of fundingAmounts) row('cards.fund', `amount: ${why}`, (target) => [target.card, { amount }]);
for (const [why, amount] of withdrawalAmounts) {
  row('cards.withdraw', `amount: ${why}`, (target) => [target.card, { amount }]);
}
for (const operation of ['cards.fund', 'cards.withdraw'] as const) {
  for (const [why, input] of [
    ['no input', undefined],
    ['a bare amount instead of { amount }', usd(10)],
    ['an unknown extra field', { amount: usd(10), note: 'x' }],
    ['an own __proto__ key in the input', withOwnProto({ amount: usd(10) })],
  ] as const) {
    row(operation, why, (target) => [target.card, input]);
  }
}

// Every call that takes an id.
const idCalls: readonly [Operation, (id: unknown) => readonly unknown[]][] = [
  ['cards.get', (id) => [id]],
  ['cards.details', (id) => [id]],
  ['cards.update', (id) => [id, { label: 'ok' }]],
  ['cards.freeze', (id) => [id]],
  ['cards.unfreeze', (id) => [id]],
  ['cards.terminate', (id) => [id]],
  ['cards.fund', (id) => [id, { amount: usd(10) }]],
  ['cards.withdraw', (id) => [id, { amount: usd(1) }]],
  ['transactions.get', (id) => [id]],
  ['threeDS.get', (id) => [id]],
  ['webhooks.delete', (id) => [id]],
];
for (const [operation, args] of idCalls) {
  for (const [why, id] of badIds) row(operation, `id: ${why}`, (target) => args(id(target)));
  row(operation, "id: another provider's id", (target) => args(foreignId(target)));
}
for (const operation of ['transactions.list', 'threeDS.list'] as const) {
  for (const [why, id] of badIds.slice(0, 6)) {
    const filters = (target: Target) => ({ cardId: id(target) });
    row(operation, `cardId filter: ${why}`, (target) => [filters(target)], { filters });
  }
  const filters = (target: Target) => ({ cardId: foreignId(target) });
  row(operation, "cardId filter: another provider's id", (target) => [filters(target)], { filters });
}

// Lists: filters, enums, pages.
const listRow = (operation: Operation, why: string, filters: unknown) =>
  row(operation, why, () => [filters], { filters: () => filters });
for (const [why, filters] of [
  ['status: pending (not a list filter value)', { status: 'pending' }],
  ['status: uppercase', { status: 'ACTIVE' }],
  ['status: unknown', { status: 'deleted' }],
  ['status: a number', { status: 1 }],
  ['binId: a path traversal', { binId: '../bins' }],
  ['binId: a number', { binId: 491_653 }],
  ['perPage: 0', { perPage: 0 }],
  ['perPage: 101', { perPage: 101 }],
  ['perPage: 1.5', { perPage: 1.5 }],
  ['perPage: a string', { perPage: '10' }],
  ['perPage: negative', { perPage: -1 }],
  ['perPage: NaN', { perPage: Number.NaN }],
  ['perPage: Infinity', { perPage: Number.POSITIVE_INFINITY }],
  ['page: 0', { page: 0 }],
  ['page: negative', { page: -1 }],
  ['page: 1.5', { page: 1.5 }],
  ['page: a string', { page: '2' }],
  ['page: beyond a million', { page: 1_000_001 }],
  ['label: empty', { label: '' }],
  ['label: 65 characters', { label: tooLong(65) }],
  ['sort: unknown', { sort: 'name' }],
  ['sort: the wire name', { sort: 'created_at' }],
  ['order: unknown', { order: 'up' }],
  ['an unknown filter name', { color: 'blue' }],
  ['a wire-style per_page', { per_page: 10 }],
  ['an own __proto__ key', withOwnProto({})],
  ['filters as a string', 'status=active'],
  ['filters as a number', 3],
  ['filters as an array', ['status']],
] as const) {
  listRow('cards.list', why, filters);
}
for (const [why, filters] of [
  ['type: unknown', { type: 'purchase' }],
  ['type: uppercase', { type: 'REFUND' }],
  ['from: February 30th', { from: '2026-02-30' }],
  ['from: yesterday', { from: 'yesterday' }],
  ['from: month 13', { from: '2026-13-01' }],
  ['to: hour 25', { to: '2026-01-01T25:00:00Z' }],
  ['to: an unpadded date', { to: '2026-1-1' }],
  ['to: a Date object', { to: new Date('2026-01-01T00:00:00Z') }],
  ['from: a timestamp number', { from: 1_767_225_600_000 }],
  ['from: empty', { from: '' }],
  ['from after to', { from: '2026-02-01', to: '2026-01-01' }],
  ['merchant: empty', { merchant: '' }],
  ['merchant: 129 characters', { merchant: tooLong(129) }],
  ['minAmount: negative', { minAmount: cents(-1) }],
  ['minAmount: a bare number', { minAmount: 10 }],
  ['maxAmount: float cents', { maxAmount: money({ amount: 9.99, currency: 'USD' }) }],
  ['minAmount above maxAmount', { minAmount: usd(50), maxAmount: usd(10) }],
  ['perPage: 0', { perPage: 0 }],
  ['perPage: 101', { perPage: 101 }],
  ['perPage: 1.5', { perPage: 1.5 }],
  ['page: 0', { page: 0 }],
  ['an unknown filter name', { amount: usd(10) }],
  ['filters as an array', [{ type: 'refund' }]],
] as const) {
  listRow('transactions.list', why, filters);
}
for (const [why, filters] of [
  ['status: unknown', { status: 'approved' }],
  ['status: a number', { status: 0 }],
  ['an unknown filter name', { otp: '000000' }],
  ['filters as a string', 'pending'],
] as const) {
  listRow('threeDS.list', why, filters);
}
for (const [why, filters] of [
  ['status: unknown', { status: 'done' }],
  ['asset: uppercase', { asset: 'BTC' }],
  ['asset: one letter', { asset: 'b' }],
  ['asset: empty', { asset: '' }],
  ['asset: a number', { asset: 1 }],
  ['an unknown filter name', { network: 'bitcoin' }],
] as const) {
  listRow('wallet.deposits', why, filters);
}
for (const [why, query] of [
  ['asset: uppercase', { asset: 'ETH' }],
  ['asset: punctuation', { asset: 'btc!' }],
  ['asset: a number', { asset: 42 }],
  ['an unknown field', { currency: 'btc' }],
  ['query as a string', 'btc'],
  ['query as an array', ['btc']],
] as const) {
  row('wallet.depositAddresses', why, () => [query]);
}

// webhooks.create
const webhook = (fields: object) => ({ url: 'https://example.com/hooks/cardgw', events: ['card.created'], ...fields });
const secureOnly = (target: Target) => !target.capabilities.allowsInsecureWebhookUrls;
for (const [why, input, appliesTo] of [
  ['url: plain http', webhook({ url: 'http://example.com/hooks' }), secureOnly],
  ['url: plain http on loopback', webhook({ url: 'http://127.0.0.1:8080/hooks' }), secureOnly],
  ['url: credentials in the URL', webhook({ url: 'https://user:pass@example.com/hooks' })],
  ['url: a password alone in the URL', webhook({ url: 'https://:hunter22@example.com/hooks' })],
  ['url: ftp', webhook({ url: 'ftp://example.com/hooks' })],
  ['url: javascript', webhook({ url: 'javascript:alert(1)' })],
  ['url: not a URL', webhook({ url: 'example.com/hooks' })],
  ['url: empty', webhook({ url: '' })],
  ['url: a number', webhook({ url: 443 })],
  ['url: over 2048 characters', webhook({ url: `https://example.com/${tooLong(2048)}` })],
  ['events: an unknown event name', webhook({ events: ['card.deleted'] })],
  ['events: empty', webhook({ events: [] })],
  ['events: a repeated name', webhook({ events: ['card.created', 'card.created'] })],
  ['events: a string, not an array', webhook({ events: 'card.created' })],
  ['events: a number in the list', webhook({ events: [1] })],
  ['events: null', webhook({ events: null })],
  ['events: missing', { url: 'https://example.com/hooks' }],
  ['url: missing', { events: ['*'] }],
  ['secret: shorter than 16 characters', webhook({ secret: 'short' })],
  ['secret: a number', webhook({ secret: 1_234_567_890_123_456 })],
  ['secret: over 256 characters', webhook({ secret: tooLong(257) })],
  ['an unknown extra field', webhook({ active: false })],
  ['an own __proto__ key in the input', withOwnProto(webhook({}))],
  ['null input', null],
  ['an array as input', [webhook({})]],
] as const) {
  row('webhooks.create', why, () => [input], appliesTo ? { appliesTo } : {});
}

// Request options, on calls that take nothing else and on card calls: refused before the pipeline acts on them (a
// bad signal must not surface as a TypeError, a bad deadline not as a provider failure that failover would act on).
for (const [operation, args] of [
  ['wallet.balance', () => []],
  ['bins.list', () => []],
  ['webhooks.list', () => []],
  ['cards.get', (target: Target) => [target.card]],
  ['cards.freeze', (target: Target) => [target.card]],
] as const) {
  for (const [why, options] of [
    ['options.signal: a string', { signal: 'abort' }],
    ['options.signal: a plain object', { signal: { aborted: false } }],
    ['options.timeoutMs: negative', { timeoutMs: -1 }],
    ['options.timeoutMs: a string', { timeoutMs: '30s' }],
    ['options.timeoutMs: NaN', { timeoutMs: Number.NaN }],
    ['options.maxRetries: negative', { maxRetries: -1 }],
    ['options.maxRetries: 1.5', { maxRetries: 1.5 }],
    ['options as a string', 'fast'],
  ] as const) {
    row(operation, why, (target) => [...args(target), options]);
  }
}

// A malformed idempotency key is refused on any mutating call.
for (const [operation, args] of [
  ['cards.freeze', (target: Target) => [target.card]],
  ['cards.create', () => [createInput({})]],
  ['webhooks.create', () => [webhook({})]],
] as const) {
  for (const [why, idempotencyKey] of [
    ['idempotencyKey: a number', 42],
    ['idempotencyKey: empty', ''],
    ['idempotencyKey: 256 characters', tooLong(256)],
  ] as const) {
    row(operation, why, (target) => [...args(target), { idempotencyKey }]);
  }
}

// ── Running a row ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Every port filter, by list: a filter here that the issuer does not declare is refused as unsupported. */
const portFilters: Partial<Record<Operation, readonly string[]>> = {
  'cards.list': ['status', 'binId', 'label', 'sort', 'order', 'perPage'],
  'transactions.list': ['cardId', 'type', 'from', 'to', 'merchant', 'minAmount', 'maxAmount', 'perPage'],
  'threeDS.list': ['cardId', 'status'],
  'wallet.deposits': ['status', 'asset'],
};
const declaredFilters = (capabilities: IssuerCapabilities, operation: Operation): readonly string[] =>
  ({
    'cards.list': capabilities.cardListFilters,
    'transactions.list': capabilities.transactionListFilters,
    'threeDS.list': capabilities.threeDSListFilters,
    'wallet.deposits': capabilities.depositListFilters,
  })[operation as string] ?? [];

function expectedOutcome(entry: BadInput, target: Target): Outcome {
  if (!target.capabilities.operations.includes(entry.operation)) return 'unsupported';
  const filters = entry.filters?.(target);
  if (typeof filters === 'object' && filters !== null && !Array.isArray(filters)) {
    const known = portFilters[entry.operation] ?? [];
    const declared = declaredFilters(target.capabilities, entry.operation);
    const used = Object.entries(filters).filter(([name, value]) => value !== undefined && known.includes(name));
    if (used.some(([name]) => !declared.includes(name))) return 'unsupported';
  }
  return 'invalid';
}

const errorTypes = { invalid: InvalidRequestError, unsupported: UnsupportedOperationError };

function invoke(issuer: CardIssuer, operation: Operation, args: readonly unknown[]): unknown {
  const [resource, method] = operation.split('.') as [keyof CardIssuer, string];
  const calls = issuer[resource] as unknown as Record<string, (...callArgs: unknown[]) => unknown>;
  return calls[method]?.(...args);
}

/** The call's failure: it must reject (a synchronous throw from a promise-returning method counts as a failure). */
async function failureOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

const describeError = (error: unknown) =>
  error instanceof Error
    ? `${error.name} (${(error as { code?: unknown }).code ?? 'no code'}): ${error.message}`
    : String(error);

// ── The runs ────────────────────────────────────────────────────────────────────────────────────────────────────────

const rows = corpus.map((entry) => [entry.operation, entry.why, entry] as const);
type Tally = Record<Outcome | 'not applicable', number>;
/** Filled as the rows run; checked (and printed with CARDGW_CORPUS_TALLY=1) at the end. */
const tally: Record<string, Tally> = {};
const count = (target: string, outcome: keyof Tally) => {
  tally[target] ??= { invalid: 0, unsupported: 0, 'not applicable': 0 };
  tally[target][outcome] += 1;
};

describe('the bad-input corpus', () => {
  it('holds at least 200 malformed inputs, covering every call of the port', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const covered = new Set(corpus.map((entry) => entry.operation));
    for (const operation of createMemoryIssuer().capabilities.operations)
      expect(covered, operation).toContain(operation);
  });
});

const adapterTargets = [
  {
    name: 'privcards',
    other: 'cryptocardy',
    create: () => createPrivCards({ apiKey: 'sk_test_CORPUS0123456789abcdef', maxRetries: 0, env: {} }),
  },
  {
    name: 'cryptocardy',
    other: 'privcards',
    create: () => createCryptoCardy({ seed: 'c4f4-6e88-036c-761c', maxRetries: 0, env: {} }),
  },
] as const;

describe.each(adapterTargets)('$name adapter: refused before any request', ({ name, other, create }) => {
  const sent: string[] = [];
  let issuer: CardIssuer;
  let target: Target;
  const onNoMatch = (request: { method?: string; path?: string }) => sent.push(`${request.method} ${request.path}`);

  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
    // A catch-all: a request that got past validation is recorded (and answered 500, so it cannot look like success).
    for (const origin of ['https://api.privcards.com', 'https://cryptocardy.com']) {
      for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
        nock(origin)
          .persist()
          .intercept(() => true, method)
          .reply(function record(uri) {
            sent.push(`${method} ${uri}`);
            return [500, { error: 'unexpected_request', message: 'the corpus expected no request' }];
          });
      }
    }
    issuer = create();
    target = { provider: name, other, card: `${name}:card_8xK2m9Lp4q`, capabilities: issuer.capabilities };
  });

  afterAll(async () => {
    await issuer.close();
    nock.emitter.off('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it.each(rows)('%s: %s', async (operation, _why, entry) => {
    expect(entry.appliesTo?.(target) ?? true, 'every row is malformed for a real provider').toBe(true);
    const expected = expectedOutcome(entry, target);
    const sentBefore = sent.length;
    const error = await failureOf(() => invoke(issuer, operation, entry.args(target)));
    expect(errorTypes[expected].isInstance(error), describeError(error)).toBe(true);
    expect(sent.slice(sentBefore), 'requests sent').toEqual([]);
    count(name, expected);
  });
});

describe('in-memory issuer: refused with its state unchanged', () => {
  let issuer: MemoryIssuer;
  let target: Target;

  beforeAll(async () => {
    issuer = createMemoryIssuer();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(100), label: 'corpus' });
    target = { provider: 'memory', other: 'privcards', card: card.id, capabilities: issuer.capabilities };
  });

  afterAll(() => issuer.close());

  it.each(rows)('%s: %s', async (operation, _why, entry) => {
    if (entry.appliesTo && !entry.appliesTo(target)) {
      // Valid here (an http webhook URL): it succeeds.
      await expect(Promise.resolve(invoke(issuer, operation, entry.args(target)))).resolves.toBeDefined();
      count('memory', 'not applicable');
      return;
    }
    const expected = expectedOutcome(entry, target);
    const before = issuer.snapshot();
    const eventsBefore = issuer.events.history.length;
    const error = await failureOf(() => invoke(issuer, operation, entry.args(target)));
    expect(errorTypes[expected].isInstance(error), describeError(error)).toBe(true);
    expect(issuer.snapshot()).toEqual(before);
    expect(issuer.events.history).toHaveLength(eventsBefore);
    count('memory', expected);
  });
});

describe('the tally', () => {
  it('counts every row of every issuer once, unsupported calls and filters apart', () => {
    for (const name of ['privcards', 'cryptocardy', 'memory']) {
      const counts = tally[name];
      const total = Object.values(counts ?? {}).reduce((sum, value) => sum + value, 0);
      expect(total, `${name}: ${JSON.stringify(counts)}`).toBe(corpus.length);
      expect(counts?.invalid, `${name}: ${JSON.stringify(counts)}`).toBeGreaterThanOrEqual(200);
      expect(counts?.['not applicable'], `${name}: ${JSON.stringify(counts)}`).toBeLessThanOrEqual(4);
    }
    if (process.env.CARDGW_CORPUS_TALLY)
      process.stdout.write(`bad-input corpus: ${corpus.length} rows ${JSON.stringify(tally)}\n`);
  });
});
