import type DiagnosticsChannelModule from 'node:diagnostics_channel';
import type { CardGatewayError } from '../errors/card-gateway-error.js';

// Looked up at run time rather than imported, so the errors (and `@cardgw/core/webhooks/edge`) load on edge runtimes
// with no `node:` modules; there the channels stay silent.
const diagnosticsChannel = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:diagnostics_channel') as typeof DiagnosticsChannelModule | undefined;
const silentChannel = Object.freeze({ hasSubscribers: false, publish: () => undefined });

/*
 * Node's `diagnostics_channel`, as undici uses it: named channels anyone may subscribe to, and a publish that costs one
 * property read while nobody does. An APM agent, a test harness or a debugging session sees what cardgw does without a
 * logger or hooks configured. Every message is already redacted, like the hook payloads and log lines it mirrors.
 */

/** The names to pass to `diagnostics_channel.subscribe(name, listener)`. */
export const diagnosticsChannelNames = Object.freeze({
  /**
   * Every `CardGatewayError` that leaves the library, once: `{ error }`, as a call of an issuer (an adapter, the
   * in-memory issuer, the failover composite), of the HTTP pipeline or webhook verification rejects with it. An error
   * passed on by another layer is not reported again; the errors it wraps are its `cause` chain.
   */
  error: 'cardgw:error',
  /** Every event the HTTP pipeline hands its hooks: `{ type, event }`, the same redacted payload the hook gets. */
  http: 'cardgw:http',
  /** Every line the library logs, whether or not a logger is configured: `{ level, object, message }`, redacted. */
  log: 'cardgw:log',
  /** Failover and circuit-breaker events of the failover composite: `{ type, event }`, as its hooks get them. */
  gateway: 'cardgw:gateway',
  /**
   * A `TracingChannel` (`diagnostics_channel.tracingChannel('cardgw:call')`): one trace per call of the HTTP pipeline,
   * its retries and limiter waits inside, with a `CallDiagnostic` as the context. The `cardgw:http` events of the
   * call's attempts are published inside it, so a store bound to its `start` channel (`bindStore`) is active for them.
   */
  call: 'cardgw:call',
} as const);

/** A message of `cardgw:error`: one `CardGatewayError` leaving the library. */
export interface ErrorDiagnostic {
  readonly error: CardGatewayError;
}

/** A message of `cardgw:http`: one event of the HTTP pipeline, redacted as its hooks get it. */
export interface HttpDiagnostic {
  readonly type: 'request' | 'response' | 'retry' | 'rate-limit-wait';
  /** `HttpEvent`, `HttpResponseEvent`, `HttpRetryEvent` or `RateLimitWaitEvent`, by `type`. */
  readonly event: object;
}

/** A message of `cardgw:log`: one line the library logs, redacted, whether or not a logger is configured. */
export interface LogDiagnostic {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly object: Readonly<Record<string, unknown>>;
  readonly message: string;
}

/** A message of `cardgw:gateway`: a failover or a circuit-breaker change of the failover composite. */
export interface GatewayDiagnostic {
  readonly type: 'failover' | 'circuit-change';
  /** `FailoverEvent` or `CircuitChangeEvent`, by `type`. */
  readonly event: object;
}

/**
 * The context of one pipeline call on the `cardgw:call` tracing channel. Its `start` is published before anything
 * else of the call; `result` (on `asyncEnd`) or `error` (on `error`, then `asyncEnd`) are set when it ends. Nothing in
 * it is sensitive: the result is a summary, never the response's data.
 */
export interface CallDiagnostic {
  readonly provider: string;
  /** The port operation: `cards.create`. */
  readonly operation: string;
  readonly method: string;
  /** Set when the call succeeded. */
  result?: CallResultSummary;
  /** Set when the call failed: the `CardGatewayError` the caller gets. */
  error?: unknown;
}

/** What a successful call did. */
export interface CallResultSummary {
  readonly status: number;
  /** Attempts made, 1 for none retried. */
  readonly attempts: number;
  readonly requestId: string | undefined;
  /** The idempotency key sent, on mutating calls (the same one hook events carry). */
  readonly idempotencyKey: string | undefined;
}

/** A channel typed by the messages it carries. */
export interface DiagnosticChannel<Message> {
  readonly hasSubscribers: boolean;
  /** Hands `message` to every subscriber, synchronously. */
  publish(message: Message): void;
}

// Held by this module for its lifetime: Node keeps a channel alive only while someone references it.
export const errorChannel: DiagnosticChannel<ErrorDiagnostic> = channel(diagnosticsChannelNames.error);
export const httpChannel: DiagnosticChannel<HttpDiagnostic> = channel(diagnosticsChannelNames.http);
export const logChannel: DiagnosticChannel<LogDiagnostic> = channel(diagnosticsChannelNames.log);
export const gatewayChannel: DiagnosticChannel<GatewayDiagnostic> = channel(diagnosticsChannelNames.gateway);

function channel<Message>(name: string): DiagnosticChannel<Message> {
  return diagnosticsChannel?.channel(name) ?? silentChannel;
}

/**
 * Publishes the message `build` makes, only when someone listens: a quiet channel builds (and redacts) nothing. A
 * subscriber that throws never breaks the call being reported.
 */
export function publishDiagnostic<Message>(channel: DiagnosticChannel<Message>, build: () => Message): void {
  if (!channel.hasSubscribers) return;
  try {
    channel.publish(build());
  } catch {
    // A message that cannot be built must not break the call it reports (a throwing subscriber is Node's to report).
  }
}

/** The `cardgw:call` tracing channel; `undefined` where `node:diagnostics_channel` does not exist (edge runtimes). */
export const callChannel: DiagnosticsChannelModule.TracingChannel<unknown, CallDiagnostic> | undefined =
  diagnosticsChannel?.tracingChannel(diagnosticsChannelNames.call);
