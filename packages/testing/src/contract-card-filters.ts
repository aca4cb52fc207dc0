import { UnsupportedOperationError, usd } from '@cardgw/core';
import type { CardListFilter, CardListFilters } from '@cardgw/core/provider-utils';
import { expect } from './contract-expect.js';
import { advanceClock, binsOf, type ContractHarness, createCard, expectFailure, purchase } from './contract-support.js';

/** A declared filter must really filter; an undeclared one must throw UnsupportedOperationError. */
function filterTest(
  harness: ContractHarness,
  filter: CardListFilter,
  probe: CardListFilters,
  check: () => Promise<void>,
): () => Promise<void> {
  return async () => {
    const { issuer } = harness.subject();
    if (!issuer.capabilities.cardListFilters.includes(filter)) {
      await expectFailure(() => issuer.cards.list(probe), UnsupportedOperationError, `cards.list ${filter}`);
      return;
    }
    await check();
  };
}

export function describeCardFilterContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('card list filters', () => {
    it(
      'filters cards by status',
      filterTest(harness, 'status', { status: 'frozen' }, async () => {
        const { issuer } = harness.subject();
        const active = await createCard(harness);
        const frozen = await createCard(harness);
        const terminated = await createCard(harness);
        await issuer.cards.freeze(frozen.id);
        await issuer.cards.terminate(terminated.id);
        const ids = async (status: 'active' | 'frozen' | 'terminated') =>
          (await issuer.cards.list({ status }).toArray()).map((card) => card.id);
        expect(await ids('active')).toEqual([active.id]);
        expect(await ids('frozen')).toEqual([frozen.id]);
        expect(await ids('terminated')).toEqual([terminated.id]);
      }),
    );

    it(
      'filters cards by BIN',
      filterTest(harness, 'binId', { binId: '491653' }, async () => {
        const { issuer } = harness.subject();
        const bins = await binsOf(harness);
        const created = [];
        for (const bin of bins) created.push(await createCard(harness, { binId: bin.providerId }));
        for (const bin of bins) {
          const listed = await issuer.cards.list({ binId: bin.providerId }).toArray();
          expect(listed.map((card) => card.id)).toEqual(
            created.filter((card) => card.binId === bin.providerId).map((card) => card.id),
          );
        }
        expect(await issuer.cards.list({ binId: '000000' }).toArray()).toEqual([]);
      }),
    );

    it(
      'filters cards by a part of their label',
      filterTest(harness, 'label', { label: 'x' }, async () => {
        const { issuer } = harness.subject();
        const meta = await createCard(harness, { label: 'Meta Ads Campaign #12' });
        await createCard(harness, { label: 'Google search' });
        await createCard(harness);
        const listed = await issuer.cards.list({ label: 'Ads Camp' }).toArray();
        expect(listed.map((card) => card.id)).toEqual([meta.id]);
      }),
    );

    it(
      'sorts cards by balance in either order',
      filterTest(harness, 'sort', { sort: 'balance' }, async () => {
        const { issuer } = harness.subject();
        const amounts = [30, 10, 20];
        for (const amount of amounts) await createCard(harness, { amount: usd(amount) });
        const balances = async (order?: 'asc' | 'desc') => {
          const filters: CardListFilters = order === undefined ? { sort: 'balance' } : { sort: 'balance', order };
          return (await issuer.cards.list(filters).toArray()).map((card) => card.balance.amount);
        };
        if (issuer.capabilities.cardListFilters.includes('order')) {
          expect(await balances('asc')).toEqual([1_000, 2_000, 3_000]);
          expect(await balances('desc')).toEqual([3_000, 2_000, 1_000]);
        }
        expect(await balances()).toEqual([3_000, 2_000, 1_000]); // documented default order: desc
      }),
    );

    it(
      'orders cards by creation, newest first unless asked otherwise',
      filterTest(harness, 'order', { order: 'asc' }, async () => {
        const { issuer } = harness.subject();
        const created = [];
        for (let index = 0; index < 3; index++) {
          created.push(await createCard(harness, { label: `order ${index}` }));
          advanceClock(harness, 1_000);
        }
        const ids = created.map((card) => card.id);
        expect((await issuer.cards.list({ order: 'asc' }).toArray()).map((card) => card.id)).toEqual(ids);
        expect((await issuer.cards.list({ order: 'desc' }).toArray()).map((card) => card.id)).toEqual(
          [...ids].reverse(),
        );
        expect((await issuer.cards.list().toArray()).map((card) => card.id)).toEqual([...ids].reverse());
      }),
    );

    it(
      'sorts cards by last use',
      filterTest(harness, 'sort', { sort: 'lastUsed' }, async () => {
        const { issuer } = harness.subject();
        const first = await createCard(harness);
        const second = await createCard(harness);
        await purchase(harness, second.id, usd(1));
        advanceClock(harness, 60_000);
        await purchase(harness, first.id, usd(1));
        const listed = await issuer.cards.list({ sort: 'lastUsed' }).toArray();
        expect(listed.map((card) => card.id)).toEqual([first.id, second.id]);
      }),
    );

    it(
      'bounds the page size with perPage',
      filterTest(harness, 'perPage', { perPage: 1 }, async () => {
        for (let index = 0; index < 3; index++) await createCard(harness);
        const page = await harness.subject().issuer.cards.list({ perPage: 1 });
        expect(page.data).toHaveLength(1);
        expect(page.hasMore).toBe(true);
      }),
    );
  });
}
