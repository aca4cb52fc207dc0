import {
  type HttpDiagnostic,
  httpChannel,
  logChannel,
  publishDiagnostic,
} from '../diagnostics/diagnostics-channels.js';
import { redactValue } from '../redaction/redact.js';
import type { HttpEvent, HttpHooks, HttpResponseEvent, HttpRetryEvent, Logger, RateLimitWaitEvent } from './types.js';

/** What the pipeline reports; every payload redacted, every hook and logger call unable to break the call. */
export interface Observer {
  request(event: HttpEvent): void;
  response(event: HttpResponseEvent): void;
  retry(event: HttpRetryEvent): void;
  rateLimitWait(event: RateLimitWaitEvent): void;
  /** The call failed for good. */
  failure(event: HttpEvent, error: unknown): void;
}

type LogLevel = 'debug' | 'warn' | 'error';

/**
 * Hooks get a redacted copy of each event; the logger gets `debug` per attempt and limiter wait, `warn` per retry,
 * `error` on the final failure. A hook that throws (or rejects) is reported to the logger's `warn` and otherwise
 * ignored. Nothing is copied or redacted when nobody listens, so the hot path stays free.
 */
export function createObserver(
  hooks: HttpHooks | undefined,
  logger: Logger | undefined,
  secrets: () => readonly string[],
): Observer {
  const log = (level: LogLevel, payload: object, message: string) => {
    const method = logger?.[level];
    if (method === undefined && !logChannel.hasSubscribers) return;
    try {
      const object = redactValue({ ...payload }, secrets()) as Record<string, unknown>;
      publishDiagnostic(logChannel, () => ({ level, object, message }));
      method?.call(logger, object, message);
    } catch {
      // A broken logger must not break the call it logs.
    }
  };
  const call = <Event extends object>(name: keyof HttpHooks, event: Event) => {
    const hook = hooks?.[name] as ((event: Event) => unknown) | undefined;
    if (hook === undefined && !httpChannel.hasSubscribers) return;
    const onHookError = (error: unknown) => log('warn', { hook: name, error }, `cardgw: the ${name} hook threw`);
    try {
      // One redacted copy for the hook and the diagnostics channel alike.
      const payload = redactValue(event, secrets());
      publishDiagnostic(httpChannel, () => ({ type: diagnosticTypes[name], event: payload }));
      const result = hook?.(payload);
      if (typeof (result as Promise<unknown> | undefined)?.then === 'function') {
        (result as Promise<unknown>).then(undefined, onHookError);
      }
    } catch (error) {
      onHookError(error);
    }
  };

  return {
    request(event) {
      call('onRequest', event);
    },
    response(event) {
      call('onResponse', event);
      log('debug', event, 'cardgw: http attempt');
    },
    retry(event) {
      call('onRetry', event);
      log('warn', event, 'cardgw: retrying');
    },
    rateLimitWait(event) {
      call('onRateLimitWait', event);
      log('debug', event, 'cardgw: waited for the rate limiter');
    },
    failure(event, error) {
      log('error', { ...event, error: describeError(error) }, 'cardgw: request failed');
    },
  };
}

const diagnosticTypes: Record<keyof HttpHooks, HttpDiagnostic['type']> = {
  onRequest: 'request',
  onResponse: 'response',
  onRetry: 'retry',
  onRateLimitWait: 'rate-limit-wait',
};

/** The fields of a failure worth logging: never the cause's own fields (a raw transport error's config). */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = error as Error & { code?: unknown; status?: unknown; requestId?: unknown };
  const cause = error.cause instanceof Error ? { name: error.cause.name, message: error.cause.message } : undefined;
  return {
    name: error.name,
    code: fields.code,
    message: error.message,
    status: fields.status,
    requestId: fields.requestId,
    cause,
  };
}
