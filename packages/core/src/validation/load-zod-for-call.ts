import { withOutcome } from '../errors/call-outcome.js';
import { CardGatewayError } from '../errors/card-gateway-error.js';
import { ConfigError } from '../errors/config-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
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
 * there. Returns the options to go on with: the same object when zod was loaded already; else, when the call has a
 * deadline, a copy whose `timeoutMs` is what the load left of it, so every layer below computes the same one deadline.
 *
 * The options are read loosely here (a malformed `signal` or `timeoutMs` is ignored, for validation to refuse next).
 * Throws, always with outcome `not_sent`: `TimeoutError` (code `aborted`) when the signal aborts, `TimeoutError` when
 * the deadline passes during the load, `ConfigError` when zod cannot be loaded.
 */
export async function loadZodForCall<Options>(
  options: Options,
  operation: string,
  provider?: string,
): Promise<Options> {
  if (isZodLoaded()) return options;
  const started = Date.now();
  const loose = (typeof options === 'object' && options !== null ? options : {}) as LooseRequestOptions;
  const signal = isAbortSignal(loose.signal) ? loose.signal : undefined;
  const timeoutMs = isDurationInRange(loose.timeoutMs) ? loose.timeoutMs : undefined;
  const subject = provider === undefined ? operation : `${provider} ${operation}`;
  const aborted = () =>
    new TimeoutError(`${subject}: aborted by the caller before it started`, { provider, code: 'aborted' });
  const late = () =>
    new TimeoutError(`${subject}: the deadline of ${timeoutMs} ms passed before the request`, { provider });

  let stop: (() => void) | undefined;
  try {
    if (signal?.aborted) throw aborted();
    const interrupted = new Promise<never>((_resolve, reject) => {
      const onAbort = () => reject(aborted());
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => reject(late()), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      stop = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
    });
    await Promise.race([loadZod(), interrupted]);
  } catch (error) {
    if (TimeoutError.isInstance(error)) throw withOutcome(error, 'not_sent');
    // zod could not be loaded (`loadZod` says why): the same refusal, naming this call's provider.
    const message = CardGatewayError.isInstance(error) ? error.message : String(error);
    throw withOutcome(
      new ConfigError(message, { provider, cause: (error as { cause?: unknown }).cause ?? error }),
      'not_sent',
    );
  } finally {
    stop?.();
  }
  if (timeoutMs === undefined) return options;
  const remaining = timeoutMs - (Date.now() - started);
  if (remaining <= 0) throw withOutcome(late(), 'not_sent');
  return { ...options, timeoutMs: remaining };
}
