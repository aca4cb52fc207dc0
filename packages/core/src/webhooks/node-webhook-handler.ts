import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  defaultWebhookMaxBodyBytes,
  handleWebhookRequest,
  payloadTooLarge,
  type WebhookRequestResult,
} from './handle-webhook-request.js';
import { readWebhookBody, type WebhookIncomingMessage } from './read-webhook-body.js';
import { createMemoryWebhookEventStore } from './webhook-event-store.js';
import {
  bodyReadTimedOut,
  checkWebhookHandlerOptions,
  defaultWebhookBodyReadTimeoutMs,
  reportWebhookError,
  unreadableBody,
  type WebhookHandlerOptions,
} from './webhook-handler-options.js';

export {
  defaultWebhookBodyReadTimeoutMs,
  maximumWebhookBodyReadTimeoutMs,
  minimumWebhookBodyReadTimeoutMs,
  type WebhookHandlerOptions,
} from './webhook-handler-options.js';

/**
 * A `node:http` request listener that receives webhooks: `http.createServer(createWebhookHandler({ … }))`, or an
 * express route (`app.post(path, express.raw({ type: () => true }), handler)`). The raw body comes from
 * `request.rawBody` or `request.body` when a framework already read it as a Buffer or string, else from the stream
 * (refusing with 413, and reading no further, past `maxBodyBytes`); then it answers what `handleWebhookRequest`
 * decides. A body it cannot get is answered at once and reported to `onError`: 500 `webhook_payload_not_raw` (a
 * parser such as `express.json()` ran first), 500 `webhook_body_consumed` (something else read the stream first),
 * 400 `webhook_body_incomplete` (the stream closed, failed or was destroyed before it ended; often nobody is left to
 * answer), 408 `webhook_body_timeout` (the body took longer than `bodyReadTimeoutMs`; the connection is closed).
 * Recipes for express, fastify and `node:http`: this folder's README.md. The returned promise always settles and
 * never rejects.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: WebhookIncomingMessage, response: ServerResponse) => Promise<void> {
  checkWebhookHandlerOptions(options);
  const store = options.store ?? createMemoryWebhookEventStore();
  const maxBodyBytes = options.maxBodyBytes ?? defaultWebhookMaxBodyBytes;
  const bodyReadTimeoutMs = options.bodyReadTimeoutMs ?? defaultWebhookBodyReadTimeoutMs;

  return async (request, response) => {
    let result: WebhookRequestResult;
    if ((request.method ?? '').toUpperCase() !== 'POST') {
      // Answered before reading: the body of a GET or PUT here is nobody's webhook.
      result = await handleWebhookRequest({ ...options, store, method: request.method, rawBody: '', headers: {} });
    } else {
      const outcome = await readWebhookBody(request, { maxBodyBytes, bodyReadTimeoutMs });
      result =
        outcome.kind === 'body'
          ? await handleWebhookRequest({
              ...options,
              store,
              method: request.method,
              rawBody: outcome.body,
              headers: request.headers,
            })
          : outcome.kind === 'too_large'
            ? payloadTooLarge(maxBodyBytes)
            : outcome.kind === 'timeout'
              ? bodyReadTimedOut(bodyReadTimeoutMs)
              : unreadableBody(outcome.kind);
    }
    if (result.status >= 300 || result.error !== undefined) reportWebhookError(options.onError, result);
    writeResult(request, response, result);
  };
}

function writeResult(request: IncomingMessage, response: ServerResponse, result: WebhookRequestResult): void {
  if (response.headersSent || response.destroyed) return;
  const body = JSON.stringify(result.body);
  const headers: Record<string, string | number> = { ...result.headers, 'content-length': Buffer.byteLength(body) };
  // A body left unread (413, 405) must not be parsed as the next request on a kept-alive connection.
  if (!request.complete) headers.connection = 'close';
  response.writeHead(result.status, headers);
  response.end(body);
}
