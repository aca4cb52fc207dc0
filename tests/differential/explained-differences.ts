/**
 * The differences between a provider's in-memory double and its adapter over its simulator that are known and
 * accepted, each with its reason. The differential suite fails on any difference not listed here, and on any entry
 * here that no longer occurs (so the table stays true). Keep it in step with docs/in-memory-issuer.md.
 */
export interface ExplainedDifference {
  /** `privcards`, `cryptocardy`, or both when absent. */
  readonly provider?: 'privcards' | 'cryptocardy' | undefined;
  readonly scenario: string;
  readonly step: string;
  readonly reason: string;
}

export const explainedDifferences: readonly ExplainedDifference[] = [];
