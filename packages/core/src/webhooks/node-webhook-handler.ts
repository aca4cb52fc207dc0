import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from '../errors/config-error.js';
import { Secret } from '../redaction/secret.js';
import {
  defaultWebhookMaxBodyBytes,
  handleWebhookRequest,
  payloadTooLarge,
  type WebhookReceiverOptions,
  type WebhookRequestResult,
} from './handle-webhook-request.js';
import { createMemoryWebhookEventStore, type WebhookEventStore } from './webhook-event-store.js';

export interface WebhookHandlerOptions extends WebhookReceiverOptions {
  /**
   * Where processed event ids are claimed. Share one store (Redis, a database) when several processes receive.
   * @default createMemoryWebhookEventStore() (10,000 ids for 24 hours, this process only)
   */
  readonly store?: WebhookEventStore | undefined;
  /**
   * Told about every refused or failed delivery (the error `onEvent` threw, a forged signature…), for logging, and
   * about a processed event whose `store.complete` failed (answered 200). The provider only gets `{ error, message }`.
   * @default undefined (not reported)
   */
  readonly onError?: ((error: unknown, result: WebhookRequestResult) => void) | undefined;
}

/**
 * A `node:http` request listener that receives webhooks: `http.createServer(createWebhookHandler({ … }))`, or call it
 * from a route. It reads the raw body (refusing with 413, and reading no further, past `maxBodyBytes`), then answers
 * what `handleWebhookRequest` decides. The returned promise never rejects.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  checkOptions(options);
  const store = options.store ?? createMemoryWebhookEventStore();
  const maxBodyBytes = options.maxBodyBytes ?? defaultWebhookMaxBodyBytes;

  return async (request, response) => {
    let result: WebhookRequestResult;
    if ((request.method ?? '').toUpperCase() !== 'POST') {
      // Answered before reading: the body of a GET or PUT here is nobody's webhook.
      result = await handleWebhookRequest({ ...options, store, method: request.method, rawBody: '', headers: {} });
    } else {
      const rawBody = await readRawBody(request, maxBodyBytes);
      if (rawBody === 'aborted') return;
      result =
        rawBody === 'too_large'
          ? payloadTooLarge(maxBodyBytes)
          : await handleWebhookRequest({
              ...options,
              store,
              method: request.method,
              rawBody,
              headers: request.headers,
            });
    }
    if (result.status >= 300 || result.error !== undefined) options.onError?.(result.error, result);
    writeResult(request, response, result);
  };
}

function checkOptions(options: WebhookHandlerOptions): void {
  const secret: unknown = Secret.isInstance(options.secret) ? options.secret.reveal() : options.secret;
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new ConfigError('the webhook secret is missing or empty', { option: 'secret' });
  }
  if (typeof options.mapper?.mapData !== 'function' || typeof options.mapper.provider !== 'string') {
    throw new ConfigError('mapper must be a WebhookDataMapper (each adapter exports one)', { option: 'mapper' });
  }
  if (typeof options.onEvent !== 'function') {
    throw new ConfigError('onEvent must be a function', { option: 'onEvent' });
  }
  const store: Partial<WebhookEventStore> | null | undefined = options.store;
  if (
    store != null &&
    (typeof store.claim !== 'function' || typeof store.complete !== 'function' || typeof store.release !== 'function')
  ) {
    throw new ConfigError('store must be a WebhookEventStore (claim, complete and release)', { option: 'store' });
  }
  const maxBodyBytes = options.maxBodyBytes ?? defaultWebhookMaxBodyBytes;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new ConfigError('maxBodyBytes must be a positive integer', { option: 'maxBodyBytes' });
  }
  const toleranceMs = options.toleranceMs;
  if (toleranceMs !== undefined && (!Number.isFinite(toleranceMs) || toleranceMs < 0)) {
    throw new ConfigError('toleranceMs must be a non-negative number of milliseconds', { option: 'toleranceMs' });
  }
}

/** Reads the body into one Buffer, giving up as soon as it passes `maxBodyBytes` (nothing past it is buffered). */
function readRawBody(request: IncomingMessage, maxBodyBytes: number): Promise<Buffer | 'too_large' | 'aborted'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) return Promise.resolve('too_large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (outcome: Buffer | 'too_large' | 'aborted') => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAborted);
      request.off('close', onAborted);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBodyBytes) {
        chunks.length = 0;
        request.pause();
        finish('too_large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, length));
    const onAborted = () => finish('aborted');
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onAborted);
    request.once('close', onAborted);
  });
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
