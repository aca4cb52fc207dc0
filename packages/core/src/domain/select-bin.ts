import type { Bin, BinCriteria } from './bin.js';

/**
 * The BIN that best matches `criteria`: every given criterion must hold, and among the BINs that pass, the one with
 * the highest acceptance rate wins (the first listed on a tie). `undefined` when none matches. Pure: the gateway
 * uses it to pick a BIN at each provider when a card is asked for by criteria.
 */
export function selectBin(bins: readonly Bin[], criteria: BinCriteria): Bin | undefined {
  let best: Bin | undefined;
  for (const bin of bins) {
    if (!matchesCriteria(bin, criteria)) continue;
    if (best === undefined || bin.acceptanceRate > best.acceptanceRate) best = bin;
  }
  return best;
}

/** Whether one BIN satisfies every criterion given (names compared case-insensitively). */
export function matchesCriteria(bin: Bin, criteria: BinCriteria): boolean {
  if (criteria.network !== undefined && !sameName(bin.network, criteria.network)) return false;
  if (criteria.type !== undefined && !sameName(bin.type, criteria.type)) return false;
  if (criteria.threeDS !== undefined && bin.threeDS !== criteria.threeDS) return false;
  if (criteria.applePay !== undefined && bin.applePay !== criteria.applePay) return false;
  if (criteria.googlePay !== undefined && bin.googlePay !== criteria.googlePay) return false;
  if (criteria.bestFor !== undefined) {
    const uses = new Set(bin.bestFor.map((use) => use.toLowerCase()));
    if (!criteria.bestFor.every((use) => uses.has(use.toLowerCase()))) return false;
  }
  if (criteria.minMaxTransaction !== undefined && bin.maxTransaction.amount < criteria.minMaxTransaction.amount) {
    return false;
  }
  return true;
}

/** `network: visa, bestFor: meta_ads`: names what was asked for in a NotFoundError. */
export function describeCriteria(criteria: BinCriteria): string {
  const parts = Object.entries(criteria)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${formatCriterion(value)}`);
  return parts.length > 0 ? parts.join(', ') : 'no criteria';
}

function formatCriterion(value: unknown): string {
  if (Array.isArray(value)) return value.join('+');
  if (typeof value === 'object' && value !== null && 'amount' in value)
    return `${(value as { amount: number }).amount} cents`;
  return String(value);
}

function sameName(left: string, right: string): boolean {
  return left.toLowerCase() === right.toLowerCase();
}
