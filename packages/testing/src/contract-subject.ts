import type { MemoryIssuer } from '@cardgw/adapter-memory';
import type { CardIssuer } from '@cardgw/core';
import type { ContractTestRunner } from './contract-test-runner.js';

/** What the contract suite tests: an issuer, and the state machine behind it. */
export interface ContractSubject {
  issuer: CardIssuer;
  /**
   * Simulation controls of the backing state machine (the memory issuer itself, or a simulator's backend). Ids are
   * shared: the id the issuer returns for a card is the id the backend knows it by.
   */
  backend: MemoryIssuer;
  /** Called after each test: stop servers, close the issuer. */
  cleanup?(): Promise<void>;
}

/** The kinds of id the suite needs an unknown example of. */
export type ContractIdKind = 'card' | 'transaction' | 'threeDS' | 'webhook';

/** Options of `runCardIssuerContract`: the shape of the issuer's ids, and an id that names nothing. */
export interface ContractOptions {
  /**
   * Every id the issuer returns (cards, transactions, challenges, webhooks) matches this.
   * @default `<issuer.provider>:<provider id>`, e.g. /^acme:[A-Za-z0-9][A-Za-z0-9_.-]*$/
   */
  readonly idPattern?: RegExp | undefined;
  /**
   * A well-formed id of this issuer that names nothing, to check NotFoundError.
   * @default `${issuer.provider}:card_0contract404` (`txn_`, `3ds_`, `wh_` for the other kinds)
   */
  readonly unknownId?: ((kind: ContractIdKind, issuer: CardIssuer) => string) | undefined;
  /**
   * The test functions of the runner hosting the suite: `{ describe, it, beforeEach, afterEach }` from `node:test`,
   * `@jest/globals` or vitest.
   * @default vitest's (loaded when the suite is declared; a ConfigError says what to do when vitest is not installed)
   */
  readonly runner?: ContractTestRunner | undefined;
}
