import {
  type Bin,
  type Card,
  type CardDetails,
  type Deposit,
  formatMoney,
  type Money,
  maskPan,
  type ProviderHealth,
  type ThreeDSChallenge,
  type Transaction,
  type WalletBalance,
} from '@cardgw/core';
import type {
  CardFreeze,
  CardFunding,
  CardTermination,
  DepositAddress,
  WebhookEndpoint,
} from '@cardgw/core/provider-utils';
import type { Column } from './output.js';

/*
 * What each result shows. Tables show cards by their last four digits only; the full PAN, the CVV, a 3-D Secure OTP
 * and a webhook signing secret are shown only with `--reveal` (their JSON is then the real value under the same name).
 */

const money = (value: Money | null | undefined) => (value == null ? '' : formatMoney(value));
const text = (value: string | number | boolean | undefined | null) => (value == null ? '' : String(value));

/** A card as tables show it: the number masked to its last four digits. */
export const cardColumns: readonly Column<Card>[] = [
  { heading: 'id', cell: (card) => card.id },
  { heading: 'status', cell: (card) => card.status },
  { heading: 'network', cell: (card) => card.network },
  { heading: 'number', cell: (card) => `•••• ${card.last4}` },
  { heading: 'balance', cell: (card) => money(card.balance) },
  { heading: 'label', cell: (card) => text(card.label) },
  { heading: 'created', cell: (card) => card.createdAt },
];

/** Every field of one card, for `cards get` and `cards create`. */
export const cardFields: readonly Column<Card>[] = [
  ...cardColumns,
  { heading: 'provider', cell: (card) => card.provider },
  { heading: 'bin', cell: (card) => card.binId },
  { heading: 'spending limit', cell: (card) => money(card.spendingLimit) },
  { heading: 'total spent', cell: (card) => money(card.totalSpent) },
  { heading: 'transactions', cell: (card) => text(card.transactionCount) },
  { heading: 'categories', cell: (card) => (card.allowedCategories ?? []).join(', ') },
  { heading: 'auto-freeze at', cell: (card) => money(card.autoFreezeAt) },
  { heading: 'expires', cell: (card) => text(card.expiresAt) },
  { heading: 'last used', cell: (card) => text(card.lastUsedAt) },
];

/** A funding or withdrawal's balances. */
export const fundingFields: readonly Column<CardFunding>[] = [
  { heading: 'card', cell: (funding) => funding.cardId },
  { heading: 'direction', cell: (funding) => funding.direction },
  { heading: 'amount', cell: (funding) => money(funding.amount) },
  { heading: 'card balance', cell: (funding) => `${money(funding.previousBalance)} → ${money(funding.newBalance)}` },
  { heading: 'wallet balance', cell: (funding) => money(funding.walletBalance) },
];

/** `cards freeze`. */
export const freezeFields: readonly Column<CardFreeze>[] = [
  { heading: 'card', cell: (freeze) => freeze.cardId },
  { heading: 'status', cell: (freeze) => freeze.status },
  { heading: 'frozen at', cell: (freeze) => freeze.frozenAt },
];

/** `cards terminate`. */
export const terminationFields: readonly Column<CardTermination>[] = [
  { heading: 'card', cell: (termination) => termination.cardId },
  { heading: 'status', cell: (termination) => termination.status },
  { heading: 'refunded', cell: (termination) => money(termination.refundedAmount) },
  { heading: 'terminated at', cell: (termination) => termination.terminatedAt },
];

/** `cards details`: the PAN masked and the CVV hidden unless `reveal`. */
export function detailsFields(reveal: boolean): readonly Column<CardDetails>[] {
  return [
    { heading: 'card', cell: (details) => details.cardId },
    { heading: 'number', cell: (details) => (reveal ? details.pan : maskPan(details.pan)) },
    { heading: 'cvv', cell: (details) => (reveal ? details.cvv : '•••') },
    { heading: 'expiry', cell: (details) => details.expiry },
    { heading: 'holder', cell: (details) => details.holderName },
  ];
}

/** `cards details --json`: the library's own redacted JSON, or the real PAN and CVV with `reveal`. */
export function detailsJson(details: CardDetails, reveal: boolean): unknown {
  const json = details.toJSON();
  return reveal ? { ...json, pan: details.pan, cvv: details.cvv } : json;
}

/** A transaction, in tables and in CSV (amounts as signed dollars, `-12.50`, so a spreadsheet can sum them). */
export const transactionColumns: readonly Column<Transaction>[] = [
  { heading: 'id', cell: (transaction) => transaction.id },
  { heading: 'card', cell: (transaction) => transaction.cardId },
  { heading: 'type', cell: (transaction) => transaction.type },
  { heading: 'amount', cell: (transaction) => money(transaction.amount) },
  { heading: 'merchant', cell: (transaction) => transaction.merchant.name },
  { heading: 'category', cell: (transaction) => text(transaction.merchant.category) },
  { heading: 'decline reason', cell: (transaction) => text(transaction.declineReason) },
  { heading: 'created', cell: (transaction) => transaction.createdAt },
];

/** The CSV export's columns: machine-friendly amounts (dollars with two decimals, no symbol) and every field. */
export const transactionCsvColumns: readonly Column<Transaction>[] = [
  { heading: 'id', cell: (transaction) => transaction.id },
  { heading: 'card_id', cell: (transaction) => transaction.cardId },
  { heading: 'type', cell: (transaction) => transaction.type },
  { heading: 'amount', cell: (transaction) => decimal(transaction.amount) },
  { heading: 'currency', cell: (transaction) => transaction.amount.currency },
  { heading: 'merchant', cell: (transaction) => transaction.merchant.name },
  { heading: 'category', cell: (transaction) => text(transaction.merchant.category) },
  { heading: 'mcc', cell: (transaction) => text(transaction.merchant.mcc) },
  { heading: 'country', cell: (transaction) => text(transaction.merchant.country) },
  {
    heading: 'balance_after',
    cell: (transaction) => (transaction.balanceAfter ? decimal(transaction.balanceAfter) : ''),
  },
  { heading: 'decline_reason', cell: (transaction) => text(transaction.declineReason) },
  { heading: 'created_at', cell: (transaction) => transaction.createdAt },
];

/** `-1250` cents → `-12.50`, with integer arithmetic only. */
function decimal(value: Money): string {
  const sign = value.amount < 0 ? '-' : '';
  const absolute = Math.abs(value.amount);
  return `${sign}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** `wallet balance`. */
export const balanceFields: readonly Column<WalletBalance>[] = [
  { heading: 'provider', cell: (balance) => balance.provider },
  { heading: 'balance', cell: (balance) => money(balance.balance) },
  { heading: 'pending deposits', cell: (balance) => money(balance.pendingDeposits) },
  { heading: 'total deposited', cell: (balance) => money(balance.totalDeposited) },
  { heading: 'total spent', cell: (balance) => money(balance.totalSpent) },
  { heading: 'active cards', cell: (balance) => text(balance.activeCards) },
  { heading: 'cards total balance', cell: (balance) => money(balance.cardsTotalBalance) },
];

/** `wallet addresses`. */
export const depositAddressColumns: readonly Column<DepositAddress>[] = [
  { heading: 'provider', cell: (address) => address.provider },
  { heading: 'asset', cell: (address) => address.asset },
  { heading: 'network', cell: (address) => text(address.network) },
  { heading: 'address', cell: (address) => address.address },
  { heading: 'minimum', cell: (address) => text(address.minimumDeposit) },
];

/** `wallet deposits`. */
export const depositColumns: readonly Column<Deposit>[] = [
  { heading: 'id', cell: (deposit) => deposit.id },
  { heading: 'asset', cell: (deposit) => deposit.asset },
  { heading: 'crypto amount', cell: (deposit) => deposit.cryptoAmount },
  { heading: 'amount', cell: (deposit) => money(deposit.amount) },
  { heading: 'credited', cell: (deposit) => money(deposit.credited) },
  { heading: 'status', cell: (deposit) => deposit.status },
  { heading: 'created', cell: (deposit) => deposit.createdAt },
];

/** `bins list`. */
export const binColumns: readonly Column<Bin>[] = [
  { heading: 'id', cell: (bin) => bin.id },
  { heading: 'network', cell: (bin) => bin.network },
  { heading: 'type', cell: (bin) => bin.type },
  { heading: '3ds', cell: (bin) => (bin.threeDS ? 'yes' : 'no') },
  { heading: 'max transaction', cell: (bin) => money(bin.maxTransaction) },
  { heading: 'max monthly', cell: (bin) => money(bin.maxMonthly) },
  { heading: 'acceptance', cell: (bin) => `${bin.acceptanceRate}%` },
  { heading: 'best for', cell: (bin) => bin.bestFor.join(', ') },
];

/** `3ds list` and `3ds get`: the OTP hidden unless `reveal`. */
export function threeDSColumns(reveal: boolean): readonly Column<ThreeDSChallenge>[] {
  return [
    { heading: 'id', cell: (challenge) => challenge.id },
    { heading: 'card', cell: (challenge) => challenge.cardId },
    { heading: 'merchant', cell: (challenge) => challenge.merchant },
    { heading: 'amount', cell: (challenge) => money(challenge.amount) },
    { heading: 'status', cell: (challenge) => challenge.status },
    { heading: 'otp', cell: (challenge) => (reveal ? challenge.otp : '••••••') },
    { heading: 'expires', cell: (challenge) => challenge.expiresAt },
  ];
}

/** A challenge's JSON: the library's (OTP redacted), or the real OTP with `reveal`. */
export function threeDSJson(challenge: ThreeDSChallenge, reveal: boolean): unknown {
  const json = JSON.parse(JSON.stringify(challenge)) as Record<string, unknown>;
  return reveal ? { ...json, otp: challenge.otp } : json;
}

/** `webhooks list` and `webhooks create`: the signing secret hidden unless `reveal`. */
export function webhookColumns(reveal: boolean): readonly Column<WebhookEndpoint>[] {
  return [
    { heading: 'id', cell: (endpoint) => endpoint.id },
    { heading: 'url', cell: (endpoint) => endpoint.url },
    { heading: 'events', cell: (endpoint) => endpoint.events.join(', ') },
    { heading: 'active', cell: (endpoint) => (endpoint.active ? 'yes' : 'no') },
    {
      heading: 'secret',
      cell: (endpoint) => (endpoint.secret === undefined ? '' : reveal ? endpoint.secret.reveal() : '[redacted]'),
    },
    { heading: 'created', cell: (endpoint) => endpoint.createdAt },
  ];
}

/** An endpoint's JSON: the library's (secret redacted), or the real secret with `reveal`. */
export function webhookJson(endpoint: WebhookEndpoint, reveal: boolean): unknown {
  const json = JSON.parse(JSON.stringify(endpoint)) as Record<string, unknown>;
  return reveal && endpoint.secret !== undefined ? { ...json, secret: endpoint.secret.reveal() } : json;
}

/** `health`: each provider's circuit. */
export const healthColumns: readonly Column<ProviderHealth>[] = [
  { heading: 'provider', cell: (health) => health.provider },
  { heading: 'state', cell: (health) => health.state },
  { heading: 'consecutive failures', cell: (health) => text(health.consecutiveFailures) },
  { heading: 'last error', cell: (health) => text(health.lastErrorCode) },
  { heading: 'probe after', cell: (health) => text(health.probeAfter) },
];
