import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConfigError } from '@cardgw/core';

/** A test body or hook: the suite's own take no arguments (so `node:test` never mistakes one for a callback style). */
export type ContractTestBody = () => Promise<void> | void;

/**
 * The test functions of the runner hosting the contract suite: vitest's, jest's (`@jest/globals` or its globals) and
 * `node:test`'s all fit as they are. The suite makes its assertions itself (with `node:assert`), so no `expect` is
 * needed.
 *
 * @example
 * import { afterEach, beforeEach, describe, it } from 'node:test';
 * runCardIssuerContract('my issuer', makeSubject, { runner: { describe, it, beforeEach, afterEach } });
 */
export interface ContractTestRunner {
  /** Declares a group of tests; `body` declares its tests synchronously. */
  describe(name: string, body: () => void): unknown;
  /** Declares one test; `body` takes no arguments and may return a promise. */
  it(name: string, body: ContractTestBody): unknown;
  /** Registers a hook run before each test of the enclosing group. */
  beforeEach(hook: ContractTestBody): unknown;
  /** Registers a hook run after each test of the enclosing group, whether it passed or not. */
  afterEach(hook: ContractTestBody): unknown;
}

/** What to do when the default runner is missing: the message of the ConfigError thrown then. */
export const missingVitestMessage =
  '@cardgw/testing: runCardIssuerContract runs under vitest by default, and vitest is not installed. ' +
  'Install it (npm install --save-dev vitest), or pass the test functions of your runner: ' +
  "runCardIssuerContract(name, makeSubject, { runner: { describe, it, beforeEach, afterEach } }) with those of 'node:test' or '@jest/globals'.";

/**
 * vitest's test functions, loaded when the suite is declared rather than when `@cardgw/testing` is imported, so
 * the subpath imports without vitest and a missing vitest gets a sentence instead of `ERR_MODULE_NOT_FOUND`. Loaded
 * with `require` (Node ≥ 20.19 requires ES modules synchronously) from the file vitest's `import` condition names,
 * which is the instance the test file's own `import 'vitest'` got: tests must be declared synchronously, while the
 * file is being collected, which rules out `await import('vitest')`.
 *
 * @throws ConfigError when vitest cannot be found from this package, or cannot be loaded synchronously.
 */
export function vitestRunner(): ContractTestRunner {
  const require = createRequire(import.meta.url);
  let manifestPath: string;
  try {
    manifestPath = require.resolve('vitest/package.json');
  } catch (cause) {
    throw new ConfigError(missingVitestMessage, { option: 'runner', cause });
  }
  const manifest = require(manifestPath) as { exports?: { '.'?: { import?: { default?: string } } } };
  const entry = manifest.exports?.['.']?.import?.default ?? './dist/index.js';
  try {
    return require(join(dirname(manifestPath), entry)) as ContractTestRunner;
  } catch (cause) {
    // A vitest whose entry cannot be required synchronously (top-level await in its graph): name the way out.
    throw new ConfigError(
      '@cardgw/testing: vitest is installed but could not be loaded synchronously. Pass its test functions: ' +
        "runCardIssuerContract(name, makeSubject, { runner: { describe, it, beforeEach, afterEach } }) from 'vitest'.",
      { option: 'runner', cause },
    );
  }
}
