// Every name the OpenTelemetry bridge emits, in one place: dashboards and alerts are written against these, so they
// change only with a changelog entry. The bridge's parts (call-spans.ts, http-telemetry.ts, gateway-telemetry.ts) read
// them from here.

/** The names of every span, attribute and instrument the bridge emits, for dashboards and alerts. */
export const telemetryNames = Object.freeze({
  /** Instrumentation scope of the tracer and the meter. */
  scope: '@cardgw/core',
  /** One span per pipeline call: `cardgw cards.create` (kind CLIENT). */
  callSpan: (operation: string) => `cardgw ${operation}`,
  /** A child span per attempt: `cardgw cards.create attempt`. */
  attemptSpan: (operation: string) => `cardgw ${operation} attempt`,
  /** A child span per wait for the rate limiter: `cardgw rate-limit wait`. */
  limiterWaitSpan: 'cardgw rate-limit wait',
  attributes: Object.freeze({
    provider: 'cardgw.provider',
    operation: 'cardgw.operation',
    /** `ok`, or what the pipeline says a failed call did: `not_sent`, `unknown`, `settled`. */
    outcome: 'cardgw.outcome',
    attempts: 'cardgw.attempts',
    attempt: 'cardgw.attempt',
    /** `hashIdempotencyKey(key)`: never the key itself. */
    idempotencyKeyHash: 'cardgw.idempotency_key.hash',
    providerRequestId: 'cardgw.provider_request_id',
    rule: 'cardgw.rate_limit.rule',
    waitMs: 'cardgw.rate_limit.wait_ms',
    method: 'http.request.method',
    status: 'http.response.status_code',
    /** The error's code (`rate_limited`, `not_found`, …), as OpenTelemetry's `error.type`. */
    errorType: 'error.type',
    circuitState: 'cardgw.circuit.state',
    failoverFrom: 'cardgw.failover.from',
    failoverTo: 'cardgw.failover.to',
    failoverReason: 'cardgw.failover.reason',
  }),
  metrics: Object.freeze({
    /** Counter: HTTP attempts sent, by provider, operation, status and error type. */
    requests: 'cardgw.requests',
    /** Counter: 429 answers, by provider and operation. */
    rateLimited: 'cardgw.rate_limited',
    /** Counter: retries scheduled, by provider, operation and error type. */
    retries: 'cardgw.retries',
    /** Histogram (ms): time spent waiting for the client-side rate limiter, by provider, operation and rule. */
    limiterWait: 'cardgw.rate_limit.wait',
    /** Histogram (ms): whole calls, retries and waits included, by provider, operation and outcome. */
    callDuration: 'cardgw.call.duration',
    /** Gauge: each provider's circuit, 0 closed, 1 half-open, 2 open (providers whose circuit has changed). */
    circuitState: 'cardgw.circuit.state',
    /** Counter: calls moved from one provider to the next, by operation, from, to and reason. */
    failovers: 'cardgw.failovers',
  }),
});
