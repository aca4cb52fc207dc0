import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as edgeSubpath from '@cardgw/core/webhooks/edge';
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { constructWebhookEvent } from '../construct-webhook-event.js';
import { handleWebhookRequest } from '../handle-webhook-request.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from '../test-support/test-webhook-data-mapper.js';
import { createMemoryWebhookEventStore } from '../webhook-event-store.js';
import { signWebhookPayload, verifyWebhookSignature } from '../webhook-signature.js';
import {
  constructWebhookEventWebCrypto,
  createFetchWebhookHandler,
  signWebhookPayloadWebCrypto,
  verifyWebhookSignatureWebCrypto,
} from './index.js';
import type { EdgeDelivery } from './test-support/edge-vm-entry.js';

/*
 * Issue 16 point 3: `@cardgw/core/webhooks/edge` must load where no `node:` module exists, and give the node:crypto
 * path's verdicts on the same deliveries.
 */

const here = dirname(fileURLToPath(import.meta.url));
const edgeEntry = resolve(here, 'index.ts');

/** Every module the edge entry reaches at run time (type-only imports are erased), with what each imports. */
function runtimeImportGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    const specifiers: string[] = [];
    const statement = /^(?:import|export)\s+(?!type\s)([^;]*?)\s+from\s+'([^']+)';|^import\s+'([^']+)';/gms;
    for (const match of source.matchAll(statement)) {
      const bindings = match[1] ?? '';
      // `import { type A, type B } from …` is erased too.
      const typeOnly =
        /^\{[^}]*\}$/s.test(bindings) &&
        bindings
          .slice(1, -1)
          .split(',')
          .every((part) => /^\s*(type\s|$)/.test(part));
      if (!typeOnly) specifiers.push((match[2] ?? match[3]) as string);
    }
    for (const dynamic of source.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/g))
      specifiers.push(dynamic[1] as string);
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  }
  return graph;
}

let bundle = '';
let vm: EdgeVM;

beforeAll(async () => {
  const result = await build({
    entryPoints: [resolve(here, 'test-support/edge-vm-entry.ts')],
    bundle: true,
    write: false,
    // Neutral: no Node built-in resolves, so any `node:` import anywhere in the graph fails the build.
    platform: 'neutral',
    format: 'iife',
    globalName: 'edgeWebhooks',
    target: 'es2022',
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
  vm = new EdgeVM();
  vm.evaluate(bundle);
});

const now = Date.parse('2026-04-15T12:00:00Z');
const valid = testDelivery();
const signature = signWebhookPayload(valid, testWebhookSecret);
const otherSecret = 'whsec_someone_else_entirely';

/** The same deliveries for both paths: valid, tampered, forged, stale, malformed… */
const deliveries: readonly (EdgeDelivery & { readonly name: string })[] = [
  { name: 'valid', payload: valid, signature, secret: testWebhookSecret },
  { name: 'valid, upper-case hex', payload: valid, signature: signature.toUpperCase(), secret: testWebhookSecret },
  { name: 'valid, sha256= prefix', payload: valid, signature: `sha256=${signature}`, secret: testWebhookSecret },
  { name: 'tampered body', payload: valid.replace('4242', '4243'), signature, secret: testWebhookSecret },
  { name: 'truncated body', payload: valid.slice(0, -3), signature, secret: testWebhookSecret },
  { name: 'wrong secret', payload: valid, signature, secret: otherSecret },
  {
    name: 'signed by someone else',
    payload: valid,
    signature: signWebhookPayload(valid, otherSecret),
    secret: testWebhookSecret,
  },
  { name: 'no signature', payload: valid, secret: testWebhookSecret },
  { name: 'malformed signature', payload: valid, signature: 'zz'.repeat(32), secret: testWebhookSecret },
  { name: 'short signature', payload: valid, signature: signature.slice(0, 63), secret: testWebhookSecret },
  {
    name: 'fresh, within tolerance',
    payload: valid,
    signature,
    secret: testWebhookSecret,
    toleranceMs: 300_000,
    now: now + 60_000,
  },
  {
    name: 'stale timestamp',
    payload: valid,
    signature,
    secret: testWebhookSecret,
    toleranceMs: 300_000,
    now: now + 600_000,
  },
  ...(() => {
    const malformed = '{"id":"evt_1","type":';
    const unknown = testDelivery({ type: 'wallet.drained', data: { pan: '4916531288472039' } });
    const unicode = testDelivery({
      id: 'evt_ünï',
      data: { id: 'card_é', status: 'active', last4: '4242', balance_cents: 1 },
    });
    const badData = testDelivery({ data: { id: 'card_1' } });
    return [malformed, unknown, unicode, badData].map((payload, index) => ({
      name: ['malformed JSON', 'unknown type', 'unicode', 'unreadable data'][index] as string,
      payload,
      signature: signWebhookPayload(payload, testWebhookSecret),
      secret: testWebhookSecret,
    }));
  })(),
  { name: 'short secret', payload: valid, signature, secret: 'whsec_short' },
];

async function nodeVerdict(delivery: EdgeDelivery): Promise<string> {
  try {
    const event = constructWebhookEvent({
      payload: delivery.payload,
      signature: delivery.signature,
      secret: delivery.secret,
      mapper: createTestWebhookDataMapper(),
      toleranceMs: delivery.toleranceMs,
      now: delivery.now === undefined ? undefined : () => delivery.now as number,
    });
    return `ok ${event.type} ${event.id}`;
  } catch (error) {
    return (error as { code?: string }).code ?? 'not a typed error';
  }
}

describe('@cardgw/core/webhooks/edge', () => {
  it('is the package subpath @cardgw/core/webhooks/edge', () => {
    expect(edgeSubpath.createFetchWebhookHandler).toBe(createFetchWebhookHandler);
    expect(edgeSubpath.constructWebhookEventWebCrypto).toBe(constructWebhookEventWebCrypto);
  });

  it('reaches no node: module or built-in, and no third-party package but zod (static scan of its import graph)', () => {
    const graph = runtimeImportGraph(edgeEntry);
    expect(graph.size).toBeGreaterThan(10);
    const builtins = new Set(builtinModules);
    // zod, plain JavaScript that runs on any runtime, is imported dynamically by the first delivery, to read the
    // event's data with the wire schemas (validation/zod.ts); nothing else from outside the repository.
    const offending = [...graph].flatMap(([file, specifiers]) =>
      specifiers
        .filter((specifier) => !specifier.startsWith('.') && specifier !== 'zod')
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(offending).toEqual([]);
    expect([...graph.values()].flat()).toContain('zod');
    for (const specifiers of graph.values()) {
      for (const specifier of specifiers) {
        expect(specifier.startsWith('node:') || builtins.has(specifier)).toBe(false);
      }
    }
    // The scan has teeth: the node:crypto path is found out.
    const nodeGraph = runtimeImportGraph(resolve(here, '../webhook-signature.ts'));
    expect([...nodeGraph.values()].flat()).toContain('node:crypto');
  });

  it('bundles for a neutral platform, where a node: import cannot resolve (the node:crypto path cannot)', async () => {
    expect(bundle.length).toBeGreaterThan(1000);
    await expect(
      build({
        entryPoints: [resolve(here, '../webhook-signature.ts')],
        bundle: true,
        write: false,
        platform: 'neutral',
        logLevel: 'silent',
      }),
    ).rejects.toThrow(/node:crypto/);
  });

  it('runs in an edge-runtime VM that has no process, require or Buffer', () => {
    expect(JSON.parse(vm.evaluate('edgeWebhooks.runtimeGlobals()') as string)).toEqual({
      process: 'undefined',
      require: 'undefined',
      Buffer: 'undefined',
      subtle: 'object',
    });
  });

  it('gives the node:crypto verdict on every delivery, in the edge VM and in process', async () => {
    const expected = await Promise.all(deliveries.map(nodeVerdict));
    // Sanity: the cases cover acceptance and each refusal.
    expect(new Set(expected)).toEqual(
      new Set([
        'ok card.created testpay:evt_1',
        'webhook_signature_invalid',
        'webhook_envelope_invalid',
        'webhook_body_malformed',
        'ok unknown testpay:evt_1',
        'ok card.created testpay:evt_ünï',
        'invalid_response',
        'invalid_config',
      ]),
    );
    const inVm = JSON.parse(
      await (vm.evaluate(`edgeWebhooks.verdicts(${JSON.stringify(deliveries)})`) as Promise<string>),
    ) as string[];
    expect(inVm).toEqual(expected);
    const inProcess: string[] = [];
    for (const delivery of deliveries) {
      try {
        const event = await constructWebhookEventWebCrypto({
          payload: delivery.payload,
          signature: delivery.signature,
          secret: delivery.secret,
          toleranceMs: delivery.toleranceMs,
          mapper: createTestWebhookDataMapper(),
          now: delivery.now === undefined ? undefined : () => delivery.now as number,
        });
        inProcess.push(`ok ${event.type} ${event.id}`);
      } catch (error) {
        inProcess.push((error as { code: string }).code);
      }
    }
    expect(inProcess).toEqual(expected);
  });

  it('signs and verifies exactly as node:crypto does, for strings, bytes and unicode', async () => {
    for (const payload of [valid, 'ünïcödé 🔑 payload', new TextEncoder().encode(valid), '']) {
      const expected = signWebhookPayload(payload, testWebhookSecret);
      expect(await signWebhookPayloadWebCrypto(payload, testWebhookSecret)).toBe(expected);
      if (typeof payload === 'string') {
        expect(
          await (vm.evaluate(
            `edgeWebhooks.sign(${JSON.stringify(payload)}, ${JSON.stringify(testWebhookSecret)})`,
          ) as Promise<string>),
        ).toBe(expected);
      }
      for (const candidate of [expected, expected.replace(/^./, (c) => (c === '0' ? '1' : '0'))]) {
        const options = { payload, signature: candidate, secret: testWebhookSecret };
        expect(await verifyWebhookSignatureWebCrypto(options)).toBe(verifyWebhookSignature(options));
      }
    }
  });

  it('answers through the Fetch handler in the edge VM as handleWebhookRequest does on node', async () => {
    const expected: string[] = [];
    for (const delivery of deliveries) {
      const result = await handleWebhookRequest({
        secret: delivery.secret,
        mapper: createTestWebhookDataMapper(),
        onEvent: () => undefined,
        store: createMemoryWebhookEventStore(),
        method: 'POST',
        rawBody: delivery.payload,
        headers: delivery.signature === undefined ? {} : { 'x-webhook-signature': delivery.signature },
      });
      expected.push(`${result.status} ${JSON.stringify(result.body)}`);
    }
    // The handler has no clock or tolerance option of its own: compare the deliveries without them.
    const comparable = deliveries.filter(
      (delivery) => delivery.toleranceMs === undefined && delivery.secret.length >= 16,
    );
    const expectedComparable = expected.filter((_, index) =>
      comparable.includes(deliveries[index] as (typeof deliveries)[number]),
    );
    const inVm = JSON.parse(
      await (vm.evaluate(`edgeWebhooks.answers(${JSON.stringify(comparable)})`) as Promise<string>),
    ) as string[];
    expect(inVm).toEqual(expectedComparable);
    expect(inVm[0]).toBe('200 {"received":true}');
  });
});

describe('createFetchWebhookHandler in process', () => {
  const options = { secret: testWebhookSecret, mapper: createTestWebhookDataMapper() };
  const post = (
    body: string | ReadableStream<Uint8Array>,
    headers: Record<string, string> = { 'x-webhook-signature': signature },
  ) =>
    new Request('https://receiver.example/webhooks', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);

  it('processes once, answers the redelivery as a duplicate, 405 to a GET', async () => {
    const onEvent = vi.fn();
    const handler = createFetchWebhookHandler({ ...options, onEvent });
    expect(await (await handler(post(valid))).json()).toEqual({ received: true });
    expect(await (await handler(post(valid))).json()).toEqual({ received: true, duplicate: true });
    expect(onEvent).toHaveBeenCalledTimes(1);
    const get = await handler(new Request('https://receiver.example/webhooks'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers 500 webhook_body_consumed when the body was read first, and 413 past maxBodyBytes', async () => {
    const onError = vi.fn();
    const handler = createFetchWebhookHandler({ ...options, onEvent: () => undefined, onError, maxBodyBytes: 1000 });
    const read = post(valid);
    await read.text();
    const consumed = await handler(read);
    expect(consumed.status).toBe(500);
    expect(await consumed.json()).toMatchObject({ error: 'webhook_body_consumed' });
    expect(onError).toHaveBeenCalledTimes(1);
    expect((await handler(post('x'.repeat(1001)))).status).toBe(413);
  });

  it('answers 408 to a body that does not arrive within bodyReadTimeoutMs', async () => {
    const dripping = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(valid.slice(0, 5)));
        // Never closed: a sender that stops mid-body.
      },
    });
    const handler = createFetchWebhookHandler({ ...options, onEvent: () => undefined, bodyReadTimeoutMs: 50 });
    const response = await handler(post(dripping));
    expect(response.status).toBe(408);
    expect(await response.json()).toMatchObject({ error: 'webhook_body_timeout' });
  });

  it('refuses a short secret at creation like createWebhookHandler', () => {
    expect(() => createFetchWebhookHandler({ ...options, secret: 'short', onEvent: () => undefined })).toThrow(
      /secret/,
    );
  });
});
