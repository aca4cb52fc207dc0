/**
 * One process of the two-process creation-key ledger test (tests/money-safety/shared-ledger.test.ts): a gateway over
 * both simulators whose ledger is the Redis one, creating a card with KEY, in the provider order ORDER.
 * A key another process holds (IdempotencyKeyInUseError) is repeated every 250 ms, as a job queue would, up to 20
 * times. Says `ready` on stderr once loaded, starts at the first line on stdin, and prints
 * `{ "first": <code or card id>, "card": <card id or error code> }` on stdout.
 * Run: node --import tsx tests/money-safety/support/ledger-worker.ts (env: REDIS_URL, KEY_PREFIX, KEY, ORDER,
 * PRIVCARDS_URL, PRIVCARDS_API_KEY, CRYPTOCARDY_URL, CRYPTOCARDY_SEED).
 */
import { cryptocardyProvider } from '@cardgw/adapter-cryptocardy';
import { privcardsProvider } from '@cardgw/adapter-privcards';
import {
  CardGatewayError,
  createGateway,
  createRedisCreationKeyLedger,
  IdempotencyKeyInUseError,
  usd,
} from '@cardgw/core';
import { Redis } from 'ioredis';

const environment = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

const redis = new Redis(environment('REDIS_URL'), { maxRetriesPerRequest: 1 });
redis.on('error', () => {});
const entries = {
  privcards: { name: 'privcards', baseUrl: environment('PRIVCARDS_URL'), apiKey: { env: 'PRIVCARDS_API_KEY' } },
  cryptocardy: { name: 'cryptocardy', baseUrl: environment('CRYPTOCARDY_URL'), seed: { env: 'CRYPTOCARDY_SEED' } },
} as const;
const order = environment('ORDER').split(',') as (keyof typeof entries)[];
const gateway = createGateway(
  { providers: order.map((name) => entries[name]) },
  {
    providers: [privcardsProvider, cryptocardyProvider],
    env: { ...process.env },
    ledger: createRedisCreationKeyLedger({ redis, keyPrefix: environment('KEY_PREFIX') }),
  },
);

// Loaded: say so on stderr, and start when the test writes a line to stdin.
process.stderr.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
const create = () =>
  gateway.cards.create({ binId: '491653', amount: usd(100) }, { idempotencyKey: environment('KEY') });
const describe = (error: unknown) => (CardGatewayError.isInstance(error) ? error.code : String(error));

let first: string | undefined;
let card: string | undefined;
for (let attempt = 0; attempt < 20 && card === undefined; attempt++) {
  try {
    card = (await create()).id;
    first ??= card;
  } catch (error) {
    first ??= describe(error);
    if (!IdempotencyKeyInUseError.isInstance(error)) {
      card = describe(error);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
await gateway.close();
redis.disconnect();
process.stdout.write(JSON.stringify({ first, card }));
