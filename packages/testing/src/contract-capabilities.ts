import { type CardIssuer, type Operation, UnsupportedOperationError, usd } from '@cardgw/core';
import { allOperations, webhookEventTypes } from '@cardgw/core/provider-utils';
import { expect } from './contract-expect.js';
import {
  type ContractHarness,
  createCard,
  eventMark,
  eventsSince,
  expectFailure,
  stateOf,
} from './contract-support.js';

const knownFilters = {
  cardListFilters: ['status', 'binId', 'label', 'sort', 'order', 'perPage'],
  transactionListFilters: ['cardId', 'type', 'from', 'to', 'merchant', 'minAmount', 'maxAmount', 'perPage'],
  threeDSListFilters: ['cardId', 'status'],
  depositListFilters: ['status', 'asset'],
} as const;

/** One call of each operation; arguments are plausible, but an undeclared operation must refuse before reading them. */
const invokers: Readonly<Record<Operation, (issuer: CardIssuer, id: string) => unknown>> = {
  'cards.create': (issuer) => issuer.cards.create({ binId: '491653', amount: usd(10) }),
  'cards.list': (issuer) => issuer.cards.list(),
  'cards.get': (issuer, id) => issuer.cards.get(id),
  'cards.details': (issuer, id) => issuer.cards.details(id),
  'cards.update': (issuer, id) => issuer.cards.update(id, { label: 'x' }),
  'cards.freeze': (issuer, id) => issuer.cards.freeze(id),
  'cards.unfreeze': (issuer, id) => issuer.cards.unfreeze(id),
  'cards.terminate': (issuer, id) => issuer.cards.terminate(id),
  'cards.fund': (issuer, id) => issuer.cards.fund(id, { amount: usd(5) }),
  'cards.withdraw': (issuer, id) => issuer.cards.withdraw(id, { amount: usd(5) }),
  'transactions.list': (issuer) => issuer.transactions.list(),
  'transactions.get': (issuer, id) => issuer.transactions.get(id),
  'wallet.balance': (issuer) => issuer.wallet.balance(),
  'wallet.depositAddresses': (issuer) => issuer.wallet.depositAddresses(),
  'wallet.deposits': (issuer) => issuer.wallet.deposits(),
  'bins.list': (issuer) => issuer.bins.list(),
  'threeDS.list': (issuer) => issuer.threeDS.list(),
  'threeDS.get': (issuer, id) => issuer.threeDS.get(id),
  'webhooks.create': (issuer) => issuer.webhooks.create({ url: 'https://app.example/hooks', events: ['*'] }),
  'webhooks.list': (issuer) => issuer.webhooks.list(),
  'webhooks.delete': (issuer, id) => issuer.webhooks.delete(id),
};

export function describeCapabilityContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('capabilities', () => {
    it('declares only known operations and filters, each once, backed by a method', () => {
      const { issuer } = harness.subject();
      const { capabilities } = issuer;
      expect(issuer.specificationVersion).toBe('v1');
      expect(issuer.provider).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
      expect(new Set(capabilities.operations).size).toBe(capabilities.operations.length);
      for (const operation of capabilities.operations) {
        expect(allOperations, `unknown operation ${operation}`).toContain(operation);
        const [resource, method] = operation.split('.') as [keyof CardIssuer, string];
        expect(typeof (issuer[resource] as unknown as Record<string, unknown>)[method], operation).toBe('function');
      }
      for (const [list, known] of Object.entries(knownFilters)) {
        const declared = capabilities[list as keyof typeof knownFilters] as readonly string[];
        expect(new Set(declared).size, list).toBe(declared.length);
        for (const filter of declared) expect(known as readonly string[], `${list}: ${filter}`).toContain(filter);
      }
      expect(typeof capabilities.allowsInsecureWebhookUrls).toBe('boolean');
      expect(capabilities.operations).toEqual(expect.arrayContaining(['cards.create', 'cards.get', 'cards.fund']));
    });

    it('refuses every undeclared operation with UnsupportedOperationError before doing anything', async () => {
      const { issuer } = harness.subject();
      const card = await createCard(harness);
      const undeclared = allOperations.filter((operation) => !issuer.capabilities.operations.includes(operation));
      const before = stateOf(harness);
      for (const operation of undeclared) {
        const failure = await expectFailure(
          () => invokers[operation](issuer, card.id),
          UnsupportedOperationError,
          operation,
        );
        expect(failure.operation).toBe(operation);
      }
      expect(stateOf(harness)).toBe(before);
      // An issuer declaring everything has nothing to refuse: its declaration must then be the full list.
      if (undeclared.length === 0)
        expect([...issuer.capabilities.operations].sort()).toEqual([...allOperations].sort());
    });

    it('refuses every undeclared list filter with UnsupportedOperationError', async () => {
      const { issuer } = harness.subject();
      const probes = {
        cardListFilters: (filter: string) => issuer.cards.list({ [filter]: probeValue(filter) }),
        transactionListFilters: (filter: string) => issuer.transactions.list({ [filter]: probeValue(filter) }),
        threeDSListFilters: (filter: string) => issuer.threeDS.list({ [filter]: probeValue(filter) }),
        depositListFilters: (filter: string) => issuer.wallet.deposits({ [filter]: probeValue(filter) }),
      };
      let refused = 0;
      for (const [list, known] of Object.entries(knownFilters) as [keyof typeof knownFilters, readonly string[]][]) {
        for (const filter of known) {
          if ((issuer.capabilities[list] as readonly string[]).includes(filter)) continue;
          await expectFailure(() => probes[list](filter), UnsupportedOperationError, `${list} ${filter}`);
          refused += 1;
        }
      }
      const declaredCount = Object.keys(knownFilters).reduce(
        (sum, list) => sum + (issuer.capabilities[list as keyof typeof knownFilters] as readonly string[]).length,
        0,
      );
      const knownCount = Object.values(knownFilters).reduce((sum, known) => sum + known.length, 0);
      expect(refused + declaredCount).toBe(knownCount);
    });
  });

  describe('events of the backing state machine', () => {
    it('emits the documented events of a card lifecycle, in order, with qualified ids', async () => {
      const { issuer, backend } = harness.subject();
      const mark = eventMark(harness);
      const card = await createCard(harness);
      await issuer.cards.freeze(card.id);
      await issuer.cards.unfreeze(card.id);
      await issuer.cards.fund(card.id, { amount: usd(5) });
      await backend.simulate.purchase(card.id, { amount: usd(1), merchant: { name: 'FACEBK ADS' } });
      await issuer.cards.terminate(card.id);
      const events = eventsSince(harness, mark);
      expect(events.map((event) => event.type)).toEqual([
        'card.created',
        'card.frozen',
        'card.unfrozen',
        'card.funded',
        'transaction.authorized',
        'transaction.settled',
        'card.terminated',
      ]);
      for (const event of events) {
        expect(webhookEventTypes).toContain(event.type);
        expect(event.id.startsWith(`${backend.provider}:`)).toBe(true);
      }
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    });
  });
}

function probeValue(filter: string): unknown {
  switch (filter) {
    case 'perPage':
      return 10;
    case 'minAmount':
    case 'maxAmount':
      return usd(1);
    case 'from':
    case 'to':
      return '2026-01-01';
    case 'sort':
      return 'balance';
    case 'order':
      return 'asc';
    case 'type':
      return 'settlement';
    case 'status':
      return 'pending';
    case 'cardId':
      return 'memory:card_000001';
    default:
      return 'x';
  }
}
