import {
  type CardGatewayError,
  cents,
  InvalidRequestError,
  type Money,
  NotFoundError,
  type Operation,
  UnsupportedOperationError,
  usd,
} from '@cardgw/core';
import { expect } from './contract-expect.js';
import {
  binsOf,
  type ContractHarness,
  createCard,
  type ErrorType,
  expectFailure,
  expectNoStateChange,
  otherProvider,
  supports,
  unknownId,
} from './contract-support.js';

/** Amounts typed as Money that are not valid Money, as untyped JavaScript callers could pass. */
const malformed = (value: unknown) => value as Money;

export function describeValidationContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('input validation', () => {
    /** Creating and funding with `amount` is refused with InvalidRequestError, changing nothing. */
    async function expectAmountRefused(amount: Money, description: string): Promise<void> {
      const card = await createCard(harness);
      const [bin] = await binsOf(harness);
      const { issuer } = harness.subject();
      await expectNoStateChange(harness, async () => {
        await expectFailure(
          () => issuer.cards.create({ binId: bin!.providerId, amount }),
          InvalidRequestError,
          `create with ${description}`,
        );
        await expectFailure(
          () => issuer.cards.fund(card.id, { amount }),
          InvalidRequestError,
          `fund with ${description}`,
        );
      });
    }

    it('refuses an amount below $1.00', async () => {
      await expectAmountRefused(cents(99), 'an amount below $1.00');
    });

    it('refuses an amount above $5,000.00', async () => {
      await expectAmountRefused(cents(500_001), 'an amount above $5,000.00');
    });

    it('refuses fractional cents', async () => {
      await expectAmountRefused(malformed({ amount: 10.5, currency: 'USD' }), 'fractional cents');
    });

    it('refuses a bare number where Money is expected', async () => {
      await expectAmountRefused(malformed(500), 'a bare number');
    });

    it('refuses a withdrawal of zero or a negative amount', async () => {
      const card = await createCard(harness);
      const { issuer } = harness.subject();
      await expectNoStateChange(harness, async () => {
        await expectFailure(() => issuer.cards.withdraw(card.id, { amount: cents(0) }), InvalidRequestError);
        await expectFailure(() => issuer.cards.withdraw(card.id, { amount: cents(-100) }), InvalidRequestError);
      });
    });

    it('refuses a label over 64 characters', async () => {
      const card = await createCard(harness);
      const { issuer } = harness.subject();
      await expectNoStateChange(harness, async () => {
        await expectFailure(() => createCard(harness, { label: 'x'.repeat(65) }), InvalidRequestError, 'create');
        await expectFailure(
          () => issuer.cards.update(card.id, { label: 'x'.repeat(65) }),
          InvalidRequestError,
          'update',
        );
      });
      expect((await createCard(harness, { label: 'x'.repeat(64) })).label).toBe('x'.repeat(64));
    });

    it('refuses more than 20 metadata keys', async () => {
      const metadata = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`key${index}`, index]));
      await expectNoStateChange(harness, () =>
        expectFailure(() => createCard(harness, { metadata }), InvalidRequestError),
      );
    });

    it('refuses a page size outside 1–100 and a page below 1', async () => {
      const { issuer } = harness.subject();
      await createCard(harness);
      const declared = issuer.capabilities.cardListFilters.includes('perPage');
      for (const perPage of [0, 101, 2.5]) {
        const expected: ErrorType<CardGatewayError> = declared ? InvalidRequestError : UnsupportedOperationError;
        await expectFailure(() => issuer.cards.list({ perPage }), expected, `perPage ${perPage}`);
      }
      await expectFailure(() => issuer.cards.list({ page: 0 }), InvalidRequestError, 'page 0');
    });

    it('refuses malformed ids with InvalidRequestError', async () => {
      const { issuer } = harness.subject();
      await expectNoStateChange(harness, async () => {
        for (const id of ['', 'card_8xK2m9Lp4q', 'acme:', 'acme:card/../../wallet', 'PRIV:card_1']) {
          await expectFailure(() => issuer.cards.get(id), InvalidRequestError, `cards.get(${JSON.stringify(id)})`);
          await expectFailure(() => issuer.cards.fund(id, { amount: usd(5) }), InvalidRequestError, 'cards.fund');
        }
        await expectFailure(() => issuer.cards.get(42 as unknown as string), InvalidRequestError, 'a number id');
      });
    });

    it('answers unknown card ids with NotFoundError, changing nothing', async () => {
      const { issuer } = harness.subject();
      const id = unknownId(harness, 'card');
      await createCard(harness);
      await expectNoStateChange(harness, async () => {
        await expectFailure(() => issuer.cards.get(id), NotFoundError, 'get');
        await expectFailure(() => issuer.cards.details(id), NotFoundError, 'details');
        await expectFailure(() => issuer.cards.fund(id, { amount: usd(5) }), NotFoundError, 'fund');
        await expectFailure(() => issuer.cards.withdraw(id, { amount: usd(5) }), NotFoundError, 'withdraw');
        await expectFailure(() => issuer.cards.update(id, { label: 'x' }), NotFoundError, 'update');
        await expectFailure(() => issuer.cards.freeze(id), NotFoundError, 'freeze');
        await expectFailure(() => issuer.cards.unfreeze(id), NotFoundError, 'unfreeze');
        await expectFailure(() => issuer.cards.terminate(id), NotFoundError, 'terminate');
      });
    });

    it('refuses a well-formed id of another provider with InvalidRequestError before doing anything', async () => {
      const { issuer, backend } = harness.subject();
      const card = await createCard(harness);
      const other = otherProvider(issuer.provider, backend.provider);
      const cardId = `${other}:card_0contract1`;
      const declared = (operation: Operation) => supports(issuer, operation);
      // Not "no such card here" (NotFoundError): the id was sent to the wrong issuer, and saying so shows the mix-up.
      const calls: Array<[Operation, () => unknown]> = [
        ['cards.get', () => issuer.cards.get(cardId)],
        ['cards.details', () => issuer.cards.details(cardId)],
        ['cards.update', () => issuer.cards.update(cardId, { label: 'x' })],
        ['cards.freeze', () => issuer.cards.freeze(cardId)],
        ['cards.unfreeze', () => issuer.cards.unfreeze(cardId)],
        ['cards.terminate', () => issuer.cards.terminate(cardId)],
        ['cards.fund', () => issuer.cards.fund(cardId, { amount: usd(5) })],
        ['cards.withdraw', () => issuer.cards.withdraw(cardId, { amount: usd(5) })],
        ['transactions.get', () => issuer.transactions.get(`${other}:txn_0contract1`)],
        ['threeDS.get', () => issuer.threeDS.get(`${other}:3ds_0contract1`)],
        ['webhooks.delete', () => issuer.webhooks.delete(`${other}:wh_0contract1`)],
      ];
      if (issuer.capabilities.transactionListFilters.includes('cardId')) {
        calls.push(['transactions.list', () => issuer.transactions.list({ cardId })]);
      }
      if (issuer.capabilities.threeDSListFilters.includes('cardId')) {
        calls.push(['threeDS.list', () => issuer.threeDS.list({ cardId })]);
      }
      await expectNoStateChange(harness, async () => {
        for (const [operation, call] of calls) {
          if (declared(operation)) await expectFailure(call, InvalidRequestError, `${operation} with ${other}'s id`);
        }
      });
      expect((await issuer.cards.get(card.id)).id).toBe(card.id);
    });

    it('refuses unknown fields and an input that is not an object', async () => {
      const card = await createCard(harness);
      const { issuer } = harness.subject();
      await expectNoStateChange(harness, async () => {
        await expectFailure(
          () => issuer.cards.fund(card.id, { amount: usd(5), amnt: 5 } as unknown as { amount: Money }),
          InvalidRequestError,
          'an unknown field',
        );
        await expectFailure(
          () => issuer.cards.fund(card.id, 'fifty dollars' as unknown as { amount: Money }),
          InvalidRequestError,
          'a string input',
        );
        if (issuer.capabilities.cardListFilters.includes('status')) {
          await expectFailure(
            () => issuer.cards.list({ status: 'pending_top_up' } as unknown as { status: 'active' }),
            InvalidRequestError,
            'an unknown status',
          );
        }
      });
    });
  });
}
