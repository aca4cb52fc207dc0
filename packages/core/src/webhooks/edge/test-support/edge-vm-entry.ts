/**
 * Bundled by `edge-runtime.test.ts` and run inside an edge-runtime VM (no `process`, `require`, `Buffer` or `node:`
 * modules): the edge module's verdicts and answers on the deliveries it is given, as JSON text (so nothing crosses
 * realms as an object).
 */
import { createTestWebhookDataMapper } from '../../test-support/test-webhook-data-mapper.js';
import { constructWebhookEventWebCrypto, createFetchWebhookHandler, signWebhookPayloadWebCrypto } from '../index.js';

export interface EdgeDelivery {
  readonly payload: string;
  readonly signature?: string | undefined;
  readonly secret: string;
  readonly toleranceMs?: number | undefined;
  readonly now?: number | undefined;
}

/** `ok <type> <id>` or the error's code, per delivery. */
export async function verdicts(deliveries: readonly EdgeDelivery[]): Promise<string> {
  const results: string[] = [];
  for (const delivery of deliveries) results.push(await verdictOf(delivery));
  return JSON.stringify(results);
}

export async function verdictOf(delivery: EdgeDelivery): Promise<string> {
  try {
    const event = await constructWebhookEventWebCrypto({
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

/** Each delivery POSTed to a fresh Fetch handler (`secret`: the handler's): `<status> <body>`. */
export async function answers(deliveries: readonly EdgeDelivery[]): Promise<string> {
  const results: string[] = [];
  for (const delivery of deliveries) {
    const handler = createFetchWebhookHandler({
      secret: delivery.secret,
      mapper: createTestWebhookDataMapper(),
      onEvent: () => undefined,
    });
    const headers = new Headers({ 'content-type': 'application/json' });
    if (delivery.signature !== undefined) headers.set('x-webhook-signature', delivery.signature);
    const response = await handler(
      new Request('https://receiver.example/webhooks', { method: 'POST', headers, body: delivery.payload }),
    );
    results.push(`${response.status} ${await response.text()}`);
  }
  return JSON.stringify(results);
}

export function sign(payload: string, secret: string): Promise<string> {
  return signWebhookPayloadWebCrypto(payload, secret);
}

/** What the runtime offers: the test checks the VM really lacks Node's globals. */
export function runtimeGlobals(): string {
  const scope = globalThis as Record<string, unknown>;
  return JSON.stringify({
    process: typeof scope.process,
    require: typeof scope.require,
    Buffer: typeof scope.Buffer,
    subtle: typeof crypto.subtle,
  });
}
