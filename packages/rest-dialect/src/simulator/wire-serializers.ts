import {
  type Bin,
  type Card,
  type CardDetails,
  type Deposit,
  type Money,
  moneyToDecimal,
  type ThreeDSChallenge,
  type Transaction,
  type WalletBalance,
  type WebhookEventType,
} from '@cardgw/core';
import {
  type CardFreeze,
  type CardFunding,
  type CardTermination,
  type DepositAddress,
  parseQualifiedId,
  type WebhookEndpoint,
  type WebhookEventDataMap,
} from '@cardgw/core/provider-utils';

// Domain → the dialect's wire objects, as the simulator answers: the exact inverse of rest-mappers.ts (float dollars,
// snake_case, the provider's own ids). Absent optional fields are left out; `auto_freeze_at` is `null` when disabled,
// as the dialect's examples show.

/** A JSON object as the simulator sends it. */
export type WireObject = Record<string, unknown>;

/** `acme:card_000001` → `card_000001`. */
export function ownId(id: string): string {
  return parseQualifiedId(id)?.providerId ?? id;
}

const dollars = (money: Money | undefined) => (money === undefined ? undefined : moneyToDecimal(money));

/** `Card` → the wire card the simulator sends (integer cents to float dollars). */
export function toWireCard(card: Card): WireObject {
  return compact({
    id: card.providerId,
    bin_id: card.binId,
    network: card.network,
    last4: card.last4,
    status: card.status === 'pending' ? 'pending_top_up' : card.status,
    balance: moneyToDecimal(card.balance),
    spending_limit: dollars(card.spendingLimit),
    total_spent: dollars(card.totalSpent),
    transaction_count: card.transactionCount,
    label: card.label,
    allowed_categories: card.allowedCategories,
    auto_freeze_at:
      card.autoFreezeAt === undefined ? undefined : card.autoFreezeAt === null ? null : dollars(card.autoFreezeAt),
    metadata: card.metadata,
    created_at: card.createdAt,
    expires_at: card.expiresAt,
    last_used_at: card.lastUsedAt,
  });
}

/** `CardDetails` → the wire details the simulator sends (PAN and CVV in clear, as the provider does). */
export function toWireCardDetails(details: CardDetails): WireObject {
  const address = details.billingAddress;
  return compact({
    id: ownId(details.cardId),
    pan: details.pan,
    cvv: details.cvv,
    exp_month: details.expiryMonth,
    exp_year: details.expiryYear,
    holder_name: details.holderName,
    billing_address: address ? compact({ ...address }) : undefined,
  });
}

/** `CardFreeze` → the wire freeze answer. */
export function toWireCardFreeze(freeze: CardFreeze): WireObject {
  return { id: ownId(freeze.cardId), status: 'frozen', frozen_at: freeze.frozenAt };
}

/** `CardTermination` → the wire terminate answer. */
export function toWireCardTermination(termination: CardTermination): WireObject {
  return {
    id: ownId(termination.cardId),
    status: 'terminated',
    refunded_amount: moneyToDecimal(termination.refundedAmount),
    terminated_at: termination.terminatedAt,
  };
}

/** Fund: `funded_amount` (documented); withdraw: `withdrawn_amount` (assumed, see the adapters' READMEs). */
export function toWireCardFunding(funding: CardFunding): WireObject {
  return {
    id: ownId(funding.cardId),
    previous_balance: moneyToDecimal(funding.previousBalance),
    [funding.direction === 'fund' ? 'funded_amount' : 'withdrawn_amount']: moneyToDecimal(funding.amount),
    new_balance: moneyToDecimal(funding.newBalance),
    wallet_balance: moneyToDecimal(funding.walletBalance),
  };
}

/** `Transaction` → the wire transaction. */
export function toWireTransaction(transaction: Transaction): WireObject {
  return compact({
    id: transaction.providerId,
    card_id: ownId(transaction.cardId),
    type: transaction.type,
    amount: moneyToDecimal(transaction.amount),
    currency: 'USD',
    merchant: compact({ ...transaction.merchant }),
    balance_after: dollars(transaction.balanceAfter),
    three_ds_status: transaction.threeDSStatus,
    decline_reason: transaction.declineReason,
    created_at: transaction.createdAt,
  });
}

/** `WalletBalance` → the wire `GET /wallet` answer. */
export function toWireWalletBalance(balance: WalletBalance): WireObject {
  return {
    balance: moneyToDecimal(balance.balance),
    currency: 'USD',
    pending_deposits: moneyToDecimal(balance.pendingDeposits),
    total_deposited: moneyToDecimal(balance.totalDeposited),
    total_spent: moneyToDecimal(balance.totalSpent),
    cards_active: balance.activeCards,
    cards_total_balance: moneyToDecimal(balance.cardsTotalBalance),
  };
}

/** One row per asset → the page's three maps keyed by asset. */
export function toWireDepositAddresses(rows: readonly DepositAddress[]): WireObject {
  const addresses: Record<string, string> = {};
  const networks: Record<string, string> = {};
  const minimums: Record<string, string> = {};
  for (const row of rows) {
    addresses[row.asset] = row.address;
    if (row.network !== undefined) networks[row.asset] = row.network;
    if (row.minimumDeposit !== undefined) minimums[row.asset] = row.minimumDeposit;
  }
  return { addresses, networks, min_deposit: minimums };
}

/** `Deposit` → the wire deposit. */
export function toWireDeposit(deposit: Deposit): WireObject {
  return compact({
    id: ownId(deposit.id),
    currency: deposit.asset,
    amount_crypto: deposit.cryptoAmount,
    amount_usd: moneyToDecimal(deposit.amount),
    fee_usd: moneyToDecimal(deposit.fee),
    credited_usd: moneyToDecimal(deposit.credited),
    status: deposit.status,
    tx_hash: deposit.txHash,
    confirmations: deposit.confirmations,
    created_at: deposit.createdAt,
    confirmed_at: deposit.confirmedAt,
  });
}

/** `Bin` → the wire BIN the simulator sends. */
export function toWireBin(bin: Bin): WireObject {
  return compact({
    id: bin.providerId,
    network: bin.network,
    type: bin.type,
    issuer_country: bin.issuerCountry,
    '3ds': bin.threeDS,
    apple_pay: bin.applePay,
    google_pay: bin.googlePay,
    max_transaction: moneyToDecimal(bin.maxTransaction),
    max_monthly: moneyToDecimal(bin.maxMonthly),
    acceptance_rate: bin.acceptanceRate,
    best_for: bin.bestFor,
  });
}

/** `ThreeDSChallenge` → the wire challenge (OTP in clear, as the provider does). */
export function toWireThreeDSChallenge(challenge: ThreeDSChallenge): WireObject {
  return compact({
    id: challenge.providerId,
    card_id: ownId(challenge.cardId),
    merchant: challenge.merchant,
    amount: moneyToDecimal(challenge.amount),
    otp: challenge.otp,
    status: challenge.status,
    expires_at: challenge.expiresAt,
    created_at: challenge.createdAt,
  });
}

/** The secret is on the wire at creation only, as the page's example shows it; never in a list. */
export function toWireWebhook(endpoint: WebhookEndpoint, options: { readonly withSecret: boolean }): WireObject {
  return compact({
    id: endpoint.providerId,
    url: endpoint.url,
    events: endpoint.events,
    secret: options.withSecret ? endpoint.secret?.reveal() : undefined,
    active: endpoint.active,
    created_at: endpoint.createdAt,
  });
}

/** A webhook event's domain data as the wire object of its resource (the card, the transaction, …). */
export function toWireEventData<Type extends WebhookEventType>(
  type: Type,
  data: WebhookEventDataMap[Type],
): WireObject {
  const value = data as WebhookEventDataMap[WebhookEventType];
  if (type.startsWith('transaction.')) return toWireTransaction(value as Transaction);
  if (type === '3ds.challenge') return toWireThreeDSChallenge(value as ThreeDSChallenge);
  if (type.startsWith('deposit.')) return toWireDeposit(value as Deposit);
  if ('binId' in value) return toWireCard(value as Card);
  if ('frozenAt' in value) return toWireCardFreeze(value as CardFreeze);
  if ('refundedAmount' in value) return toWireCardTermination(value as CardTermination);
  return toWireCardFunding(value as CardFunding);
}

function compact(fields: Record<string, unknown>): WireObject {
  const result: WireObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) result[key] = value;
  return result;
}
