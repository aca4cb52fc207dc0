import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRedisRateLimiter, type RedisScriptClient } from './redis-rate-limiter.js';
import { acquireScript, completeScript, pauseScript, replayScript } from './redis-scripts.js';
import type { RateLimitRule } from './types.js';

// Back after a failure, the probe writes every recent grant of this process to Redis again before using it: Redis may
// have restarted empty, and the other processes would then over-admit. A probe that starts while a smaller flush (only
// the fallback's latest grants) is still out must not take that flush's success as its own. A scripted client answers
// each command when the test says so, so the interleaving is exact; fake timers drive the local fallback's waits.

const start = 1_700_000_000_000;
const scripts = new Map([
  [acquireScript.sha1, 'acquire'],
  [replayScript.sha1, 'replay'],
  [completeScript.sha1, 'complete'],
  [pauseScript.sha1, 'pause'],
]);

interface Sent {
  readonly script: string | undefined;
  readonly keys: readonly string[];
  readonly args: readonly (string | number)[];
  readonly answer: (value: unknown) => void;
  readonly fail: (error: unknown) => void;
}

function scriptedClient(sent: Sent[]): RedisScriptClient {
  const send = (script: string | undefined, count: number, rest: (string | number)[]) =>
    new Promise<unknown>((answer, fail) => {
      sent.push({ script, keys: rest.slice(0, count).map(String), args: rest.slice(count), answer, fail });
    });
  return {
    evalsha: (sha1, count, ...rest) => send(scripts.get(sha1), count, rest),
    eval: (_source, count, ...rest) => send(undefined, count, rest),
  };
}

/** The members a replay writes: ARGV per key is ttl, n, n score/member pairs, r, r members, c, c members. */
function membersWritten(replay: Sent): string[] {
  const members: string[] = [];
  let at = 0;
  for (const _key of replay.keys) {
    const grants = Number(replay.args[at + 1]);
    for (let index = 0; index < grants; index++) members.push(String(replay.args[at + 3 + 2 * index]));
    at += 2 + 2 * grants;
    at += 1 + Number(replay.args[at]);
    at += 1 + Number(replay.args[at]);
  }
  return members;
}

beforeEach(() => {
  vi.useFakeTimers({ now: start });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the probe after a Redis failure', () => {
  it('writes every recent grant again even when a flush of the fallback’s latest grant is still out', async () => {
    const sent: Sent[] = [];
    const pending = (script: string) => sent.filter((command) => command.script === script).at(-1)!;
    const settle = () => vi.advanceTimersByTimeAsync(0);
    const limiter = createRedisRateLimiter({
      redis: scriptedClient(sent),
      keyPrefix: 'p',
      retryRedisAfterMs: 0,
      safetyMarginMs: 0,
    });
    const wide: RateLimitRule = { name: 'wide', limit: 100, windowMs: 60_000 };
    const slow: RateLimitRule = { name: 'slow', limit: 1, windowMs: 1000 };
    const other: RateLimitRule = { name: 'other', limit: 100, windowMs: 60_000 };

    // Grants through Redis: one under `wide`, the one slot of `slow`; a second `slow` call must wait.
    const first = limiter.acquire([wide]);
    await settle();
    pending('acquire').answer([1, start, 0]);
    await first;
    // The scripted acquire admitted one call: it is recorded as `<base>#1`.
    const firstMember = `${String(pending('acquire').args[0])}#1`;
    const slowFirst = limiter.acquire([slow]);
    await settle();
    pending('acquire').answer([1, start, 0]);
    await slowFirst;
    const slowSecond = limiter.acquire([slow]);
    await settle();
    pending('acquire').answer([0, 1000, 1]);
    await settle();

    // Redis fails: the waiting `slow` call moves to the local fallback, which waits for its window.
    const failing = limiter.acquire([other]);
    await settle();
    pending('acquire').fail(new Error('read ECONNRESET'));
    await failing;

    // The first probe replays everything and Redis is used again.
    const probing = limiter.acquire([other]);
    await settle();
    for (let round = 0; round < 3; round++) {
      for (const command of sent) if (command.script === 'replay') command.answer(1);
      await settle();
    }
    await probing;
    await settle();
    expect(membersWritten(sent.find((command) => command.script === 'replay')!)).toContain(firstMember);

    // The fallback grants the `slow` call after Redis came back: a small flush of that grant goes out, and stays out.
    await vi.advanceTimersByTimeAsync(1000);
    await slowSecond;
    const smallFlush = pending('replay');
    expect(smallFlush.keys).toEqual(['{p}:slow']);
    expect(membersWritten(smallFlush)).not.toContain(firstMember);

    // Redis fails again (Redis restarting: it may come back empty), and a later call's probe starts.
    const failingAgain = limiter.acquire([wide]);
    await settle();
    pending('acquire').fail(new Error('read ECONNRESET'));
    await failingAgain;
    const sentBefore = sent.length;
    const afterFailure = limiter.acquire([wide]);
    await settle();
    smallFlush.answer(1);
    for (let round = 0; round < 5; round++) {
      await settle();
      for (const command of sent.slice(sentBefore)) if (command.script === 'replay') command.answer(1);
    }
    await afterFailure;

    // The probe wrote the grant made through Redis before the failure again, not only the fallback's latest grants.
    const replays = sent.slice(sentBefore).filter((command) => command.script === 'replay');
    expect(replays.flatMap(membersWritten)).toContain(firstMember);
    await limiter.close();
  });
});
