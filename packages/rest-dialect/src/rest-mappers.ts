import {
  type Bin,
  type Card,
  CardDetails,
  type CardStatus,
  cents,
  type Deposit,
  type Money,
  moneyFromDecimal,
  Secret,
  ThreeDSChallenge,
  type Transaction,
  type WalletBalance,
} from '@cardgw/core';
import {
  type CardFreeze,
  type CardFunding,
  type CardTermination,
  type DepositAddress,
  isWebhookEventType,
  type Merchant,
  qualifyId,
  type WebhookEndpoint,
  type WebhookSubscription,
} from '@cardgw/core/provider-utils';
import type {
  WireBin,
  WireCard,
  WireCardDetails,
  WireCardFreeze,
  WireCardFunding,
  WireCardStatus,
  WireCardTermination,
  WireDeposit,
  WireDepositAddresses,
  WireMerchant,
  WireThreeDSChallenge,
  WireTransaction,
  WireWalletBalance,
  WireWebhook,
} from './rest-wire-schemas.js';

// Wire → domain: float dollars become exact integer cents, snake_case becomes camelCase, ids are qualified with the
// provider's name, timestamps are normalized. Each takes an already-validated wire object (see rest-wire-schemas.ts).

/** `2026-05-22T17:57:34+00:00` and `2026-04-15T12:00:00Z` alike become `Date#toISOString()`. */
export function normalizeTimestamp(value: string): string {
  return new Date(value).toISOString();
}

/** A wire card status → `CardStatus` (the dialect's `pending_top_up` is `pending`). */
export function mapRestCardStatus(status: WireCardStatus): CardStatus {
  return status === 'pending_top_up' ? 'pending' : status;
}

/** A wire card → `Card`: float dollars to integer cents, ids qualified with `provider`. */
export function mapRestCard(wire: WireCard, provider: string): Card {
  return withoutUndefined({
    id: qualifyId(provider, wire.id),
    provider,
    providerId: wire.id,
    status: mapRestCardStatus(wire.status),
    network: wire.network,
    binId: wire.bin_id,
    last4: wire.last4,
    balance: moneyFromDecimal(wire.balance),
    spendingLimit: optionalMoney(wire.spending_limit),
    totalSpent: optionalMoney(wire.total_spent),
    transactionCount: wire.transaction_count ?? undefined,
    label: wire.label ?? undefined,
    allowedCategories: wire.allowed_categories ?? undefined,
    autoFreezeAt: mapAutoFreezeAt(wire.auto_freeze_at),
    metadata: wire.metadata ?? undefined,
    createdAt: normalizeTimestamp(wire.created_at),
    expiresAt: optionalTimestamp(wire.expires_at),
    lastUsedAt: optionalTimestamp(wire.last_used_at),
  });
}

/** `null` and `0` both mean "disabled" on the wire; absent means the provider did not say. */
function mapAutoFreezeAt(value: number | string | null | undefined): Money | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const money = moneyFromDecimal(value);
  return money.amount === 0 ? null : money;
}

/** A wire `GET /cards/{id}/details` answer → `CardDetails` (prints redacted). */
export function mapRestCardDetails(wire: WireCardDetails, provider: string): CardDetails {
  const address = wire.billing_address;
  return new CardDetails({
    cardId: qualifyId(provider, wire.id),
    pan: wire.pan,
    cvv: wire.cvv,
    expiryMonth: wire.exp_month,
    expiryYear: wire.exp_year,
    holderName: wire.holder_name,
    billingAddress: address
      ? withoutUndefined({
          line1: address.line1,
          line2: address.line2 ?? undefined,
          city: address.city,
          state: address.state ?? undefined,
          zip: address.zip,
          country: address.country,
        })
      : undefined,
  });
}

/** A wire `POST /cards/{id}/freeze` answer → `CardFreeze`. */
export function mapRestCardFreeze(wire: WireCardFreeze, provider: string): CardFreeze {
  return { cardId: qualifyId(provider, wire.id), status: 'frozen', frozenAt: normalizeTimestamp(wire.frozen_at) };
}

/** A wire `DELETE /cards/{id}` answer → `CardTermination`. */
export function mapRestCardTermination(wire: WireCardTermination, provider: string): CardTermination {
  return {
    cardId: qualifyId(provider, wire.id),
    status: 'terminated',
    refundedAmount: moneyFromDecimal(wire.refunded_amount),
    terminatedAt: normalizeTimestamp(wire.terminated_at),
  };
}

/** A wire fund or withdraw answer → `CardFunding`, in integer cents. */
export function mapRestCardFunding(
  wire: WireCardFunding,
  provider: string,
  direction: 'fund' | 'withdraw',
): CardFunding {
  const previousBalance = moneyFromDecimal(wire.previous_balance);
  const newBalance = moneyFromDecimal(wire.new_balance);
  const moved = direction === 'fund' ? (wire.funded_amount ?? wire.amount) : (wire.withdrawn_amount ?? wire.amount);
  return {
    cardId: qualifyId(provider, wire.id),
    direction,
    previousBalance,
    // Neither field given: what moved is the difference of the two balances (integer cents, no float arithmetic).
    amount: moved == null ? cents(Math.abs(newBalance.amount - previousBalance.amount)) : moneyFromDecimal(moved),
    newBalance,
    walletBalance: moneyFromDecimal(wire.wallet_balance),
  };
}

/** A wire merchant (an object, or a bare name) → `Merchant`. */
export function mapRestMerchant(wire: WireMerchant): Merchant {
  if (typeof wire === 'string') return { name: wire };
  return withoutUndefined({
    name: wire.name,
    category: wire.category ?? undefined,
    mcc: wire.mcc ?? undefined,
    country: wire.country ?? undefined,
  });
}

/** A wire transaction → `Transaction`: signed integer cents, ids qualified with `provider`. */
export function mapRestTransaction(wire: WireTransaction, provider: string): Transaction {
  return withoutUndefined({
    id: qualifyId(provider, wire.id),
    provider,
    providerId: wire.id,
    cardId: qualifyId(provider, wire.card_id),
    type: wire.type,
    amount: moneyFromDecimal(wire.amount),
    merchant: mapRestMerchant(wire.merchant),
    balanceAfter: optionalMoney(wire.balance_after),
    threeDSStatus: wire.three_ds_status ?? undefined,
    declineReason: wire.decline_reason ?? undefined,
    createdAt: normalizeTimestamp(wire.created_at),
  });
}

/** A wire `GET /wallet` answer → `WalletBalance`, in integer cents. */
export function mapRestWalletBalance(wire: WireWalletBalance, provider: string): WalletBalance {
  return {
    provider,
    balance: moneyFromDecimal(wire.balance),
    pendingDeposits: moneyFromDecimal(wire.pending_deposits),
    totalDeposited: moneyFromDecimal(wire.total_deposited),
    totalSpent: moneyFromDecimal(wire.total_spent),
    activeCards: wire.cards_active,
    cardsTotalBalance: moneyFromDecimal(wire.cards_total_balance),
  };
}

/** The page's three maps (`addresses`, `networks`, `min_deposit`) keyed by asset become one row per asset. */
export function mapRestDepositAddresses(wire: WireDepositAddresses, provider: string): DepositAddress[] {
  return Object.entries(wire.addresses).map(([asset, address]) => {
    const minimum = wire.min_deposit?.[asset];
    return withoutUndefined({
      provider,
      asset,
      address,
      network: wire.networks?.[asset],
      minimumDeposit: minimum === undefined ? undefined : String(minimum),
    });
  });
}

/** A wire deposit → `Deposit`, in integer cents. */
export function mapRestDeposit(wire: WireDeposit, provider: string): Deposit {
  return withoutUndefined({
    id: qualifyId(provider, wire.id),
    provider,
    asset: wire.currency.toLowerCase(),
    cryptoAmount: String(wire.amount_crypto),
    amount: moneyFromDecimal(wire.amount_usd),
    fee: moneyFromDecimal(wire.fee_usd),
    credited: moneyFromDecimal(wire.credited_usd),
    status: wire.status,
    txHash: wire.tx_hash ?? undefined,
    confirmations: wire.confirmations ?? undefined,
    createdAt: normalizeTimestamp(wire.created_at),
    confirmedAt: optionalTimestamp(wire.confirmed_at),
  });
}

/** A wire BIN (`GET /bins` item) → `Bin`, its id qualified with `provider`. */
export function mapRestBin(wire: WireBin, provider: string): Bin {
  return withoutUndefined({
    id: qualifyId(provider, wire.id),
    provider,
    providerId: wire.id,
    network: wire.network,
    type: wire.type,
    issuerCountry: wire.issuer_country ?? undefined,
    threeDS: wire['3ds'],
    applePay: wire.apple_pay,
    googlePay: wire.google_pay,
    maxTransaction: moneyFromDecimal(wire.max_transaction),
    maxMonthly: moneyFromDecimal(wire.max_monthly),
    acceptanceRate: wire.acceptance_rate,
    bestFor: wire.best_for ?? [],
  });
}

/** A wire 3-D Secure challenge → `ThreeDSChallenge` (its OTP prints redacted). */
export function mapRestThreeDSChallenge(wire: WireThreeDSChallenge, provider: string): ThreeDSChallenge {
  return new ThreeDSChallenge({
    id: qualifyId(provider, wire.id),
    provider,
    providerId: wire.id,
    cardId: qualifyId(provider, wire.card_id),
    merchant: typeof wire.merchant === 'string' ? wire.merchant : wire.merchant.name,
    amount: moneyFromDecimal(wire.amount),
    otp: wire.otp,
    status: wire.status,
    expiresAt: normalizeTimestamp(wire.expires_at),
    createdAt: optionalTimestamp(wire.created_at),
  });
}

/** A wire webhook endpoint → `WebhookEndpoint` (its secret wrapped in a `Secret`). */
export function mapRestWebhook(wire: WireWebhook, provider: string): WebhookEndpoint {
  return withoutUndefined({
    id: qualifyId(provider, wire.id),
    provider,
    providerId: wire.id,
    url: wire.url,
    // An event name this version does not know cannot be typed; the endpoint is still listed with the ones it knows.
    events: wire.events.filter((event): event is WebhookSubscription => event === '*' || isWebhookEventType(event)),
    secret: wire.secret ? new Secret(wire.secret) : undefined,
    active: wire.active ?? true,
    createdAt: normalizeTimestamp(wire.created_at),
  });
}

function optionalMoney(value: number | string | null | undefined): Money | undefined {
  return value == null ? undefined : moneyFromDecimal(value);
}

function optionalTimestamp(value: string | null | undefined): string | undefined {
  return value == null ? undefined : normalizeTimestamp(value);
}

/** Domain objects leave absent fields out rather than carrying `key: undefined` (cleaner `toEqual` and JSON). */
function withoutUndefined<Value extends object>(value: Value): Value {
  for (const key of Object.keys(value) as (keyof Value)[]) if (value[key] === undefined) delete value[key];
  return value;
}
