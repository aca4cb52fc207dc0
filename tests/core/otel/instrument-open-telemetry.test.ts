import diagnosticsChannel from 'node:diagnostics_channel';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fullMemoryCapabilities } from '../../../packages/adapter-memory/src/memory-capabilities.js';
import { createMemoryIssuer } from '../../../packages/adapter-memory/src/memory-issuer.js';
import { diagnosticsChannelNames } from '../../../packages/core/src/diagnostics/diagnostics-channels.js';
import { usd } from '../../../packages/core/src/domain/money.js';
import { ProviderUnavailableError } from '../../../packages/core/src/errors/provider-unavailable-error.js';
import { createFailoverIssuer } from '../../../packages/core/src/gateway/failover-issuer.js';
import { traceCall } from '../../../packages/core/src/http/trace-call.js';
import type { HttpRequest, HttpResponse } from '../../../packages/core/src/http/types.js';
import { hashIdempotencyKey } from '../../../packages/core/src/otel/hash-idempotency-key.js';
import {
  instrumentOpenTelemetry,
  type OpenTelemetryInstrumentation,
  telemetryNames,
} from '../../../packages/core/src/otel/index.js';
import type { CardIssuer } from '../../../packages/core/src/port/card-issuer.js';
import { Secret } from '../../../packages/core/src/redaction/secret.js';
import { createRestAdapter } from '../../../packages/rest-dialect/src/create-rest-adapter.js';
import { restLimitRules } from '../../../packages/rest-dialect/src/rest-limits.js';
import { type RestSimulator, startRestSimulator } from '../../../packages/rest-dialect/src/simulator/rest-simulator.js';
import { scanForLeaks } from '../../leakage-audit/scan-for-leaks.js';

const callChannel = diagnosticsChannel.tracingChannel(diagnosticsChannelNames.call);

const apiKey = 'sk_test_OTELBRIDGE0123456789';
const names = telemetryNames.attributes;

const spanExporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const metricReader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
const meterProvider = new MeterProvider({ readers: [metricReader] });
const contextManager = new AsyncLocalStorageContextManager();

let simulator: RestSimulator;
let issuer: CardIssuer;
let instrumentation: OpenTelemetryInstrumentation | undefined;

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  simulator = await startRestSimulator({
    provider: 'testpay',
    capabilities: { ...fullMemoryCapabilities, allowsInsecureWebhookUrls: true },
    basePath: '/v1',
    authenticate: (headers) => (headers.authorization === `Bearer ${apiKey}` ? apiKey : undefined),
    limits: [],
  });
  const limits = restLimitRules({
    'requests-per-minute': { limit: 1_000, windowMs: 60_000 },
    'requests-per-hour': { limit: 10_000, windowMs: 3_600_000 },
    'card-creates-per-minute': { limit: 50, windowMs: 60_000 },
    'card-details-per-minute': { limit: 30, windowMs: 60_000 },
  });
  issuer = createRestAdapter(
    {
      provider: 'testpay',
      capabilities: { ...fullMemoryCapabilities, allowsInsecureWebhookUrls: true },
      defaultBaseUrl: simulator.url,
      // One details call per 300 ms: the second waits for the limiter, whatever the machine's speed.
      defaultLimits: {
        ...limits,
        'card-details-per-minute': { ...limits['card-details-per-minute'], limit: 1, windowMs: 300 },
      },
      auth: { headerName: 'Authorization', secret: new Secret(apiKey), format: (key) => `Bearer ${key}` },
    },
    { baseUrl: simulator.url, retryBackoff: { minDelayMs: 1, maxDelayMs: 5 }, allowInsecureWebhookUrls: true },
  ).issuer;
});

afterAll(async () => {
  instrumentation?.disable();
  await issuer.close();
  await simulator.close();
  context.disable();
});

afterEach(() => {
  instrumentation?.disable();
  instrumentation = undefined;
  spanExporter.reset();
  simulator.faults.clear();
});

const enable = () => {
  instrumentation = instrumentOpenTelemetry({ tracerProvider, meterProvider });
  return instrumentation;
};

async function collectMetrics() {
  await metricReader.forceFlush();
  const exported = metricExporter.getMetrics();
  const latest = exported.at(-1);
  return (latest?.scopeMetrics ?? []).flatMap((scope) => scope.metrics);
}

function pointsOf(metrics: Awaited<ReturnType<typeof collectMetrics>>, name: string) {
  return metrics.find((metric) => metric.descriptor.name === name)?.dataPoints ?? [];
}

const spansNamed = (name: string): ReadableSpan[] =>
  spanExporter.getFinishedSpans().filter((span) => span.name === name);

describe('instrumentOpenTelemetry', () => {
  it('makes a CLIENT span per call with provider, operation, outcome, attempts and the hashed idempotency key', async () => {
    enable();
    const idempotencyKey = 'otel-create-key-0001';
    const card = await issuer.cards.create({ binId: '491653', amount: usd(50) }, { idempotencyKey });
    const [span] = spansNamed('cardgw cards.create');
    expect(span).toBeDefined();
    expect(span!.kind).toBe(2); // SpanKind.CLIENT
    expect(span!.attributes).toMatchObject({
      [names.provider]: 'testpay',
      [names.operation]: 'cards.create',
      [names.method]: 'POST',
      [names.outcome]: 'ok',
      [names.attempts]: 1,
      [names.status]: 201,
      [names.idempotencyKeyHash]: hashIdempotencyKey(idempotencyKey),
    });
    expect(JSON.stringify(span!.attributes)).not.toContain(idempotencyKey);
    const [attempt] = spansNamed('cardgw cards.create attempt');
    expect(attempt!.parentSpanContext?.spanId).toBe(span!.spanContext().spanId);
    expect(attempt!.attributes).toMatchObject({ [names.attempt]: 1, [names.status]: 201 });
    expect(card.provider).toBe('testpay');
  });

  it('makes a child span per attempt, records retries, 429s and the failed outcome', async () => {
    enable();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(20) });
    spanExporter.reset();
    simulator.faults.rateLimitNext(1, { retryAfterSeconds: 0 });
    await issuer.cards.get(card.id);
    const [call] = spansNamed('cardgw cards.get');
    expect(call!.attributes).toMatchObject({ [names.outcome]: 'ok', [names.attempts]: 2 });
    const attempts = spansNamed('cardgw cards.get attempt');
    expect(attempts.map((attempt) => attempt.attributes[names.status])).toEqual([429, 200]);
    expect(attempts.every((attempt) => attempt.parentSpanContext?.spanId === call!.spanContext().spanId)).toBe(true);
    expect(call!.events.map((event) => event.name)).toEqual(['retry']);

    spanExporter.reset();
    await expect(issuer.cards.get('testpay:card_missing')).rejects.toMatchObject({ code: 'not_found' });
    const [failed] = spansNamed('cardgw cards.get');
    expect(failed!.status).toEqual({ code: 2, message: 'not_found' }); // SpanStatusCode.ERROR
    expect(failed!.attributes).toMatchObject({
      [names.outcome]: 'settled',
      [names.errorType]: 'not_found',
      [names.status]: 404,
      [names.attempts]: 1,
    });

    const metrics = await collectMetrics();
    const requests = pointsOf(metrics, telemetryNames.metrics.requests);
    expect(requests.find((point) => point.attributes[names.status] === 429)?.value).toBeGreaterThanOrEqual(1);
    expect(pointsOf(metrics, telemetryNames.metrics.rateLimited)[0]?.value).toBeGreaterThanOrEqual(1);
    expect(pointsOf(metrics, telemetryNames.metrics.retries)[0]?.attributes).toMatchObject({
      [names.errorType]: 'rate_limited',
    });
    const durations = pointsOf(metrics, telemetryNames.metrics.callDuration);
    expect(durations.some((point) => point.attributes[names.outcome] === 'settled')).toBe(true);
  });

  it('makes a span for each wait for the rate limiter, and records the wait time', async () => {
    enable();
    const card = await issuer.cards.create({ binId: '491653', amount: usd(20) });
    spanExporter.reset();
    await issuer.cards.details(card.id);
    await issuer.cards.details(card.id); // waits for the 1-per-300 ms rule
    const waits = spansNamed(telemetryNames.limiterWaitSpan);
    expect(waits).toHaveLength(1);
    const [, second] = spansNamed('cardgw cards.details');
    expect(waits[0]!.parentSpanContext?.spanId).toBe(second!.spanContext().spanId);
    expect(waits[0]!.attributes).toMatchObject({ [names.rule]: 'card-details-per-minute' });
    expect(Number(waits[0]!.attributes[names.waitMs])).toBeGreaterThan(0);
    const [wait] = pointsOf(await collectMetrics(), telemetryNames.metrics.limiterWait);
    expect(wait).toBeDefined();
    expect((wait!.value as { count: number }).count).toBeGreaterThanOrEqual(1);
  });

  it("parents the call span on the caller's active span", async () => {
    enable();
    const parent = tracerProvider.getTracer('application').startSpan('checkout');
    // Lists are lazy: the page is fetched when awaited, which must happen inside the caller's span.
    await context.with(trace.setSpan(context.active(), parent), async () => {
      await issuer.bins.list();
    });
    parent.end();
    const [call] = spansNamed('cardgw bins.list');
    expect(call!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });

  it('counts failovers and reports each circuit state', async () => {
    enable();
    const alpha = createMemoryIssuer({ provider: 'alpha' });
    const beta = createMemoryIssuer({ provider: 'beta' });
    const failover = createFailoverIssuer([alpha, beta], {
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
    });
    alpha.faults.failNext(
      'cards.create',
      new ProviderUnavailableError('refused', { provider: 'alpha', code: 'connection_failed' }),
    );
    await failover.cards.create({ binId: '491653', amount: usd(10) });
    await failover.close();
    const metrics = await collectMetrics();
    expect(pointsOf(metrics, telemetryNames.metrics.failovers)[0]).toMatchObject({
      value: 1,
      attributes: {
        [names.operation]: 'cards.create',
        [names.failoverFrom]: 'alpha',
        [names.failoverTo]: 'beta',
        [names.failoverReason]: 'connection_failed',
      },
    });
    const circuit = pointsOf(metrics, telemetryNames.metrics.circuitState).find(
      (point) => point.attributes[names.provider] === 'alpha',
    );
    expect(circuit?.value).toBe(2); // open
  });

  it('exports no secret, PAN, CVV, OTP or raw idempotency key in any span, event or metric attribute', async () => {
    enable();
    // What any other subscriber of the tracing channel gets: summaries, never the response's data.
    const traced: unknown[] = [];
    const recordTrace = (message: unknown) => traced.push(message);
    callChannel.asyncEnd.subscribe(recordTrace);
    const idempotencyKey = 'otel-leak-key-0002';
    const card = await issuer.cards.create({ binId: '491653', amount: usd(30) }, { idempotencyKey });
    const details = await issuer.cards.details(card.id);
    await simulator.backend.simulate.threeDSChallenge(card.id, { merchant: 'SPOTIFY', amount: usd(9.99) });
    const [challenge] = (await issuer.threeDS.list({ cardId: card.id })).data;
    const endpoint = await issuer.webhooks.create({ url: 'http://127.0.0.1:9/hooks', events: ['*'] });
    simulator.faults.failNext(1, 500);
    await issuer.wallet.balance();
    await expect(issuer.cards.fund(card.id, { amount: usd(999_999) })).rejects.toThrow();

    const spans = spanExporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(5);
    const exported = JSON.stringify([
      spans.map((span) => ({
        name: span.name,
        attributes: span.attributes,
        status: span.status,
        events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
      })),
      (await collectMetrics()).map((metric) => ({
        name: metric.descriptor.name,
        points: metric.dataPoints.map((point) => point.attributes),
      })),
    ]);
    callChannel.asyncEnd.unsubscribe(recordTrace);
    const tracedText = JSON.stringify(traced);
    expect(tracedText).toContain('"operation":"cards.details"');
    for (const value of [apiKey, details.pan, challenge!.otp, endpoint.secret!.reveal()]) {
      expect(tracedText).not.toContain(value);
    }
    const sensitive = [apiKey, details.pan, idempotencyKey, challenge!.otp, endpoint.secret!.reveal()];
    for (const value of sensitive) expect(exported).not.toContain(value);
    expect(exported).not.toMatch(new RegExp(`"${details.cvv}"`));
    expect(scanForLeaks([{ origin: 'otel export', test: 'otel', text: exported }])).toEqual([]);
  });
});

describe('zero cost while nobody listens', () => {
  const request = { operation: 'cards.get', method: 'GET', path: '/cards/x' } as HttpRequest<unknown>;

  it("hands the pipeline's own promise back untouched, and builds no trace context", () => {
    expect(callChannel.start.hasSubscribers).toBe(false);
    const pipeline = Promise.resolve({} as HttpResponse<unknown>);
    expect(traceCall('testpay', request, () => pipeline)).toBe(pipeline);
  });

  it('leaves no subscriber behind once disabled', () => {
    const bridge = enable();
    expect(callChannel.start.hasSubscribers).toBe(true);
    expect(diagnosticsChannel.hasSubscribers(diagnosticsChannelNames.http)).toBe(true);
    bridge.disable();
    expect(callChannel.start.hasSubscribers).toBe(false);
    expect(callChannel.asyncEnd.hasSubscribers).toBe(false);
    const pipeline = Promise.resolve({} as HttpResponse<unknown>);
    expect(traceCall('testpay', request, () => pipeline)).toBe(pipeline);
  });

  it('imports @opentelemetry/api only from the @cardgw/core/otel entry point', () => {
    const root = fileURLToPath(new URL('../../../packages/core/src', import.meta.url));
    const importers = sourceFiles(root).filter(
      (file) => !file.includes(`${join(root, 'otel')}`) && /from '@opentelemetry\//.test(readFileSync(file, 'utf8')),
    );
    expect(importers).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, '..', 'package.json'), 'utf8')) as {
      peerDependenciesMeta: Record<string, { optional: boolean }>;
      dependencies: Record<string, string>;
    };
    expect(manifest.peerDependenciesMeta['@opentelemetry/api']).toEqual({ optional: true });
    expect(manifest.dependencies['@opentelemetry/api']).toBeUndefined();
  });
});

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
