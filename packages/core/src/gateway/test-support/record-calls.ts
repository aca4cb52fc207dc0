import type { CardIssuer } from '../../port/card-issuer.js';
import type { RequestOptions } from '../../port/inputs.js';

/** One call a recorded issuer received: `cards.create` and the idempotency key it carried. */
export interface RecordedCall {
  readonly operation: string;
  readonly idempotencyKey: string | undefined;
}

const resources = ['cards', 'transactions', 'wallet', 'bins', 'threeDS', 'webhooks'] as const;

/**
 * Test helper (not exported from the package): the same issuer, recording every call it receives, so a test can
 * prove which provider a call reached, or that it reached none, and with which idempotency key.
 */
export function recordCalls<Issuer extends CardIssuer>(issuer: Issuer): { issuer: Issuer; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const wrapped: Record<string, unknown> = { ...(issuer as object) };
  for (const resource of resources) {
    const original = issuer[resource] as unknown as Record<string, (...args: unknown[]) => unknown>;
    wrapped[resource] = Object.fromEntries(
      Object.entries(original).map(([method, implementation]) => [
        method,
        (...args: unknown[]) => {
          const options = args.findLast(
            (argument): argument is RequestOptions =>
              typeof argument === 'object' && argument !== null && 'idempotencyKey' in argument,
          );
          calls.push({ operation: `${resource}.${method}`, idempotencyKey: options?.idempotencyKey });
          return implementation.apply(original, args);
        },
      ]),
    );
  }
  return { issuer: wrapped as Issuer, calls };
}

/** The operations a recorded issuer received, in order. */
export function operationsOf(calls: readonly RecordedCall[]): string[] {
  return calls.map((call) => call.operation);
}
