import { ProviderResponseError, type WebhookEventType } from '@cardgw/core';
import type { ResponseSchema, WebhookDataMapper, WebhookEventDataMap } from '@cardgw/core/provider-utils';
import {
  mapRestCard,
  mapRestCardFreeze,
  mapRestCardFunding,
  mapRestCardTermination,
  mapRestDeposit,
  mapRestThreeDSChallenge,
  mapRestTransaction,
} from './rest-mappers.js';
import {
  wireCardFreezeSchema,
  wireCardFundingSchema,
  wireCardSchema,
  wireCardTerminationSchema,
  wireDepositSchema,
  wireThreeDSChallengeSchema,
  wireTransactionSchema,
} from './rest-wire-schemas.js';

type Reader<Type extends WebhookEventType> = (data: unknown, provider: string) => WebhookEventDataMap[Type] | undefined;

/** Parses `data` with `schema` and maps it, or gives `undefined` when it is not that shape. */
function reader<Wire, Domain>(schema: ResponseSchema<Wire>, map: (wire: Wire, provider: string) => Domain) {
  return (data: unknown, provider: string): Domain | undefined => {
    const result = schema.safeParse(data);
    return result.success ? map(result.data, provider) : undefined;
  };
}

const readCard = reader(wireCardSchema, mapRestCard);
const readTransaction = reader(wireTransactionSchema, mapRestTransaction);
const readDeposit = reader(wireDepositSchema, mapRestDeposit);

// The pages name the events but not their payloads: assumed to be the wire object of the resource (the card, the
// transaction, …); for freeze, terminate and fund, the endpoint's own answer is accepted as well.
const readers: { readonly [Type in WebhookEventType]: Reader<Type> } = {
  'card.created': readCard,
  'card.frozen': (data, provider) =>
    readCard(data, provider) ?? reader(wireCardFreezeSchema, mapRestCardFreeze)(data, provider),
  'card.unfrozen': readCard,
  'card.terminated': (data, provider) =>
    readCard(data, provider) ?? reader(wireCardTerminationSchema, mapRestCardTermination)(data, provider),
  'card.funded': (data, provider) =>
    readCard(data, provider) ??
    reader(wireCardFundingSchema, (wire, name) => mapRestCardFunding(wire, name, 'fund'))(data, provider),
  'transaction.authorized': readTransaction,
  'transaction.settled': readTransaction,
  'transaction.declined': readTransaction,
  'transaction.refunded': readTransaction,
  '3ds.challenge': reader(wireThreeDSChallengeSchema, mapRestThreeDSChallenge),
  'deposit.pending': readDeposit,
  'deposit.confirmed': readDeposit,
};

/** Maps the wire `data` of each documented webhook event with the dialect's schemas, for `constructWebhookEvent`. */
export function createRestWebhookDataMapper(provider: string): WebhookDataMapper {
  return {
    provider,
    mapData<Type extends WebhookEventType>(type: Type, data: unknown): WebhookEventDataMap[Type] {
      const mapped = (readers[type] as Reader<Type>)(data, provider);
      if (mapped === undefined) {
        throw new ProviderResponseError(`the data of a ${type} webhook event is not the documented wire object`, {
          provider,
        });
      }
      return mapped;
    },
  };
}
