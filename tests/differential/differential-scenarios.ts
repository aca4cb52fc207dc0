import { isManualClock } from '@cardgw/adapter-memory';
import { cents, type Money, usd } from '@cardgw/core';
import type { DifferentialSubject } from './differential-subjects.js';

/** What the earlier steps of a scenario gave on this side, by step name (a failure is kept as the error). */
export type EarlierResults = ReadonlyMap<string, unknown>;

/** One operation, run the same way on both sides. */
export interface DifferentialStep {
  readonly name: string;
  run(subject: DifferentialSubject, earlier: EarlierResults): unknown;
}

/** A sequence of steps run on fresh subjects (a new double, a new simulator and adapter). */
export interface DifferentialScenario {
  readonly name: string;
  readonly steps: readonly DifferentialStep[];
}

const step = (name: string, run: DifferentialStep['run']): DifferentialStep => ({ name, run });

/** The id an earlier step's card (or transaction, challenge, endpoint…) has; a placeholder when that step failed. */
function idOf(earlier: EarlierResults, name: string): string {
  const value = earlier.get(name) as { id?: unknown } | undefined;
  return typeof value?.id === 'string' ? value.id : 'unknown:missing_0001';
}

/** The first transaction of a simulated purchase (its authorization, or its decline). */
function purchaseTransaction(earlier: EarlierResults, name: string, index = 0): string {
  const value = earlier.get(name) as { transactions?: readonly { id: string }[] } | undefined;
  return value?.transactions?.[index]?.id ?? 'unknown:missing_0001';
}

function advance(subject: DifferentialSubject, ms: number): string {
  const { clock } = subject.backend;
  if (!isManualClock(clock)) throw new Error('the differential suite needs the manual clock');
  clock.advance(ms);
  return `advanced ${ms} ms`;
}

const providerOf = (subject: DifferentialSubject) => subject.issuer.provider;
const merchant = { name: 'FACEBK ADS', category: 'advertising', mcc: '7311', country: 'US' };
const minute = 60_000;

/** Every port operation, the documented bounds, state errors, idempotency, limits and pagination. */
export const differentialScenarios: readonly DifferentialScenario[] = [
  {
    name: 'card lifecycle',
    steps: [
      step('bins.list', (s) => s.issuer.bins.list()),
      step('wallet.balance at start', (s) => s.issuer.wallet.balance()),
      step('cards.create by BIN id with every field', (s) =>
        s.issuer.cards.create({
          binId: '491653',
          amount: usd(500),
          label: 'Meta Ads Campaign #12',
          spendingLimit: usd(2_000),
          allowedCategories: ['advertising'],
          autoFreezeAt: usd(0),
          metadata: { campaign: 'spring_2026' },
        }),
      ),
      step('cards.create by criteria', (s) =>
        s.issuer.cards.create({ bin: { network: 'mastercard' }, amount: usd(25), label: 'SaaS' }),
      ),
      step('cards.create by qualified BIN id', (s) =>
        s.issuer.cards.create({ binId: `${providerOf(s)}:491653`, amount: usd(10) }),
      ),
      step('cards.get', (s, e) => s.issuer.cards.get(idOf(e, 'cards.create by BIN id with every field'))),
      step('cards.details', (s, e) => s.issuer.cards.details(idOf(e, 'cards.create by BIN id with every field'))),
      step('cards.list', (s) => s.issuer.cards.list()),
      step('cards.list status active', (s) => s.issuer.cards.list({ status: 'active' })),
      step('cards.list binId', (s) => s.issuer.cards.list({ binId: '531993' })),
      step('cards.list label', (s) => s.issuer.cards.list({ label: 'meta' })),
      step('cards.list sort balance asc', (s) => s.issuer.cards.list({ sort: 'balance', order: 'asc' })),
      step('cards.update fields and metadata merge with null', (s, e) =>
        s.issuer.cards.update(idOf(e, 'cards.create by BIN id with every field'), {
          label: 'renamed',
          spendingLimit: usd(1_500),
          allowedCategories: ['advertising', 'software'],
          autoFreezeAt: usd(5),
          metadata: { region: 'eu', campaign: null },
        }),
      ),
      step('cards.update autoFreezeAt null', (s, e) =>
        s.issuer.cards.update(idOf(e, 'cards.create by BIN id with every field'), { autoFreezeAt: null }),
      ),
      step('cards.update autoFreezeAt usd(0)', (s, e) =>
        s.issuer.cards.update(idOf(e, 'cards.create by BIN id with every field'), { autoFreezeAt: usd(0) }),
      ),
      step('cards.freeze', (s, e) => s.issuer.cards.freeze(idOf(e, 'cards.create by BIN id with every field'))),
      step('cards.freeze a frozen card', (s, e) =>
        s.issuer.cards.freeze(idOf(e, 'cards.create by BIN id with every field')),
      ),
      step('cards.fund a frozen card', (s, e) =>
        s.issuer.cards.fund(idOf(e, 'cards.create by BIN id with every field'), { amount: usd(20) }),
      ),
      step('cards.unfreeze', (s, e) => s.issuer.cards.unfreeze(idOf(e, 'cards.create by BIN id with every field'))),
      step('cards.unfreeze an active card', (s, e) =>
        s.issuer.cards.unfreeze(idOf(e, 'cards.create by BIN id with every field')),
      ),
      step('cards.fund', (s, e) =>
        s.issuer.cards.fund(idOf(e, 'cards.create by BIN id with every field'), { amount: usd(200) }),
      ),
      step('cards.withdraw', (s, e) =>
        s.issuer.cards.withdraw(idOf(e, 'cards.create by BIN id with every field'), { amount: usd(100.25) }),
      ),
      step('cards.withdraw more than the card holds', (s, e) =>
        s.issuer.cards.withdraw(idOf(e, 'cards.create by BIN id with every field'), { amount: usd(5_000) }),
      ),
      step('cards.fund to drain the wallet', async (s, e) => {
        const { balance } = await s.issuer.wallet.balance();
        const amount: Money = cents(Math.min(balance.amount, 500_000));
        return s.issuer.cards.fund(idOf(e, 'cards.create by criteria'), { amount });
      }),
      step('cards.fund more than the wallet holds', (s, e) =>
        s.issuer.cards.fund(idOf(e, 'cards.create by criteria'), { amount: usd(5_000) }),
      ),
      step('cards.create with an empty wallet', (s) => s.issuer.cards.create({ binId: '491653', amount: usd(5_000) })),
      step('cards.terminate', (s, e) => s.issuer.cards.terminate(idOf(e, 'cards.create by BIN id with every field'))),
      step('cards.terminate a terminated card', (s, e) =>
        s.issuer.cards.terminate(idOf(e, 'cards.create by BIN id with every field')),
      ),
      step('cards.fund a terminated card', (s, e) =>
        s.issuer.cards.fund(idOf(e, 'cards.create by BIN id with every field'), { amount: usd(1) }),
      ),
      step('cards.update a terminated card', (s, e) =>
        s.issuer.cards.update(idOf(e, 'cards.create by BIN id with every field'), { label: 'late' }),
      ),
      step('cards.get a terminated card', (s, e) =>
        s.issuer.cards.get(idOf(e, 'cards.create by BIN id with every field')),
      ),
      step('cards.list status terminated', (s) => s.issuer.cards.list({ status: 'terminated' })),
      step('wallet.balance at end', (s) => s.issuer.wallet.balance()),
      step('cards.get an unknown card', (s) => s.issuer.cards.get(`${providerOf(s)}:card_0unknown404`)),
      step("cards.get another provider's card", (s) => s.issuer.cards.get('elsewhere:card_000001')),
      step('cards.create on an unknown BIN', (s) => s.issuer.cards.create({ binId: '999999', amount: usd(1) })),
      step('cards.create by criteria nothing matches', (s) =>
        s.issuer.cards.create({ bin: { network: 'amex' }, amount: usd(1) }),
      ),
    ],
  },
  {
    name: 'a pending card (provisioned, funded to activate)',
    steps: [
      step('simulate a provisioned pending card', (s) => s.backend.simulate.provisionPendingCard({ network: 'visa' })),
      step('cards.get a pending card', (s, e) => s.issuer.cards.get(idOf(e, 'simulate a provisioned pending card'))),
      step('cards.freeze a pending card', (s, e) =>
        s.issuer.cards.freeze(idOf(e, 'simulate a provisioned pending card')),
      ),
      step('cards.fund a pending card', (s, e) =>
        s.issuer.cards.fund(idOf(e, 'simulate a provisioned pending card'), { amount: usd(50) }),
      ),
      step('cards.list after activation', (s) => s.issuer.cards.list()),
    ],
  },
  {
    name: 'transactions',
    steps: [
      step('transactions.list before any', (s) => s.issuer.transactions.list()),
      step('cards.create', (s) => s.issuer.cards.create({ binId: '491653', amount: usd(100) })),
      step('cards.create a second card', (s) => s.issuer.cards.create({ binId: '531993', amount: usd(50) })),
      step('transactions.list of a card with none', (s, e) =>
        s.issuer.transactions.list({ cardId: idOf(e, 'cards.create') }),
      ),
      step('simulate a settled purchase', (s, e) =>
        s.backend.simulate.purchase(idOf(e, 'cards.create'), { amount: usd(12.5), merchant }),
      ),
      step('simulate an authorization', (s, e) =>
        s.backend.simulate.purchase(idOf(e, 'cards.create'), {
          amount: usd(3),
          merchant: { name: 'SPOTIFY' },
          settle: false,
        }),
      ),
      step('simulate a decline', (s, e) =>
        s.backend.simulate.purchase(idOf(e, 'cards.create a second card'), {
          amount: usd(75),
          merchant: { name: 'GOOGLE ADS' },
        }),
      ),
      step('advance the clock an hour', (s) => advance(s, 60 * minute)),
      step('simulate a refund', (s, e) =>
        s.backend.simulate.refund(purchaseTransaction(e, 'simulate a settled purchase', 1), { amount: usd(2.5) }),
      ),
      step('transactions.list', (s) => s.issuer.transactions.list()),
      step('transactions.list cardId', (s, e) => s.issuer.transactions.list({ cardId: idOf(e, 'cards.create') })),
      step('transactions.list type', (s) => s.issuer.transactions.list({ type: 'settlement' })),
      step('transactions.list from and to', (s) =>
        s.issuer.transactions.list({ from: '2026-01-01T00:30:00Z', to: '2026-01-02' }),
      ),
      step('transactions.list merchant', (s) => s.issuer.transactions.list({ merchant: 'facebk' })),
      step('transactions.list amounts', (s) => s.issuer.transactions.list({ minAmount: usd(3), maxAmount: usd(20) })),
      step('transactions.list perPage', (s) => s.issuer.transactions.list({ perPage: 2 })),
      step('transactions.list page 2', (s) => s.issuer.transactions.list({ page: 2 })),
      step('transactions.list every page', (s) => s.issuer.transactions.list().toArray()),
      step('transactions.get', (s, e) =>
        s.issuer.transactions.get(purchaseTransaction(e, 'simulate a settled purchase', 1)),
      ),
      step('transactions.get a decline', (s, e) =>
        s.issuer.transactions.get(purchaseTransaction(e, 'simulate a decline')),
      ),
      step('transactions.get unknown', (s) => s.issuer.transactions.get(`${providerOf(s)}:txn_0unknown404`)),
      step('cards.get after purchases', (s, e) => s.issuer.cards.get(idOf(e, 'cards.create'))),
      step('cards.list sort lastUsed', (s) => s.issuer.cards.list({ sort: 'lastUsed', order: 'desc' })),
      step('wallet.balance after purchases', (s) => s.issuer.wallet.balance()),
    ],
  },
  {
    name: '3-D Secure',
    steps: [
      step('cards.create', (s) => s.issuer.cards.create({ binId: '491653', amount: usd(100) })),
      step('simulate a challenge', (s, e) =>
        s.backend.simulate.threeDSChallenge(idOf(e, 'cards.create'), { merchant: 'SPOTIFY', amount: usd(9.99) }),
      ),
      step('simulate a second challenge', (s, e) =>
        s.backend.simulate.threeDSChallenge(idOf(e, 'cards.create'), { merchant: 'NETFLIX', amount: usd(15.49) }),
      ),
      step('threeDS.list', (s) => s.issuer.threeDS.list()),
      step('threeDS.list cardId and pending', (s, e) =>
        s.issuer.threeDS.list({ cardId: idOf(e, 'cards.create'), status: 'pending' }),
      ),
      step('threeDS.get', (s, e) => s.issuer.threeDS.get(idOf(e, 'simulate a challenge'))),
      step('simulate completing the second', async (s, e) => {
        const challenge = e.get('simulate a second challenge') as { id: string; otp: string };
        return s.backend.simulate.completeThreeDS(challenge.id, challenge.otp);
      }),
      step('advance the clock to the OTP expiry', (s) => advance(s, 5 * minute)),
      step('threeDS.list at 5 minutes', (s) => s.issuer.threeDS.list({ status: 'pending' })),
      step('advance the clock past the OTP expiry', (s) => advance(s, 1)),
      step('threeDS.list expired', (s) => s.issuer.threeDS.list({ status: 'expired' })),
      step('threeDS.list completed', (s) => s.issuer.threeDS.list({ status: 'completed' })),
      step('threeDS.get unknown', (s) => s.issuer.threeDS.get(`${providerOf(s)}:3ds_0unknown404`)),
    ],
  },
  {
    name: 'wallet and deposits',
    steps: [
      step('wallet.depositAddresses', (s) => s.issuer.wallet.depositAddresses()),
      step('wallet.depositAddresses btc', (s) => s.issuer.wallet.depositAddresses({ asset: 'btc' })),
      step('wallet.depositAddresses of an asset not offered', (s) =>
        s.issuer.wallet.depositAddresses({ asset: 'doge' }),
      ),
      step('wallet.deposits before any', (s) => s.issuer.wallet.deposits()),
      step('simulate a deposit', (s) =>
        s.backend.simulate.deposit({ asset: 'btc', cryptoAmount: '0.0075', amount: usd(500) }),
      ),
      step('simulate a second deposit', (s) =>
        s.backend.simulate.deposit({ asset: 'eth', cryptoAmount: '0.2', amount: usd(600), fee: usd(3) }),
      ),
      step('wallet.balance with a pending deposit', (s) => s.issuer.wallet.balance()),
      step('simulate confirming the deposit', (s, e) =>
        s.backend.simulate.confirmDeposit(idOf(e, 'simulate a deposit')),
      ),
      step('wallet.deposits', (s) => s.issuer.wallet.deposits()),
      step('wallet.deposits confirmed btc', (s) => s.issuer.wallet.deposits({ status: 'confirmed', asset: 'btc' })),
      step('wallet.balance after the deposit', (s) => s.issuer.wallet.balance()),
    ],
  },
  {
    name: 'webhooks',
    steps: [
      step('webhooks.list before any', (s) => s.issuer.webhooks.list()),
      step('webhooks.create http://', (s) =>
        s.issuer.webhooks.create({ url: 'http://yourapp.com/hooks', events: ['*'] }),
      ),
      step('webhooks.create with a secret', (s) =>
        s.issuer.webhooks.create({
          url: 'https://yourapp.com/webhooks/ctc',
          events: ['transaction.authorized', 'transaction.declined'],
          secret: 'whsec_differential_secret_0123456789',
        }),
      ),
      step('webhooks.create with a generated secret', (s) =>
        s.issuer.webhooks.create({
          url: 'https://yourapp.com/hooks',
          events: ['transaction.authorized', '3ds.challenge'],
        }),
      ),
      step('webhooks.list', (s) => s.issuer.webhooks.list()),
      step('webhooks.delete', (s, e) => s.issuer.webhooks.delete(idOf(e, 'webhooks.create with a secret'))),
      step('webhooks.delete a deleted endpoint', (s, e) =>
        s.issuer.webhooks.delete(idOf(e, 'webhooks.create with a secret')),
      ),
      step('webhooks.list after delete', (s) => s.issuer.webhooks.list()),
    ],
  },
  {
    name: "the pages' bounds",
    steps: [
      step('cards.create $0.99 (min $1.00)', (s) => s.issuer.cards.create({ binId: '491653', amount: usd(0.99) })),
      step('cards.create $1.00', (s) => s.issuer.cards.create({ binId: '491653', amount: usd(1) })),
      step('cards.create $5,000.00', (s) => s.issuer.cards.create({ binId: '491653', amount: usd(5_000) })),
      step('cards.create $5,000.01 (max $5,000.00)', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(5_000.01) }),
      ),
      step('cards.create a 64-character label', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(1), label: 'x'.repeat(64) }),
      ),
      step('cards.create a 65-character label (max 64)', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(1), label: 'x'.repeat(65) }),
      ),
      step('cards.create 20 metadata keys', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(1), metadata: keys(20) }),
      ),
      step('cards.create 21 metadata keys (max 20)', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(1), metadata: keys(21) }),
      ),
      step('cards.update to 21 metadata keys once merged', (s, e) =>
        s.issuer.cards.update(idOf(e, 'cards.create 20 metadata keys'), { metadata: { extra: true } }),
      ),
      step('cards.fund $0.99', (s, e) => s.issuer.cards.fund(idOf(e, 'cards.create $1.00'), { amount: usd(0.99) })),
      step('cards.fund $5,000.01', (s, e) =>
        s.issuer.cards.fund(idOf(e, 'cards.create $1.00'), { amount: usd(5_000.01) }),
      ),
      step('cards.withdraw $0.00', (s, e) =>
        s.issuer.cards.withdraw(idOf(e, 'cards.create $1.00'), { amount: usd(0) }),
      ),
      step('cards.list perPage 100', (s) => s.issuer.cards.list({ perPage: 100 })),
      step('cards.list perPage 101 (1-100)', (s) => s.issuer.cards.list({ perPage: 101 })),
      step('transactions.list perPage 0', (s) => s.issuer.transactions.list({ perPage: 0 })),
      step('cards.list unknown status', (s) => s.issuer.cards.list({ status: 'lost' as 'active' })),
    ],
  },
  {
    name: 'pagination',
    steps: [
      step('cards.list with no card', (s) => s.issuer.cards.list()),
      ...[1, 2, 3, 4, 5].map((index) =>
        step(`cards.create #${index}`, (s) =>
          s.issuer.cards.create({ binId: '491653', amount: usd(10 + index), label: `page card ${index}` }),
        ),
      ),
      step('cards.list perPage 2', (s) => s.issuer.cards.list({ perPage: 2 })),
      step('cards.list perPage 2 page 3', (s) => s.issuer.cards.list({ perPage: 2, page: 3 })),
      step('cards.list page 50', (s) => s.issuer.cards.list({ page: 50 })),
      step('cards.list every page of 2', (s) => s.issuer.cards.list({ perPage: 2 }).toArray()),
      step('cards.list toArray limit 3', (s) => s.issuer.cards.list().toArray({ limit: 3 })),
    ],
  },
  {
    name: 'idempotency keys',
    steps: [
      step('cards.create with key K', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(500), label: 'once' }, { idempotencyKey: 'key-k' }),
      ),
      step('cards.create with key K again', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(500), label: 'once' }, { idempotencyKey: 'key-k' }),
      ),
      step('cards.create with key K, the same BIN by criteria', (s) =>
        s.issuer.cards.create(
          { bin: { network: 'visa', bestFor: ['meta_ads'] }, amount: usd(500), label: 'once' },
          { idempotencyKey: 'key-k' },
        ),
      ),
      step('cards.create with key K, the BIN id qualified', (s) =>
        s.issuer.cards.create(
          { binId: `${providerOf(s)}:491653`, amount: usd(500), label: 'once' },
          { idempotencyKey: 'key-k' },
        ),
      ),
      step('cards.create with key K and another amount', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(501), label: 'once' }, { idempotencyKey: 'key-k' }),
      ),
      step('cards.fund with key F', (s, e) =>
        s.issuer.cards.fund(idOf(e, 'cards.create with key K'), { amount: usd(10) }, { idempotencyKey: 'key-f' }),
      ),
      step('cards.fund with key F again', (s, e) =>
        s.issuer.cards.fund(idOf(e, 'cards.create with key K'), { amount: usd(10) }, { idempotencyKey: 'key-f' }),
      ),
      step('cards.freeze with key Z', (s, e) =>
        s.issuer.cards.freeze(idOf(e, 'cards.create with key K'), { idempotencyKey: 'key-z' }),
      ),
      step('cards.freeze with key Z again', (s, e) =>
        s.issuer.cards.freeze(idOf(e, 'cards.create with key K'), { idempotencyKey: 'key-z' }),
      ),
      step('cards.update metadata in two key orders with key U', (s, e) =>
        s.issuer.cards.update(
          idOf(e, 'cards.create with key K'),
          { metadata: { a: 1, b: 2 } },
          { idempotencyKey: 'key-u' },
        ),
      ),
      step('cards.update metadata in the other key order with key U', (s, e) =>
        s.issuer.cards.update(
          idOf(e, 'cards.create with key K'),
          { metadata: { b: 2, a: 1 } },
          { idempotencyKey: 'key-u' },
        ),
      ),
      step('cards.withdraw refused with key G', (s, e) =>
        s.issuer.cards.withdraw(
          idOf(e, 'cards.create with key K'),
          { amount: usd(5_000) },
          { idempotencyKey: 'key-g' },
        ),
      ),
      step('cards.withdraw with key G and other parameters after the refusal', (s, e) =>
        s.issuer.cards.withdraw(idOf(e, 'cards.create with key K'), { amount: usd(1) }, { idempotencyKey: 'key-g' }),
      ),
      step('advance the clock 24 hours', (s) => advance(s, 24 * 60 * minute)),
      step('cards.create with key K at 24 hours', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(500), label: 'once' }, { idempotencyKey: 'key-k' }),
      ),
      step('advance the clock past 24 hours', (s) => advance(s, 1)),
      step('cards.create with key K after 24 hours', (s) =>
        s.issuer.cards.create({ binId: '491653', amount: usd(500), label: 'once' }, { idempotencyKey: 'key-k' }),
      ),
      step('wallet.balance after the repeats', (s) => s.issuer.wallet.balance()),
      step('webhooks.create with key W', (s) =>
        s.issuer.webhooks.create({ url: 'https://yourapp.com/h', events: ['*'] }, { idempotencyKey: 'key-w' }),
      ),
      step('webhooks.create with key W again', (s) =>
        s.issuer.webhooks.create({ url: 'https://yourapp.com/h', events: ['*'] }, { idempotencyKey: 'key-w' }),
      ),
      step('webhooks.list after the repeat', (s) => s.issuer.webhooks.list()),
    ],
  },
  {
    name: 'published limits',
    steps: [
      ...Array.from({ length: 50 }, (_, index) =>
        step(`cards.create ${index + 1} of 50 in a minute`, (s) =>
          s.issuer.cards.create({ binId: '491653', amount: usd(1) }),
        ),
      ),
      step('cards.create the 51st in a minute', (s) => s.issuer.cards.create({ binId: '491653', amount: usd(1) })),
      ...Array.from({ length: 30 }, (_, index) =>
        step(`cards.details ${index + 1} of 30 in a minute`, (s, e) =>
          s.issuer.cards.details(idOf(e, 'cards.create 1 of 50 in a minute')),
        ),
      ),
      step('cards.details the 31st in a minute', (s, e) =>
        s.issuer.cards.details(idOf(e, 'cards.create 1 of 50 in a minute')),
      ),
      step('cards.get beside the full details quota', (s, e) =>
        s.issuer.cards.get(idOf(e, 'cards.create 1 of 50 in a minute')),
      ),
    ],
  },
];

function keys(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`key${index}`, index]));
}
