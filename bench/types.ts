/** One printed line of `pnpm bench`: `name: value (target …)`. */
export interface BenchResult {
  readonly name: string;
  /** Already formatted: `1.02×`, `99.6% of quota, 0 × 429`. */
  readonly value: string;
  /** `≤ 1.05`, or `report only`. */
  readonly target: string;
  /** Undefined for report-only lines. */
  readonly pass?: boolean | undefined;
}

/** Each `bench/p*.ts` file default-exports one of these; `bench/run.ts` runs them in order in one process. */
export type Bench = () => Promise<readonly BenchResult[]>;
