import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireError } from './wire-error.js';

// The simulator's raw HTTP: reading a request body, writing the documented error body, ids and delays.

/** The largest request body the simulator reads (1 MB); a larger one is a 413. */
const maximumBodyBytes = 1_000_000;

/** Answers `error` as the pages document it: `{ error, message, code, request_id }`, and `X-Request-Id`. */
export function sendWireError(
  response: ServerResponse,
  requestId: string,
  error: WireError,
  headers: Record<string, string> = {},
) {
  response.writeHead(error.status, { 'Content-Type': 'application/json', 'X-Request-Id': requestId, ...headers });
  response.end(
    JSON.stringify({ error: error.error, message: error.message, code: error.status, request_id: requestId }),
  );
}

/** `readBody`'s answer for a body over `maximumBodyBytes`. */
export const tooLarge = Symbol('too large');
/** `readBody`'s answer for a body that is not JSON. */
export const invalidJson = Symbol('invalid JSON');

/** The request's JSON body: `undefined` when empty, `tooLarge` or `invalidJson` when it cannot be read. */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maximumBodyBytes) return tooLarge;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return invalidJson;
  }
}

/** The first value of a header given once or more. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A fresh `req_<12 hex>` id, as the providers give every answer. */
export function newRequestId(): string {
  return `req_${randomBytes(6).toString('hex')}`;
}

/** Resolves after `ms` milliseconds (injected latency). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
