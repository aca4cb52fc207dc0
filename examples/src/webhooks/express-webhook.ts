import type { IncomingHttpHeaders } from 'node:http';
import {
  createMemoryWebhookEventStore,
  handleWebhookRequest,
  type WebhookEventStore,
  type WebhookReceiverOptions,
} from '@cardgw/core';

/**
 * Receiving webhooks in an express app. The only rule: the route must get the RAW body, so mount `express.raw` on
 * it (never `express.json()` before it: re-serialised JSON no longer matches the signature):
 *
 * ```ts
 * import express from 'express';
 * import { Secret } from '@cardgw/core';
 *
 * const app = express();
 * app.post(
 *   '/webhooks/privcards',
 *   express.raw({ type: () => true, limit: '1mb' }), // every content type, as a Buffer in request.body
 *   createExpressWebhookRoute({
 *     secret: new Secret(process.env.PRIVCARDS_WEBHOOK_SECRET ?? ''),
 *     mapper: privcardsWebhookMapper, // from @cardgw/adapter-privcards
 *     onEvent: async (event) => { if (event.type === 'card.frozen') await notifyOwner(event.data); },
 *   }),
 * );
 * app.use(express.json()); // the rest of the app may parse JSON as usual
 * ```
 *
 * The request and response types below are the few members of express's own that this route touches, declared
 * structurally so this example needs no express install; express's `Request` and `Response` satisfy them.
 */
export interface ExpressRequestLike {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** A Buffer when `express.raw()` ran; anything else is answered 500 with the reason. */
  readonly body?: unknown;
}

export interface ExpressResponseLike {
  status(code: number): this;
  set(headers: Record<string, string>): this;
  send(body: string): this;
}

export interface ExpressWebhookRouteOptions extends WebhookReceiverOptions {
  /** @default createMemoryWebhookEventStore() */
  readonly store?: WebhookEventStore | undefined;
  /** Told about refused and failed deliveries. @default console.error for 5xx, nothing otherwise */
  readonly onError?: ((error: unknown, status: number) => void) | undefined;
}

export function createExpressWebhookRoute(options: ExpressWebhookRouteOptions) {
  const store = options.store ?? createMemoryWebhookEventStore();
  const onError =
    options.onError ?? ((error: unknown, status: number) => status >= 500 && console.error('webhook failed', error));
  return async (request: ExpressRequestLike, response: ExpressResponseLike): Promise<void> => {
    const result = await handleWebhookRequest({
      ...options,
      store,
      method: request.method,
      rawBody: rawBodyOf(request),
      headers: request.headers,
    });
    if (result.status >= 300) onError(result.error, result.status);
    response.status(result.status).set(result.headers).send(JSON.stringify(result.body));
  };
}

/** The Buffer `express.raw()` left, `''` for a request without a body, or what a JSON parser left (refused with 500). */
function rawBodyOf(request: ExpressRequestLike): Buffer {
  const { body, headers } = request;
  // Without a body express.raw() does not run: express 4 leaves `{}`, express 5 `undefined`.
  const sentBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
  const untouched =
    body === undefined || (!sentBody && typeof body === 'object' && body !== null && Object.keys(body).length === 0);
  // Anything else that is not a Buffer means a JSON parser ran first: handleWebhookRequest answers 500 and says why.
  return (untouched ? Buffer.alloc(0) : body) as Buffer;
}
