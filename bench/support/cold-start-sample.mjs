// One P6 sample, in a fresh `node` process with no loader (plain JavaScript, so nothing but the subject is compiled):
// import one SDK and construct one client, no request. Prints one JSON line on stdout:
// `{ "importMs": …, "constructMs": … }`, plus `firstCallMs` and `secondCallMs` when a call was asked for.
//
//   node cold-start-sample.mjs cardgw <adapter dist entry URL> [<simulator URL> <api key> <card id>]
//   node cold-start-sample.mjs stripe
//   node cold-start-sample.mjs lithic
//
// stripe and lithic resolve from the repository's root devDependencies, as an application would import them.

const [subject, entry, simulatorUrl, simulatorKey, cardId] = process.argv.slice(2);

// Well-formed sandbox keys; nothing is sent with them.
const privcardsKey = 'sk_test_coldstart0000000000000000';
const stripeKey = 'sk_test_coldstart0000000000000000';
const lithicKey = 'coldstart-0000-0000-0000-000000000000';

const started = performance.now();
let imported;
let construct;
if (subject === 'cardgw') {
  const { createPrivCards } = await import(entry);
  imported = performance.now();
  construct = () =>
    simulatorUrl === undefined
      ? createPrivCards({ apiKey: privcardsKey })
      : createPrivCards({ apiKey: simulatorKey, baseUrl: simulatorUrl });
} else if (subject === 'stripe') {
  const { default: Stripe } = await import('stripe');
  imported = performance.now();
  construct = () => new Stripe(stripeKey);
} else if (subject === 'lithic') {
  const { default: Lithic } = await import('lithic');
  imported = performance.now();
  construct = () => new Lithic({ apiKey: lithicKey });
} else {
  throw new Error(`unknown subject ${subject}`);
}
const client = construct();
const constructed = performance.now();
const sample = { importMs: imported - started, constructMs: constructed - imported };

if (subject === 'cardgw' && cardId !== undefined) {
  // The first call pays what construction deferred (the HTTP library, the wire schemas); the second shows a warm call.
  const first = performance.now();
  await client.cards.get(cardId);
  const second = performance.now();
  await client.cards.get(cardId);
  sample.firstCallMs = second - first;
  sample.secondCallMs = performance.now() - second;
  await client.close();
}
process.stdout.write(`${JSON.stringify(sample)}\n`);
