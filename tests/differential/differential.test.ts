import { allOperations } from '@cardgw/adapter-memory';
import type { CardIssuer } from '@cardgw/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type DifferentialScenario, differentialScenarios, type EarlierResults } from './differential-scenarios.js';
import { type DifferentialSubject, providersUnderTest } from './differential-subjects.js';
import { explainedDifferences } from './explained-differences.js';
import { normalizeOutcome, type Outcome } from './normalize-outcome.js';

// The promise of the in-memory issuer: a unit test that passes on `createMemoryIssuer(profile)` passes against the
// provider. Each scenario runs on a fresh double and on the adapter over a fresh simulator; every step's result (or
// error) is normalized (normalize-outcome.ts says what is compared) and compared. Any difference fails, unless it is
// listed with its reason in explained-differences.ts (the same table is in docs/in-memory-issuer.md).

interface Difference {
  readonly provider: string;
  readonly scenario: string;
  readonly step: string;
  readonly double: unknown;
  readonly adapter: unknown;
}

const compared = { operations: 0, differences: [] as Difference[] };
/** Which port operations the scenarios called, per provider (recorded on the double's side). */
const called = new Map<string, Set<string>>();

/** The issuer, recording the name of each port operation called on it (`cards.create`, …). */
function recording(issuer: CardIssuer, operations: Set<string>): CardIssuer {
  const resources = ['cards', 'transactions', 'wallet', 'bins', 'threeDS', 'webhooks'] as const;
  const wrapped: Record<string, unknown> = { ...issuer };
  for (const resource of resources) {
    const methods = issuer[resource] as unknown as Record<string, (...args: unknown[]) => unknown>;
    wrapped[resource] = Object.fromEntries(
      Object.entries(methods).map(([name, method]) => [
        name,
        (...args: unknown[]) => {
          operations.add(`${resource}.${name}`);
          return method(...args);
        },
      ]),
    );
  }
  return wrapped as unknown as CardIssuer;
}

async function runScenario(scenario: DifferentialScenario, subject: DifferentialSubject): Promise<unknown[]> {
  const earlier = new Map<string, unknown>();
  const outcomes: unknown[] = [];
  try {
    for (const step of scenario.steps) {
      let outcome: Outcome;
      try {
        outcome = { ok: true, value: await step.run(subject, earlier as EarlierResults) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      earlier.set(step.name, outcome.ok ? outcome.value : outcome.error);
      outcomes.push(normalizeOutcome(outcome));
    }
  } finally {
    await subject.close();
  }
  return outcomes;
}

function isExplained(difference: Difference): boolean {
  return explainedDifferences.some(
    (entry) =>
      (entry.provider === undefined || entry.provider === difference.provider) &&
      entry.scenario === difference.scenario &&
      entry.step === difference.step,
  );
}

describe('the in-memory double against the adapter over its simulator', () => {
  for (const provider of providersUnderTest) {
    describe(provider.name, () => {
      for (const scenario of differentialScenarios) {
        it(`agrees on "${scenario.name}" (${scenario.steps.length} operations)`, async () => {
          const double = provider.double();
          const operations = called.get(provider.name) ?? new Set<string>();
          called.set(provider.name, operations);
          const onDouble = await runScenario(scenario, { ...double, issuer: recording(double.issuer, operations) });
          const onAdapter = await runScenario(scenario, await provider.adapter());
          const unexplained: Difference[] = [];
          scenario.steps.forEach((step, index) => {
            compared.operations += 1;
            const double = onDouble[index];
            const adapter = onAdapter[index];
            if (JSON.stringify(double) === JSON.stringify(adapter)) return;
            const difference = { provider: provider.name, scenario: scenario.name, step: step.name, double, adapter };
            compared.differences.push(difference);
            if (!isExplained(difference)) unexplained.push(difference);
          });
          expect(unexplained, 'differences not listed in explained-differences.ts').toEqual([]);
        });
      }
    });
  }

  it('calls every operation of the port on each provider', () => {
    for (const provider of providersUnderTest) {
      expect([...(called.get(provider.name) ?? [])].sort()).toEqual([...allOperations].sort());
    }
  });

  it('lists only differences that still occur', () => {
    const stale = explainedDifferences.filter(
      (entry) =>
        !compared.differences.some(
          (difference) =>
            (entry.provider === undefined || entry.provider === difference.provider) &&
            entry.scenario === difference.scenario &&
            entry.step === difference.step,
        ),
    );
    expect(stale).toEqual([]);
  });

  afterAll(() => {
    const perProvider = differentialScenarios.reduce((sum, scenario) => sum + scenario.steps.length, 0);
    expect(compared.operations).toBe(perProvider * providersUnderTest.length);
    const explained = compared.differences.filter(isExplained).length;
    console.info(
      `differential: ${compared.operations} operations compared (${perProvider} per provider × ${providersUnderTest.length}), ` +
        `${compared.differences.length} difference(s), ${explained} of them explained`,
    );
  });
});
