import { type CallDiagnostic, callChannel } from '../diagnostics/diagnostics-channels.js';
import type { HttpRequest, HttpResponse } from './types.js';

/**
 * Runs one pipeline call inside the `cardgw:call` tracing channel, so subscribers (the OpenTelemetry bridge, an APM
 * agent) see where it starts and ends and every attempt event in between. Costs one property read per call while
 * nobody subscribes. The context gets a summary of the response, never its data (which may hold a PAN or an OTP).
 */
export function traceCall<Output>(
  provider: string,
  request: HttpRequest<Output>,
  run: (request: HttpRequest<Output>) => Promise<HttpResponse<Output>>,
): Promise<HttpResponse<Output>> {
  // Not even a promise more while nobody listens: the caller gets the pipeline's own promise.
  return isTraced() ? tracedCall(provider, request, run) : run(request);
}

async function tracedCall<Output>(
  provider: string,
  request: HttpRequest<Output>,
  run: (request: HttpRequest<Output>) => Promise<HttpResponse<Output>>,
): Promise<HttpResponse<Output>> {
  const context: CallDiagnostic = { provider, operation: request.operation, method: request.method };
  let response: HttpResponse<Output> | undefined;
  await callChannel?.tracePromise(async () => {
    response = await run(request);
    const { status, attempts, requestId, idempotencyKey } = response;
    return { status, attempts, requestId, idempotencyKey };
  }, context);
  return response!;
}

function isTraced(): boolean {
  if (callChannel === undefined) return false;
  return callChannel.start.hasSubscribers || callChannel.asyncEnd.hasSubscribers || callChannel.error.hasSubscribers;
}
