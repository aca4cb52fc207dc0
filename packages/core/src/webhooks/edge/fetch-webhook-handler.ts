import {
  defaultWebhookMaxBodyBytes,
  payloadTooLarge,
  receiveWebhookDelivery,
  type WebhookRequestResult,
} from '../receive-webhook-delivery.js';
import { createMemoryWebhookEventStore } from '../webhook-event-store.js';
import {
  bodyReadTimedOut,
  checkWebhookHandlerOptions,
  defaultWebhookBodyReadTimeoutMs,
  reportWebhookError,
  unreadableBody,
  type WebhookHandlerOptions,
} from '../webhook-handler-options.js';
import { constructWebhookEventWebCrypto } from './construct-webhook-event-web-crypto.js';
import { readFetchWebhookBody } from './read-fetch-webhook-body.js';

/**
 * A webhook receiver for the Fetch API (`(request: Request) => Promise<Response>`): Bun (`Bun.serve({ fetch })`),
 * Deno (`Deno.serve`), Cloudflare Workers (`export default { fetch }`), Vercel's edge runtime and Next.js route
 * handlers (`export const POST = handler`). It uses Web Crypto and imports no `node:` module. Options and answers are
 * `createWebhookHandler`'s: 200, 400, 401, 405, 408 (`bodyReadTimeoutMs`), 413 (`maxBodyBytes`), 500, 503 with
 * `Retry-After`, and 500 `webhook_body_consumed` for a request whose body was read first. Throws `ConfigError` for bad
 * options when created; the handler's promise always resolves to a `Response`.
 */
export function createFetchWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  checkWebhookHandlerOptions(options);
  const store = options.store ?? createMemoryWebhookEventStore();
  const maxBodyBytes = options.maxBodyBytes ?? defaultWebhookMaxBodyBytes;
  const bodyReadTimeoutMs = options.bodyReadTimeoutMs ?? defaultWebhookBodyReadTimeoutMs;

  const receive = (method: string, rawBody: Uint8Array | string, headers: Headers | Record<string, never>) =>
    receiveWebhookDelivery({ ...options, store, method, rawBody, headers }, constructWebhookEventWebCrypto);

  return async (request) => {
    let result: WebhookRequestResult;
    if (request.method.toUpperCase() !== 'POST') {
      result = await receive(request.method, '', {});
    } else {
      const outcome = await readFetchWebhookBody(request, { maxBodyBytes, bodyReadTimeoutMs });
      result =
        outcome.kind === 'body'
          ? await receive(request.method, outcome.body, request.headers)
          : outcome.kind === 'too_large'
            ? payloadTooLarge(maxBodyBytes)
            : outcome.kind === 'timeout'
              ? bodyReadTimedOut(bodyReadTimeoutMs)
              : unreadableBody(outcome.kind);
    }
    if (result.status >= 300 || result.error !== undefined) reportWebhookError(options.onError, result);
    return new Response(JSON.stringify(result.body), { status: result.status, headers: result.headers });
  };
}
