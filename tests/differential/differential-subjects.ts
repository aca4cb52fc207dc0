import { createCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { cryptocardyProfile } from '@cardgw/adapter-cryptocardy/testing';
import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/adapter-memory';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { privcardsProfile } from '@cardgw/adapter-privcards/testing';
import type { CardIssuer } from '@cardgw/core';

/** One side of the comparison: the issuer the steps call, and the state machine whose simulation controls they use. */
export interface DifferentialSubject {
  readonly issuer: CardIssuer;
  /** The double itself, or the simulator's backend: `simulate`, `clock`. */
  readonly backend: MemoryIssuer;
  close(): Promise<void>;
}

/** A provider, two ways: its in-memory double (`createMemoryIssuer(profile)`) and its adapter over its simulator. */
export interface ProviderUnderTest {
  readonly name: 'privcards' | 'cryptocardy';
  double(): DifferentialSubject;
  adapter(): Promise<DifferentialSubject>;
}

function doubleOf(issuer: MemoryIssuer): DifferentialSubject {
  return { issuer, backend: issuer, close: () => issuer.close() };
}

/** The adapter's issuer with its simulator's backend, closing both (adapter first, so no request outlives the server). */
function overSimulator(
  issuer: { close(): Promise<void> } & Awaited<ReturnType<ProviderUnderTest['adapter']>>['issuer'],
  simulator: { readonly backend: Awaited<ReturnType<ProviderUnderTest['adapter']>>['backend']; close(): Promise<void> },
) {
  return {
    issuer,
    backend: simulator.backend,
    close: async () => {
      await issuer.close();
      await simulator.close();
    },
  };
}

// Both sides with their defaults, as users meet them: the profile as exported, the adapter's default options (HTTPS-only
// webhooks, its published limits), the simulator's default limits.
export const providersUnderTest: readonly ProviderUnderTest[] = [
  {
    name: 'privcards',
    double: () => doubleOf(createMemoryIssuer(privcardsProfile)),
    async adapter() {
      const simulator = await startPrivCardsSimulator();
      return overSimulator(createPrivCards({ apiKey: simulator.apiKey, baseUrl: simulator.url, env: {} }), simulator);
    },
  },
  {
    name: 'cryptocardy',
    double: () => doubleOf(createMemoryIssuer(cryptocardyProfile)),
    async adapter() {
      const simulator = await startCryptoCardySimulator();
      return overSimulator(createCryptoCardy({ seed: simulator.seed, baseUrl: simulator.url, env: {} }), simulator);
    },
  },
];
