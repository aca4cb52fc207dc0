import { publishFailure } from '../diagnostics/publish-failure.js';
import { ConfigError } from '../errors/config-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import {
  defaultWebhookMaxBodyBytes,
  type WebhookReceiverOptions,
  type WebhookRequestResult,
} from './receive-webhook-delivery.js';
import type { WebhookEventStore } from './webhook-event-store.js';
import { revealWebhookSecret } from './webhook-secret.js';

/* What the node:http handler and the Fetch API handler share: their options, checked alike, and their answers. */

/**
 * Options of `createWebhookHandler` (node:http) and of the Fetch API handler: the receiver's options (secret,
 * signature header, envelope, event store, data mapper, body limit) plus the handler's own, checked alike.
 */
export interface WebhookHandlerOptions extends WebhookReceiverOptions {
  /**
   * Where processed event ids are claimed. Share one store when several processes receive, or to remember across a
   * restart: `createRedisWebhookEventStore({ redis })`.
   * @default createMemoryWebhookEventStore() (10,000 ids for 24 hours, this process only)
   */
  readonly store?: WebhookEventStore | undefined;
  /**
   * Told about every refused or failed delivery (the error `onEvent` threw, a forged signature…), for logging, and
   * about a processed event whose `store.complete` failed (answered 200). The provider only gets `{ error, message }`.
   * @default undefined (not reported)
   */
  readonly onError?: ((error: unknown, result: WebhookRequestResult) => void) | undefined;
  /**
   * The longest the whole body may take to arrive, from the handler's call, in milliseconds; past it the delivery is
   * answered 408 and its connection closed. Without it a sender dripping one byte a second holds a connection for
   * minutes (until Node's own `requestTimeout`, 300 s). Deliveries are a few kilobytes, sent at once.
   * Between `minimumWebhookBodyReadTimeoutMs` and `maximumWebhookBodyReadTimeoutMs`.
   * @default defaultWebhookBodyReadTimeoutMs (5,000 ms)
   */
  readonly bodyReadTimeoutMs?: number | undefined;
}

/** 5 s: a webhook body of a few kilobytes arrives in milliseconds; a sender still sending after 5 s is not a provider. */
export const defaultWebhookBodyReadTimeoutMs = 5_000;
/** 10 ms: below this a loaded machine refuses honest deliveries. */
export const minimumWebhookBodyReadTimeoutMs = 10;
/** 300 s, Node's own `requestTimeout`: a longer deadline would never fire. */
export const maximumWebhookBodyReadTimeoutMs = 300_000;

/** @internal `onError` is the application's logging: its own failure must not turn into an unanswered request. */
export function reportWebhookError(onError: WebhookHandlerOptions['onError'], result: WebhookRequestResult): void {
  publishFailure(result.error);
  try {
    onError?.(result.error, result);
  } catch {
    // Nothing to do: the provider still gets its answer.
  }
}

const unreadableBodyAnswers = {
  // The server's setup is at fault, not the provider: a 5xx makes the provider deliver again once it is fixed.
  parsed: {
    status: 500,
    code: 'webhook_payload_not_raw',
    message:
      'the request body was already parsed before the webhook handler (express.json() or similar ran first): ' +
      "mount express.raw({ type: '*/*' }) on the webhook route, or keep the bytes in request.rawBody",
  },
  consumed: {
    status: 500,
    code: 'webhook_body_consumed',
    message:
      'the request body was already read before the webhook handler: pass the request to it unread, or keep the ' +
      'bytes in request.rawBody',
  },
  incomplete: {
    status: 400,
    code: 'webhook_body_incomplete',
    message: 'the request body ended early: the connection closed or failed before the whole body arrived',
  },
} as const;

/** @internal The 408 answer. */
export function bodyReadTimedOut(bodyReadTimeoutMs: number): WebhookRequestResult {
  const message = `the request body did not arrive within ${bodyReadTimeoutMs} ms`;
  return {
    status: 408,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: { error: 'webhook_body_timeout', message },
    error: new TimeoutError(message),
  };
}

/** @internal The answer to a body that cannot be read. */
export function unreadableBody(kind: keyof typeof unreadableBodyAnswers): WebhookRequestResult {
  const { status, code, message } = unreadableBodyAnswers[kind];
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: { error: code, message },
    error: new WebhookVerificationError(message, { code }),
  };
}

/** @internal Throws `ConfigError` naming the first bad option. */
export function checkWebhookHandlerOptions(options: WebhookHandlerOptions): void {
  revealWebhookSecret(options.secret);
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
  const bodyReadTimeoutMs = options.bodyReadTimeoutMs ?? defaultWebhookBodyReadTimeoutMs;
  if (
    typeof bodyReadTimeoutMs !== 'number' ||
    !Number.isFinite(bodyReadTimeoutMs) ||
    bodyReadTimeoutMs < minimumWebhookBodyReadTimeoutMs ||
    bodyReadTimeoutMs > maximumWebhookBodyReadTimeoutMs
  ) {
    throw new ConfigError(
      `bodyReadTimeoutMs must be a number of milliseconds from ${minimumWebhookBodyReadTimeoutMs} to ${maximumWebhookBodyReadTimeoutMs}`,
      { option: 'bodyReadTimeoutMs' },
    );
  }
  const toleranceMs = options.toleranceMs;
  if (toleranceMs !== undefined && (!Number.isFinite(toleranceMs) || toleranceMs < 0)) {
    throw new ConfigError('toleranceMs must be a non-negative number of milliseconds', { option: 'toleranceMs' });
  }
}
