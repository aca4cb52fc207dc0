import type { IncomingHttpHeaders } from 'node:http';
import {
  createMemoryWebhookEventStore,
  handleWebhookRequest,
  type WebhookEventStore,
  type WebhookReceiverOptions,
} from '@cardgw/core';
import { defaultWebhookMaxBodyBytes } from '@cardgw/core/provider-utils';

/**
 * Receiving webhooks in a fastify app. The route needs the RAW body, so register it in its own plugin scope where a
 * catch-all parser hands the body over as a Buffer; the rest of the app keeps fastify's JSON parser:
 *
 * ```ts
 * import Fastify from 'fastify';
 * import { Secret } from '@cardgw/core';
 *
 * const app = Fastify();
 * await app.register(async (scope) =>
 *   registerFastifyWebhookRoute(scope, '/webhooks/cryptocardy', {
 *     secret: new Secret(process.env.CRYPTOCARDY_WEBHOOK_SECRET ?? ''),
 *     mapper: privcardsWebhookMapper, // from @cardgw/adapter-privcards
 *     onEvent: (event) => queue.push(event),
 *   }),
 * );
 * ```
 *
 * The types below are the few members of fastify's own that this route touches, declared structurally so this
 * example needs no fastify install; fastify's instance, request and reply satisfy them.
 */
export interface FastifyRequestLike {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface FastifyReplyLike {
  code(status: number): this;
  headers(values: Record<string, string>): this;
  send(payload: string): unknown;
}

export interface FastifyScopeLike {
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: 'buffer'; bodyLimit: number },
    parser: (request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
  post(path: string, handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>): unknown;
}

export interface FastifyWebhookRouteOptions extends WebhookReceiverOptions {
  /** @default createMemoryWebhookEventStore() */
  readonly store?: WebhookEventStore | undefined;
}

/** Registers `POST path` in `scope` (call it inside `app.register`, so the raw-body parser stays in that scope). */
export function registerFastifyWebhookRoute(
  scope: FastifyScopeLike,
  path: string,
  options: FastifyWebhookRouteOptions,
) {
  const store = options.store ?? createMemoryWebhookEventStore();
  scope.removeAllContentTypeParsers();
  // Fastify itself answers 413 past bodyLimit, before buffering more.
  const bodyLimit = options.maxBodyBytes ?? defaultWebhookMaxBodyBytes;
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
  scope.post(path, async (request, reply) => {
    const result = await handleWebhookRequest({
      ...options,
      store,
      method: request.method,
      // No body at all leaves `undefined`: treat it as empty (then 401), not as a parsed object.
      rawBody: (request.body ?? Buffer.alloc(0)) as Buffer,
      headers: request.headers,
    });
    return reply.code(result.status).headers(result.headers).send(JSON.stringify(result.body));
  });
}
