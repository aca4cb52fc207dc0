// Without vitest installed, @cardgw/testing still imports, and the default runner says what to do instead.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import { ConfigError } from '@cardgw/core';

test('this project has no vitest', () => {
  assert.throws(() => createRequire(import.meta.url).resolve('vitest'), { code: 'MODULE_NOT_FOUND' });
});

test('importing @cardgw/testing works, and the default runner names both ways out', async () => {
  const { runCardIssuerContract } = await import('@cardgw/testing');
  let thrown;
  try {
    runCardIssuerContract('no runner given', () => {
      const issuer = createMemoryIssuer();
      return { issuer, backend: issuer };
    });
  } catch (error) {
    thrown = error;
  }
  assert.ok(ConfigError.isInstance(thrown), `expected a ConfigError, got ${thrown}`);
  assert.equal(thrown.option, 'runner');
  assert.doesNotMatch(thrown.message, /ERR_MODULE_NOT_FOUND/);
  assert.match(thrown.message, /vitest is not installed/);
  assert.match(thrown.message, /npm install --save-dev vitest/);
  assert.match(thrown.message, /runner: \{ describe, it, beforeEach, afterEach \}/);
  assert.match(thrown.message, /'node:test'/);
});
