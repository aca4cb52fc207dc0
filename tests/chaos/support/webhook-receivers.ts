import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { signWebhookPayload } from '@cardgw/core';
import type { WebhookWorkerCommand, WebhookWorkerReport } from './webhook-worker.js';

/**
 * Two webhook receiver processes (./webhook-worker.ts) sharing one Redis event store, as two replicas behind a load
 * balancer: started once per chaos run, shared by every schedule (each schedule's events have ids of their own).
 */
export interface WebhookReceivers {
  /** Posts a signed delivery of `body` to receiver 0 or 1, as a provider would; never rejects. */
  deliver(receiver: WebhookReceiverIndex, body: string): Promise<WebhookAnswer>;
  /** Makes `receiver`'s next processing of `eventId` hang `ms` (past its lease) and then fail. */
  stall(receiver: WebhookReceiverIndex, eventId: string, ms: number): void;
  /** How many times each event was processed, summed over both processes, once every earlier report has arrived. */
  processedCounts(): Promise<ReadonlyMap<string, number>>;
  /** Events a process processed without the store recording it (its `complete` failed: Redis went away meanwhile). */
  readonly completionsLost: ReadonlySet<string>;
  close(): Promise<void>;
}

export type WebhookReceiverIndex = 0 | 1;

/** What a receiver answered: its status and JSON body, or `undefined` when the connection failed. */
export interface WebhookAnswer {
  readonly status: number | undefined;
  readonly body: unknown;
}

/** The signing secret both receivers and the "provider" share (32 bytes of entropy or more is the documented floor). */
const webhookSecret = 'whsec_chaos_5c1f0e2a9b7d4c3e8f6a1b2c3d4e5f60';

/** How long the first receiver may take to load and listen (tsx compiles the worker on a loaded machine). */
const startTimeoutMs = 60_000;

export async function startWebhookReceivers(options: {
  readonly redisUrl: string;
  readonly keyPrefix: string;
  readonly leaseMs: number;
  readonly commandTimeoutMs: number;
}): Promise<WebhookReceivers> {
  const worker = fileURLToPath(new URL('./webhook-worker.ts', import.meta.url));
  const processed = new Map<string, number>();
  const completionsLost = new Set<string>();
  let syncCount = 0;
  const syncWaiters = new Map<number, () => void>();

  const start = async (): Promise<{ child: ChildProcess; origin: string }> => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker], {
      env: {
        ...process.env,
        REDIS_URL: options.redisUrl,
        KEY_PREFIX: options.keyPrefix,
        LEASE_MS: String(options.leaseMs),
        COMMAND_TIMEOUT_MS: String(options.commandTimeoutMs),
        WEBHOOK_SECRET: webhookSecret,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('a webhook receiver did not start')), startTimeoutMs);
      child.once('exit', (code) => reject(new Error(`a webhook receiver exited with ${code} before listening`)));
      child.on('message', (report: WebhookWorkerReport) => {
        if ('port' in report) {
          clearTimeout(timer);
          resolve(report.port);
        } else if ('processed' in report) {
          processed.set(report.processed, (processed.get(report.processed) ?? 0) + 1);
        } else if ('completionLost' in report) {
          completionsLost.add(report.completionLost);
        } else {
          syncWaiters.get(report.synced)?.();
        }
      });
    });
    return { child, origin: `http://127.0.0.1:${await port}` };
  };
  const receivers = await Promise.all([start(), start()]);

  const command = (receiver: WebhookReceiverIndex, message: WebhookWorkerCommand) => {
    receivers[receiver].child.send(message);
  };

  return {
    completionsLost,
    async deliver(receiver, body) {
      try {
        const response = await fetch(`${receivers[receiver].origin}/webhooks/privcards`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-webhook-signature': signWebhookPayload(body, webhookSecret),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: reported as the violation it is.
        }
        return { status: response.status, body: parsed };
      } catch (error) {
        return { status: undefined, body: error instanceof Error ? error.name : String(error) };
      }
    },
    stall(receiver, eventId, ms) {
      command(receiver, { stall: eventId, ms });
    },
    async processedCounts() {
      // IPC is ordered: once each process answered a sync sent now, every report it sent before has arrived.
      await Promise.all(
        ([0, 1] as const).map((receiver) => {
          const sync = ++syncCount;
          const synced = new Promise<void>((resolve) => syncWaiters.set(sync, resolve));
          command(receiver, { sync });
          return synced.finally(() => syncWaiters.delete(sync));
        }),
      );
      return processed;
    },
    async close() {
      await Promise.all(
        receivers.map(async ({ child }) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          await exited;
        }),
      );
    },
  };
}
