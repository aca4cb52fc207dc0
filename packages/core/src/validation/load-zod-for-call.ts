import { withOutcome } from '../errors/call-outcome.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ConfigError } from '../errors/config-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { subscribeToAbort } from '../http/abort-fan-out.js';
import type { RequestOptions } from '../port/inputs.js';
import { beginCall } from './call-terms.js';
import { isDurationInRange } from './duration-range.js';
import { isAbortSignal } from './request-options.js';
import { isZodLoaded, loadZod } from './zod.js';

/** What this reads of a call's options before they are checked (with zod, once it is loaded). */
interface LooseRequestOptions {
  readonly signal?: unknown;
  readonly timeoutMs?: unknown;
}

/**
 * Awaits `loadZod()` at the start of a call, inside the call's own signal and deadline: the first call of a process
 * pays the load (about 80 ms on Node 20), and its `timeoutMs` counts from when it was made, not from when zod was
 * there. Resolves with `{ options }`, the options to go on with: the same object when zod was loaded already; else the call begun
 * (`beginCall`, with the deadline counted from the call's start), so every layer below keeps that one deadline and
 * names the caller's own `timeoutMs` in its messages.
 *
 * The options are read loosely while zod loads (a malformed `signal` or `timeoutMs` is ignored, for validation to
 * refuse next). Throws, always with outcome `not_sent`: `TimeoutError` (code `aborted`) when the signal aborts,
 * `TimeoutError` when the deadline passes during the load, `ConfigError` when zod cannot be loaded,
 * `InvalidRequestError` for malformed options.
 */
export async function loadZodForCall<Options extends RequestOptions | undefined>(
  options: Options,
  operation: string,
  provider?: string,
): Promise<{ readonly options: Options }> {
  // Boxed: resolving a promise with the options themselves would read their `then` (a revoked Proxy throws there).
  if (isZodLoaded()) return { options };
  const started = Date.now();
  const { signal, timeoutMs } = readLoosely(options);
  const subject = provider === undefined ? operation : `${provider} ${operation}`;
  const aborted = () =>
    new TimeoutError(`${subject}: aborted by the caller before it started`, { provider, code: 'aborted' });
  const late = () =>
    new TimeoutError(`${subject}: the deadline of ${timeoutMs} ms passed before the request`, { provider });

  const stops: (() => void)[] = [];
  try {
    if (signal?.aborted) throw aborted();
    const interrupted = new Promise<never>((_resolve, reject) => {
      // One shared listener per signal however many first calls wait on it (http/abort-fan-out.ts).
      if (signal !== undefined) stops.push(subscribeToAbort(signal, () => reject(aborted())));
      if (timeoutMs !== undefined) {
        const timer = setTimeout(() => reject(late()), timeoutMs);
        stops.push(() => clearTimeout(timer));
      }
    });
    await Promise.race([loadZod(), interrupted]);
    return { options: beginCall(options, operation, provider, started) as Options };
  } catch (error) {
    if (CardGatewayError.isInstance(error) && !ConfigError.isInstance(error)) throw withOutcome(error, 'not_sent');
    // zod could not be loaded (`loadZod` says why): the same refusal, naming this call's provider.
    const message = CardGatewayError.isInstance(error) ? error.message : String(error);
    throw withOutcome(
      new ConfigError(message, { provider, cause: (error as { cause?: unknown }).cause ?? error }),
      'not_sent',
    );
  } finally {
    for (const stop of stops) stop();
  }
}

/** The signal and deadline of options not yet checked; none when they cannot be read (`beginCall` then says why). */
function readLoosely(options: unknown): { signal?: AbortSignal; timeoutMs?: number } {
  try {
    const loose = (typeof options === 'object' && options !== null ? options : {}) as LooseRequestOptions;
    return {
      ...(isAbortSignal(loose.signal) ? { signal: loose.signal } : {}),
      ...(isDurationInRange(loose.timeoutMs) ? { timeoutMs: loose.timeoutMs } : {}),
    };
  } catch {
    return {};
  }
}
