/** What reading a Fetch API request's body gave. */
export type FetchBodyReadOutcome =
  | { readonly kind: 'body'; readonly body: Uint8Array }
  | { readonly kind: 'too_large' | 'timeout' | 'consumed' | 'incomplete' };

/**
 * Reads a Fetch API request's body as bytes, always settling: refused past `maxBodyBytes` (declared or counted, with
 * nothing past it buffered) or `bodyReadTimeoutMs`; `consumed` when something read or locked it first; `incomplete`
 * when the stream failed.
 */
export async function readFetchWebhookBody(
  request: Request,
  options: { readonly maxBodyBytes: number; readonly bodyReadTimeoutMs: number },
): Promise<FetchBodyReadOutcome> {
  if (request.bodyUsed || request.body?.locked === true) return { kind: 'consumed' };
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > options.maxBodyBytes) return { kind: 'too_large' };
  if (request.body === null) return { kind: 'body', body: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let timedOut = false;
  // A sender dripping bytes would otherwise hold the request until the platform's own limit.
  const deadline = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(() => undefined);
  }, options.bodyReadTimeoutMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > options.maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        return { kind: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: timedOut ? 'timeout' : 'incomplete' };
  } finally {
    clearTimeout(deadline);
  }
  if (timedOut) return { kind: 'timeout' };
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'body', body };
}
