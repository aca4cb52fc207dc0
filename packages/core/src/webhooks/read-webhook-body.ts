import type { IncomingMessage } from 'node:http';

/** What reading a webhook request's body gave. */
export type WebhookBodyReadOutcome =
  | { readonly kind: 'body'; readonly body: Buffer | string }
  /** Past `maxBodyBytes` (declared or counted): nothing past it was buffered. */
  | { readonly kind: 'too_large' }
  /** The body did not arrive within `bodyReadTimeoutMs`. */
  | { readonly kind: 'timeout' }
  /** A JSON (or other) parser read the body before the handler and left an object, not the bytes. */
  | { readonly kind: 'parsed' }
  /** Something else read the body before the handler (a middleware, `for await (const chunk of request)`). */
  | { readonly kind: 'consumed' }
  /** The connection closed, failed or was destroyed before the body ended. */
  | { readonly kind: 'incomplete' };

/** A request as frameworks leave it: express.raw() / express.text() set `body`, a `verify` hook may set `rawBody`. */
export type WebhookIncomingMessage = IncomingMessage & { readonly rawBody?: unknown; readonly body?: unknown };

export interface ReadWebhookBodyOptions {
  readonly maxBodyBytes: number;
  /** Total time allowed for the whole body, from the call (milliseconds). */
  readonly bodyReadTimeoutMs: number;
}

/**
 * Reads a webhook request's raw body, always settling: from a body a framework already read as bytes
 * (`request.rawBody`, then `request.body` as a Buffer or string), else from the stream, giving up past
 * `maxBodyBytes` or `bodyReadTimeoutMs`. A stream someone else already read, or one that ended, closed, errored or was
 * destroyed, settles at once with what happened instead of waiting for events that already fired.
 */
export function readWebhookBody(
  request: WebhookIncomingMessage,
  options: ReadWebhookBodyOptions,
): Promise<WebhookBodyReadOutcome> {
  const preRead = rawBytesOf(request.rawBody) ?? rawBytesOf(request.body);
  if (preRead !== undefined) {
    return Promise.resolve(byteLength(preRead) > options.maxBodyBytes ? { kind: 'too_large' } : body(preRead));
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBodyBytes) return Promise.resolve({ kind: 'too_large' });
  if (request.readableDidRead || request.readableEnded) {
    // Nothing of the body is left to read. A request that never had one lost nothing: read it as empty.
    if (!hasBody(request)) return Promise.resolve(body(Buffer.alloc(0)));
    return Promise.resolve({ kind: isParsedBody(request.body) ? 'parsed' : 'consumed' });
  }
  if (request.destroyed || request.errored != null) return Promise.resolve({ kind: 'incomplete' });
  return readStream(request, options);
}

function readStream(request: IncomingMessage, options: ReadWebhookBodyOptions): Promise<WebhookBodyReadOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (outcome: WebhookBodyReadOutcome) => {
      clearTimeout(deadline);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onIncomplete);
      request.off('close', onIncomplete);
      request.off('aborted', onIncomplete);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > options.maxBodyBytes) {
        chunks.length = 0;
        request.pause();
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(body(Buffer.concat(chunks, length)));
    const onIncomplete = () => finish({ kind: 'incomplete' });
    // A sender dripping bytes would otherwise hold the connection until Node's requestTimeout (300 s).
    const deadline = setTimeout(() => {
      request.pause();
      finish({ kind: 'timeout' });
    }, options.bodyReadTimeoutMs);
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onIncomplete);
    request.once('close', onIncomplete);
    request.once('aborted', onIncomplete);
    // A stream paused by earlier code does not start flowing when a 'data' listener is added.
    request.resume();
  });
}

function body(value: Buffer | string): WebhookBodyReadOutcome {
  return { kind: 'body', body: value };
}

function rawBytesOf(value: unknown): Buffer | string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

function byteLength(value: Buffer | string): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
}

function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function isParsedBody(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
