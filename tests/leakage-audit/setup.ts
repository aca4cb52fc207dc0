/*
 * The leakage audit (issue 8), a setupFile of every vitest project: through every test file, capture what the library
 * prints, logs, throws and emits, and fail the file if any of it holds an API key, a seed, a webhook secret, a PAN, a
 * CVV or an OTP. Sources: the four `cardgw:*` diagnostics channels (every CardGatewayError leaving the library, every hook
 * event of the pipeline, every log line, every failover and circuit event), `process.stdout`/`process.stderr` and
 * `console.*`. Each error is printed every way an application might print it (`serialiseError`). Output still goes
 * through. The scan runs in this file's `afterAll`, which runs after the test file's own hooks.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import { format, inspect } from 'node:util';
import { diagnosticsChannelNames } from '@cardgw/core';
import { afterAll, expect } from 'vitest';
import { auditGate } from './allow-leakage.js';
import {
  describeFindings,
  type LeakCapture,
  type LeakFinding,
  scanForLeaks,
  serialiseError,
} from './scan-for-leaks.js';

// Captures are scanned in batches, so a long chaos run holds findings, not megabytes of text.
const batchCharacters = 4_000_000;
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;

const gate = auditGate();
const findings: LeakFinding[] = [];
/** Captures per origin family, for `CARDGW_LEAKAGE_AUDIT_STATS=<file>`: evidence of what the audit saw. */
const capturedByOrigin = new Map<string, number>();
let batch: LeakCapture[] = [];
let batchSize = 0;

function currentTest(): string {
  try {
    return expect.getState().currentTestName ?? '(outside any test: a hook or module scope)';
  } catch {
    return '(outside any test)';
  }
}

function record(origin: string, text: string): void {
  if (gate.allowed > 0 || text === '') return;
  batch.push({ origin, test: currentTest(), text });
  const family = origin.split(/[ (]/, 1)[0] ?? origin;
  capturedByOrigin.set(family, (capturedByOrigin.get(family) ?? 0) + 1);
  batchSize += text.length;
  if (batchSize > batchCharacters) scanBatch();
}

function recordError(origin: string, error: unknown): void {
  if (gate.allowed > 0) return;
  const name = error instanceof Error ? ` ${error.name}` : '';
  for (const { how, text } of serialiseError(error)) record(`${origin}${name} (${how})`, text);
}

function recordPayload(origin: string, payload: unknown): void {
  if (gate.allowed > 0) return;
  record(
    `${origin} (JSON.stringify)`,
    safely(() => JSON.stringify(payload)),
  );
  record(
    `${origin} (util.inspect)`,
    safely(() => inspect(payload, { depth: Number.POSITIVE_INFINITY })),
  );
}

function scanBatch(): void {
  findings.push(...scanForLeaks(batch));
  batch = [];
  batchSize = 0;
}

function safely(print: () => string | undefined): string {
  try {
    return print() ?? '';
  } catch {
    return '';
  }
}

// The four diagnostics channels.
const subscriptions: [string, (message: unknown) => void][] = [
  [diagnosticsChannelNames.error, (message) => recordError('cardgw:error', (message as { error: unknown }).error)],
  [
    diagnosticsChannelNames.http,
    (message) => recordPayload(`cardgw:http ${(message as { type: string }).type}`, message),
  ],
  [
    diagnosticsChannelNames.log,
    (message) => recordPayload(`cardgw:log ${(message as { level: string }).level}`, message),
  ],
  [
    diagnosticsChannelNames.gateway,
    (message) => recordPayload(`cardgw:gateway ${(message as { type: string }).type}`, message),
  ],
];
for (const [name, listener] of subscriptions) diagnosticsChannel.subscribe(name, listener);

// process.stdout and process.stderr, passed through.
const streams = [process.stdout, process.stderr] as const;
const originalWrites = streams.map((stream) => stream.write);
streams.forEach((stream, index) => {
  const original = originalWrites[index] as typeof stream.write;
  const origin = index === 0 ? 'stdout' : 'stderr';
  stream.write = function write(this: typeof stream, chunk: unknown, ...rest: unknown[]) {
    record(origin, typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
});

// console.*, passed through: the text as printed, and every error argument printed every other way too.
const originalConsole = new Map(consoleMethods.map((method) => [method, console[method]]));
for (const method of consoleMethods) {
  const original = originalConsole.get(method) as (...args: unknown[]) => void;
  console[method] = (...args: unknown[]) => {
    const printed = method === 'dir' ? inspect(args[0], args[1] as object | undefined) : safely(() => format(...args));
    record(`console.${method}`, printed);
    for (const argument of args) if (argument instanceof Error) recordError(`console.${method} argument`, argument);
    original.apply(console, args);
  };
}

afterAll(() => {
  for (const [name, listener] of subscriptions) diagnosticsChannel.unsubscribe(name, listener);
  streams.forEach((stream, index) => {
    stream.write = originalWrites[index] as typeof stream.write;
  });
  for (const method of consoleMethods) console[method] = originalConsole.get(method) as never;
  scanBatch();
  const file = expect.getState().testPath ?? '(unknown test file)';
  const statsFile = process.env.CARDGW_LEAKAGE_AUDIT_STATS;
  if (statsFile) {
    appendFileSync(
      statsFile,
      `${JSON.stringify({ file, captured: Object.fromEntries(capturedByOrigin), findings: findings.length })}\n`,
    );
  }
  if (findings.length > 0) {
    throw new Error(describeFindings(file, findings));
  }
});
