// Every entry point of the six library packages, loaded with require() from CommonJS (Node ≥ 20.19 requires ES modules
// whose graph has no top-level await). Exits non-zero, naming the entry, when one cannot be required.
const assert = require('node:assert/strict');

const expectedExports = {
  '@cardgw/core': ['createGateway', 'usd', 'CardGatewayError', 'createWebhookHandler'],
  '@cardgw/adapter-memory': ['createMemoryIssuer'],
  '@cardgw/testing': ['runCardIssuerContract'],
  '@cardgw/core/provider-utils': ['withOutcome', 'idempotencyKeyFor'],
  '@cardgw/rest-dialect': ['createRestAdapter', 'defineRestProvider'],
  '@cardgw/rest-dialect/simulator': ['startRestSimulator'],
  '@cardgw/adapter-privcards': ['createPrivCards', 'privcardsProvider'],
  '@cardgw/adapter-privcards/simulator': ['startPrivCardsSimulator'],
  '@cardgw/adapter-cryptocardy': ['createCryptoCardy', 'cryptocardyProvider', 'provisionCryptoCardy'],
  '@cardgw/adapter-cryptocardy/simulator': ['startCryptoCardySimulator'],
};

for (const [entry, names] of Object.entries(expectedExports)) {
  let loaded;
  try {
    loaded = require(entry);
  } catch (error) {
    console.error(`require('${entry}') failed: ${error.code ?? ''} ${error.message}`);
    process.exit(1);
  }
  for (const name of names) assert.notEqual(loaded[name], undefined, `require('${entry}').${name}`);
}
const { createMemoryIssuer } = require('@cardgw/adapter-memory');
const { usd } = require('@cardgw/core');
createMemoryIssuer()
  .cards.create({ binId: '491653', amount: usd(10) })
  .then((card) => {
    assert.equal(card.status, 'active');
    console.log(`require() loaded ${Object.keys(expectedExports).length} entry points and issued ${card.id}`);
  });
