import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createMemoryIssuer, fullMemoryCapabilities } from '@cardgw/adapter-memory';
import { constructWebhookEvent, usd, verifyWebhookSignature } from '@cardgw/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRestWebhookDataMapper } from '../rest-webhook-data-mapper.js';
import { type RestSimulator, type RestSimulatorOptions, startRestSimulator } from './rest-simulator.js';

const key = 'test-key';
const running: { close(): Promise<void> }[] = [];

async function start(options: Partial<RestSimulatorOptions> = {}): Promise<RestSimulator> {
  const simulator = await startRestSimulator({
    provider: 'testpay',
    capabilities: fullMemoryCapabilities,
    basePath: '/v1',
    authenticate: (headers) => (headers['x-key'] === key ? key : undefined),
    limits: [],
    webhooks: { retryDelayMs: 10 },
    ...options,
  });
  running.push(simulator);
  return simulator;
}

async function call(
  simulator: RestSimulator,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${simulator.url}${path}`, {
    method,
    headers: { 'x-key': key, 'content-type': 'application/json', ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const createCard = { bin_id: '491653', amount: 25.5, label: 'Ads' };

afterEach(async () => {
  for (const closable of running.splice(0)) await closable.close();
});

describe('REST simulator: the wire format', () => {
  it('answers in snake_case with float dollars and a request id in the body and the header', async () => {
    const simulator = await start();
    const created = await call(simulator, 'POST', '/cards', { body: createCard });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'card_000001',
      bin_id: '491653',
      balance: 25.5,
      label: 'Ads',
      status: 'active',
    });
    expect(created.body.request_id).toMatch(/^req_[0-9a-f]{12}$/);
    expect(created.headers.get('x-request-id')).toBe(created.body.request_id);
    const balance = await call(simulator, 'GET', '/wallet/balance');
    expect(balance.body).toMatchObject({ balance: 9974.5, currency: 'USD', cards_active: 1 });
  });

  it('paginates cards with total_pages and transactions without, as the page shows', async () => {
    const simulator = await start();
    for (let index = 0; index < 3; index += 1) await call(simulator, 'POST', '/cards', { body: createCard });
    const cards = await call(simulator, 'GET', '/cards?per_page=2&page=1');
    expect(cards.body.pagination).toEqual({ page: 1, per_page: 2, total: 3, total_pages: 2 });
    const transactions = await call(simulator, 'GET', '/transactions');
    expect(transactions.body.pagination).toEqual({ page: 1, per_page: 50, total: 0 });
  });

  it('answers errors in the documented shape: insufficient funds, not found, invalid input', async () => {
    const simulator = await start({ backend: createMemoryIssuer({ provider: 'testpay', walletBalance: usd(10) }) });
    const poor = await call(simulator, 'POST', '/cards', { body: { bin_id: '491653', amount: 50 } });
    expect(poor.status).toBe(400);
    expect(poor.body).toMatchObject({
      error: 'insufficient_funds',
      code: 400,
      request_id: expect.stringMatching(/^req_/),
    });
    expect(poor.body.message).toEqual(expect.any(String));
    const missing = await call(simulator, 'GET', '/cards/card_999999');
    expect(missing.body).toMatchObject({ error: 'not_found', code: 404 });
    const invalid = await call(simulator, 'POST', '/cards', { body: { bin_id: '491653', amount: 'lots' } });
    expect(invalid.body).toMatchObject({ error: 'invalid_request', code: 400 });
    const unknown = await call(simulator, 'GET', '/nowhere');
    expect(unknown.body).toMatchObject({ error: 'not_found', code: 404 });
  });

  it('refuses a missing or wrong credential with 401 in the documented shape', async () => {
    const simulator = await start({ unauthorizedMessage: 'Missing or invalid key.' });
    const refused = await call(simulator, 'GET', '/wallet/balance', { headers: { 'x-key': 'wrong' } });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: 'unauthorized', message: 'Missing or invalid key.', code: 401 });
  });

  it('serves only the operations its capabilities declare', async () => {
    const simulator = await start({
      capabilities: {
        ...fullMemoryCapabilities,
        operations: fullMemoryCapabilities.operations.filter((operation) => operation !== 'wallet.deposits'),
      },
    });
    expect((await call(simulator, 'GET', '/wallet/deposits')).status).toBe(404);
    expect((await call(simulator, 'GET', '/wallet/balance')).status).toBe(200);
  });
});

describe('REST simulator: idempotency', () => {
  it('replays the first answer to a repeated key without executing again', async () => {
    const simulator = await start();
    const headers = { 'x-idempotency-key': 'create-once' };
    const first = await call(simulator, 'POST', '/cards', { body: createCard, headers });
    const second = await call(simulator, 'POST', '/cards', { body: createCard, headers });
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(simulator.backend.snapshot().cards).toHaveLength(1);
    const other = await call(simulator, 'POST', '/cards', {
      body: createCard,
      headers: { 'x-idempotency-key': 'another' },
    });
    expect(other.body.id).toBe('card_000002');
  });

  it('refuses a repeated key with another body in the documented error shape, executing nothing', async () => {
    const simulator = await start();
    const headers = { 'x-idempotency-key': 'create-once' };
    expect((await call(simulator, 'POST', '/cards', { body: createCard, headers })).status).toBe(201);
    const reused = await call(simulator, 'POST', '/cards', { body: { ...createCard, amount: 99 }, headers });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({
      error: 'idempotency_key_reused',
      code: 400,
      request_id: expect.stringMatching(/^req_/),
    });
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
    expect(simulator.backend.snapshot().cards).toHaveLength(1);
  });

  it('refuses a repeated key on another card of the same operation', async () => {
    const simulator = await start();
    const first = await call(simulator, 'POST', '/cards', { body: createCard });
    const second = await call(simulator, 'POST', '/cards', { body: createCard });
    const headers = { 'x-idempotency-key': 'freeze-once' };
    expect((await call(simulator, 'POST', `/cards/${first.body.id}/freeze`, { headers })).status).toBe(200);
    const reused = await call(simulator, 'POST', `/cards/${second.body.id}/freeze`, { headers });
    expect(reused.body).toMatchObject({ error: 'idempotency_key_reused', code: 400 });
    expect((await call(simulator, 'GET', `/cards/${second.body.id}`)).body.status).toBe('active');
  });

  it('runs a key again after a 4xx, so the retry succeeds once the cause is gone', async () => {
    const backend = createMemoryIssuer({ provider: 'testpay', walletBalance: usd(10) });
    const simulator = await start({ backend });
    const headers = { 'x-idempotency-key': 'create-when-funded' };
    const poor = await call(simulator, 'POST', '/cards', { body: createCard, headers });
    expect(poor.body).toMatchObject({ error: 'insufficient_funds', code: 400 });
    const deposit = await backend.simulate.deposit({ asset: 'btc', cryptoAmount: '0.01', amount: usd(600) });
    await backend.simulate.confirmDeposit(deposit.id);
    const funded = await call(simulator, 'POST', '/cards', { body: createCard, headers });
    expect(funded.status).toBe(201);
    expect(funded.headers.get('idempotent-replayed')).toBeNull();
    expect(backend.snapshot().cards).toHaveLength(1);
  });

  it('keeps keys per client: another credential may use the same key', async () => {
    const simulator = await start({
      authenticate: (headers) =>
        headers['x-key'] === key || headers['x-key'] === 'other-key' ? headers['x-key'] : undefined,
    });
    const headers = { 'x-idempotency-key': 'shared-key' };
    await call(simulator, 'POST', '/cards', { body: createCard, headers });
    const other = await call(simulator, 'POST', '/cards', {
      body: { ...createCard, amount: 30 },
      headers: { ...headers, 'x-key': 'other-key' },
    });
    expect(other.status).toBe(201);
    expect(simulator.backend.snapshot().cards).toHaveLength(2);
  });

  it('makes a duplicate arriving during the first execution wait for it', async () => {
    const simulator = await start();
    simulator.faults.latency(50);
    const headers = { 'x-idempotency-key': 'concurrent' };
    const [first, second] = await Promise.all([
      call(simulator, 'POST', '/cards', { body: createCard, headers }),
      call(simulator, 'POST', '/cards', { body: createCard, headers }),
    ]);
    expect(second.body).toEqual(first.body);
    expect(simulator.backend.snapshot().cards).toHaveLength(1);
  });
});

describe('REST simulator: strict limits', () => {
  it('answers 429 with Retry-After in the documented shape once a window is full, per rule', async () => {
    const simulator = await start({
      limits: [
        { name: 'requests-per-minute', limit: 3, windowMs: 60_000 },
        { name: 'card-details-per-minute', limit: 1, windowMs: 60_000, operations: ['cards.details'] },
      ],
    });
    const created = await call(simulator, 'POST', '/cards', { body: createCard });
    expect((await call(simulator, 'GET', `/cards/${created.body.id}/details`)).status).toBe(200);
    const details = await call(simulator, 'GET', `/cards/${created.body.id}/details`);
    expect(details.status).toBe(429);
    expect(details.body).toMatchObject({ error: 'rate_limit_exceeded', code: 429 });
    expect(Number(details.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect((await call(simulator, 'GET', '/wallet/balance')).status).toBe(200);
    expect((await call(simulator, 'GET', '/wallet/balance')).status).toBe(429);
  });

  it('counts per sliding window on arrival time: room comes back one window after the oldest request', async () => {
    let now = 1_000_000;
    const simulator = await start({
      limits: [{ name: 'requests-per-minute', limit: 2, windowMs: 60_000 }],
      now: () => now,
    });
    expect((await call(simulator, 'GET', '/bins')).status).toBe(200);
    now += 30_000;
    expect((await call(simulator, 'GET', '/bins')).status).toBe(200);
    now += 29_999;
    const refused = await call(simulator, 'GET', '/bins');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    now += 1;
    expect((await call(simulator, 'GET', '/bins')).status).toBe(200);
    // Refused requests were not counted: the one admitted at +30 s leaves at +90 s.
    now += 29_999;
    expect((await call(simulator, 'GET', '/bins')).status).toBe(429);
    now += 1;
    expect((await call(simulator, 'GET', '/bins')).status).toBe(200);
  });
});

describe('REST simulator: faults', () => {
  it('fails the next requests with the given status without executing them', async () => {
    const simulator = await start();
    simulator.faults.failNext(2, 503);
    expect((await call(simulator, 'POST', '/cards', { body: createCard })).body).toMatchObject({ code: 503 });
    expect((await call(simulator, 'POST', '/cards', { body: createCard })).status).toBe(503);
    expect(simulator.backend.snapshot().cards).toHaveLength(0);
    expect((await call(simulator, 'POST', '/cards', { body: createCard })).status).toBe(201);
  });

  it('injects 429s with a Retry-After', async () => {
    const simulator = await start();
    simulator.faults.rateLimitNext(1, { retryAfterSeconds: 7 });
    const limited = await call(simulator, 'GET', '/bins');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
  });

  it('resets the connection before executing', async () => {
    const simulator = await start();
    simulator.faults.resetNext();
    await expect(call(simulator, 'POST', '/cards', { body: createCard })).rejects.toThrow();
    expect(simulator.backend.snapshot().cards).toHaveLength(0);
    expect(simulator.requests.at(-1)?.outcome).toBe('reset');
  });

  it('executes then drops the answer on timeout after commit; the retry with the same key gets the replay', async () => {
    const simulator = await start();
    simulator.faults.timeoutAfterCommitNext(1, { destroyAfterMs: 20 });
    const headers = { 'x-idempotency-key': 'ambiguous' };
    await expect(call(simulator, 'POST', '/cards', { body: createCard, headers })).rejects.toThrow();
    expect(simulator.backend.snapshot().cards).toHaveLength(1);
    const retried = await call(simulator, 'POST', '/cards', { body: createCard, headers });
    expect(retried.body.id).toBe('card_000001');
    expect(simulator.backend.snapshot().cards).toHaveLength(1);
  });

  it('refuses connections, then accepts them again on the same port', async () => {
    const simulator = await start();
    const port = simulator.port;
    await simulator.faults.refuseConnections();
    const refused = await fetch(`${simulator.url}/bins`, { headers: { 'x-key': key } }).catch(
      (error: unknown) => error,
    );
    expect((refused as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    await simulator.faults.acceptConnections();
    expect(simulator.port).toBe(port);
    expect((await call(simulator, 'GET', '/bins')).status).toBe(200);
  });
});

describe('REST simulator: webhook delivery', () => {
  async function receiver(statuses: number[]) {
    const received: { body: string; signature: string | undefined }[] = [];
    const server: Server = createServer(async (request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: request.headers['x-webhook-signature'] as string,
      });
      response.writeHead(statuses.shift() ?? 200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    running.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, received };
  }

  it('posts each event, signed, in the { id, type, created_at, data } envelope with the wire object', async () => {
    const simulator = await start();
    const hook = await receiver([]);
    const secret = 'whsec_simulator_test_secret_0001';
    await call(simulator, 'POST', '/webhooks', { body: { url: hook.url, events: ['card.created'], secret } });
    await call(simulator, 'POST', '/cards', { body: createCard });
    await simulator.webhooksIdle();
    expect(hook.received).toHaveLength(1);
    const [delivery] = hook.received;
    expect(verifyWebhookSignature({ payload: delivery!.body, signature: delivery!.signature, secret })).toBe(true);
    const envelope = JSON.parse(delivery!.body);
    expect(envelope).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: 'card.created',
      data: { id: 'card_000001', balance: 25.5 },
    });
    const event = constructWebhookEvent({
      payload: delivery!.body,
      signature: delivery!.signature,
      secret,
      mapper: createRestWebhookDataMapper('testpay'),
    });
    expect(event).toMatchObject({ type: 'card.created', data: { id: 'testpay:card_000001', balance: usd(25.5) } });
    expect(simulator.deliveries).toEqual([
      expect.objectContaining({ type: 'card.created', attempt: 1, status: 200, delivered: true }),
    ]);
  });

  it('retries a failing receiver a bounded number of times, never failing the API call', async () => {
    const simulator = await start({ webhooks: { attempts: 3, retryDelayMs: 5 } });
    const hook = await receiver([500, 502, 500, 500]);
    await call(simulator, 'POST', '/webhooks', { body: { url: hook.url, events: ['*'] } });
    expect((await call(simulator, 'POST', '/cards', { body: createCard })).status).toBe(201);
    await simulator.webhooksIdle();
    expect(simulator.deliveries.map((delivery) => delivery.status)).toEqual([500, 502, 500]);
    expect(hook.received).toHaveLength(3);
  });

  it('does not post to a host that is not loopback', async () => {
    const simulator = await start();
    await call(simulator, 'POST', '/webhooks', { body: { url: 'https://example.com/hooks', events: ['*'] } });
    await call(simulator, 'POST', '/cards', { body: createCard });
    await simulator.webhooksIdle();
    expect(simulator.deliveries).toEqual([expect.objectContaining({ error: 'not_loopback', delivered: false })]);
  });
});
