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
  /** Every `CardGatewayError` constructed: `{ error }`, published once its fields are set (a microtask later). */
  error: 'cardgw:error',
  /** Every event the HTTP pipeline hands its hooks: `{ type, event }`, the same redacted payload the hook gets. */
  http: 'cardgw:http',
  /** Every line the library logs, whether or not a logger is configured: `{ level, object, message }`, redacted. */
  log: 'cardgw:log',
  /** Failover and circuit-breaker events of the failover composite: `{ type, event }`, as its hooks get them. */
  gateway: 'cardgw:gateway',
} as const);

export interface ErrorDiagnostic {
  readonly error: CardGatewayError;
}

export interface HttpDiagnostic {
  readonly type: 'request' | 'response' | 'retry' | 'rate-limit-wait';
  /** `HttpEvent`, `HttpResponseEvent`, `HttpRetryEvent` or `RateLimitWaitEvent`, by `type`. */
  readonly event: object;
}

export interface LogDiagnostic {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly object: Readonly<Record<string, unknown>>;
  readonly message: string;
}

export interface GatewayDiagnostic {
  readonly type: 'failover' | 'circuit-change';
  /** `FailoverEvent` or `CircuitChangeEvent`, by `type`. */
  readonly event: object;
}

/** A channel typed by the messages it carries. */
export interface DiagnosticChannel<Message> {
  readonly hasSubscribers: boolean;
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

/** Reports a constructed error after its subclass constructor has run (its own fields are set by then). */
export function publishErrorDiagnostic(error: CardGatewayError): void {
  if (errorChannel.hasSubscribers) queueMicrotask(() => publishDiagnostic(errorChannel, () => ({ error })));
}
