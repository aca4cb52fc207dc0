import { isManualClock } from '@cardgw/adapter-memory';
import {
  type Bin,
  type Card,
  type CardIssuer,
  cents,
  type Money,
  type Operation,
  usd,
  type WebhookEvent,
} from '@cardgw/core';
import type { Metadata } from '@cardgw/core/provider-utils';
import { expect } from './contract-expect.js';
import type { ContractIdKind, ContractOptions, ContractSubject } from './contract-subject.js';
import type { ContractTestRunner } from './contract-test-runner.js';

/** What each part of the suite gets: the subject of the running test, the suite's options and the runner. */
export interface ContractHarness {
  subject(): ContractSubject;
  readonly options: ContractOptions;
  readonly runner: ContractTestRunner;
}

/** An error class of the hierarchy, told apart by its marker (works across two copies of the package). */
export interface ErrorType<Error> {
  readonly name: string;
  isInstance(value: unknown): value is Error;
}

const unknownIdPrefixes: Readonly<Record<ContractIdKind, string>> = {
  card: 'card_',
  transaction: 'txn_',
  threeDS: '3ds_',
  webhook: 'wh_',
};

export function supports(issuer: CardIssuer, operation: Operation): boolean {
  return issuer.capabilities.operations.includes(operation);
}

export function idPattern(harness: ContractHarness): RegExp {
  const { issuer } = harness.subject();
  return harness.options.idPattern ?? new RegExp(`^${escapeRegExp(issuer.provider)}:[A-Za-z0-9][A-Za-z0-9_.-]*$`);
}

/** A provider name that is neither the issuer's nor its backend's: `elsewhere` unless one of them is named so. */
export function otherProvider(...taken: readonly string[]): string {
  let candidate = 'elsewhere';
  for (let suffix = 2; taken.includes(candidate); suffix++) candidate = `elsewhere${suffix}`;
  return candidate;
}

export function unknownId(harness: ContractHarness, kind: ContractIdKind): string {
  const { issuer } = harness.subject();
  return harness.options.unknownId?.(kind, issuer) ?? `${issuer.provider}:${unknownIdPrefixes[kind]}0contract404`;
}

/**
 * Runs `action` and checks it fails with `errorType`. Catches a synchronous throw as well as a rejection, and a
 * `PageResult` is awaited (its first page), so a list's failure counts whether it is thrown or delivered.
 */
export async function expectFailure<Failure>(
  action: () => unknown,
  errorType: ErrorType<Failure>,
  description = 'the call',
): Promise<Failure> {
  let failure: unknown;
  let failed = false;
  try {
    await Promise.resolve().then(action);
  } catch (error) {
    failure = error;
    failed = true;
  }
  expect(failed, `${description} should have failed with ${errorType.name}`).toBe(true);
  expect(
    errorType.isInstance(failure),
    `${description}: expected ${errorType.name}, got ${describeValue(failure)}`,
  ).toBe(true);
  return failure as Failure;
}

/**
 * The backend's whole ledger and its latest event, to prove a refused call changed nothing. The latest event's id,
 * not the history's length: the history keeps only the last events, so its length stops growing.
 */
export function stateOf(harness: ContractHarness): string {
  const { backend } = harness.subject();
  return JSON.stringify({ ledger: backend.snapshot(), lastEvent: backend.events.history.at(-1)?.id ?? null });
}

/** Marks where the backend's event history stands, for `eventsSince`. */
export function eventMark(harness: ContractHarness): string | undefined {
  return harness.subject().backend.events.history.at(-1)?.id;
}

/** The events emitted after `mark` (found by id: the history is a ring of the last events, so positions shift). */
export function eventsSince(harness: ContractHarness, mark: string | undefined): WebhookEvent[] {
  const history = harness.subject().backend.events.history;
  if (mark === undefined) return [...history];
  const index = history.findIndex((event) => event.id === mark);
  expect(index, 'the marked event fell out of the history: too many events in between').toBeGreaterThanOrEqual(0);
  return history.slice(index + 1);
}

/** Runs refused calls and checks the state is exactly what it was before. */
export async function expectNoStateChange(
  harness: ContractHarness,
  refusedCalls: () => Promise<unknown>,
): Promise<void> {
  const before = stateOf(harness);
  await refusedCalls();
  expect(stateOf(harness), 'a refused call must not change any state').toBe(before);
}

/** The wallet balance as the issuer reports it (the backend's ledger when `wallet.balance` is not declared). */
export async function walletOf(harness: ContractHarness): Promise<number> {
  const { issuer, backend } = harness.subject();
  if (supports(issuer, 'wallet.balance')) return (await issuer.wallet.balance()).balance.amount;
  return backend.snapshot().walletBalance.amount;
}

/** The card's balance as the issuer reports it. */
export async function balanceOf(harness: ContractHarness, cardId: string): Promise<number> {
  return (await harness.subject().issuer.cards.get(cardId)).balance.amount;
}

/** Wallet + every card balance + what was spent: constant under every operation but deposits. */
export function ledgerTotal(harness: ContractHarness): number {
  const snapshot = harness.subject().backend.snapshot();
  const cards = snapshot.cards.reduce((sum, card) => sum + card.balance.amount, 0);
  return snapshot.walletBalance.amount + cards + snapshot.totalSpent.amount;
}

/** The issuer's BINs (the backend's when `bins.list` is not declared). */
export async function binsOf(harness: ContractHarness): Promise<Bin[]> {
  const { issuer, backend } = harness.subject();
  const source = supports(issuer, 'bins.list') ? issuer : backend;
  const bins = await source.bins.list().toArray();
  expect(bins.length, 'the issuer must list at least one BIN').toBeGreaterThan(0);
  return bins;
}

export interface CardFields {
  readonly amount?: Money | undefined;
  readonly label?: string | undefined;
  readonly spendingLimit?: Money | undefined;
  readonly allowedCategories?: readonly string[] | undefined;
  readonly autoFreezeAt?: Money | undefined;
  readonly metadata?: Metadata | undefined;
  /** The provider's BIN id; the first listed BIN by default. */
  readonly binId?: string | undefined;
}

/** Issues a card through the issuer under test ($100 on the first BIN unless told otherwise). */
export async function createCard(harness: ContractHarness, fields: CardFields = {}): Promise<Card> {
  const { issuer } = harness.subject();
  const binId = fields.binId ?? (await binsOf(harness))[0]!.providerId;
  return issuer.cards.create({ ...fields, binId, amount: fields.amount ?? usd(100) });
}

/** Moves the backend's clock when it is a manual one; says whether it could. */
export function advanceClock(harness: ContractHarness, ms: number): boolean {
  const { backend } = harness.subject();
  if (!isManualClock(backend.clock)) return false;
  backend.clock.advance(ms);
  return true;
}

/** Issues cards until the wallet holds less than $1.00 (a subject should start with at most $100,000). */
export async function drainWallet(harness: ContractHarness): Promise<Card[]> {
  const cards: Card[] = [];
  for (let round = 0; round < 25; round++) {
    const wallet = await walletOf(harness);
    if (wallet < 100) break;
    cards.push(await createCard(harness, { amount: cents(Math.min(wallet, 500_000)) }));
  }
  expect(await walletOf(harness), 'the wallet should be drained below $1.00').toBeLessThan(100);
  return cards;
}

/** A purchase on the backend, approved and settled. */
export async function purchase(
  harness: ContractHarness,
  cardId: string,
  amount: Money,
  merchant: { name: string; category?: string; mcc?: string } = {
    name: 'FACEBK ADS',
    category: 'advertising',
    mcc: '7311',
  },
) {
  const result = await harness.subject().backend.simulate.purchase(cardId, { amount, merchant });
  expect(result.approved, `the purchase of ${amount.amount} cents should be approved`).toBe(true);
  return result;
}

function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return value === undefined ? 'no error' : String(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
