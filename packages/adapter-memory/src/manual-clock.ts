import { InvalidRequestError } from '@cardgw/core';

/** Where the in-memory issuer reads the time: every timestamp, OTP expiry and monthly window comes from it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** A clock that moves only when told to, so tests are deterministic. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` (not backwards: use `set` for that on purpose). */
  advance(ms: number): void;
  /** Puts the clock at `epochMs`. */
  set(epochMs: number): void;
}

export const defaultClockStart = '2026-01-01T00:00:00.000Z';

/** A clock that starts at `startIso` (default `2026-01-01T00:00:00.000Z`) and moves only with `advance`/`set`. */
export function createManualClock(startIso: string = defaultClockStart): ManualClock {
  let current = Date.parse(startIso);
  if (Number.isNaN(current)) throw new InvalidRequestError('createManualClock: startIso must be an ISO 8601 date-time');
  return {
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new InvalidRequestError('clock.advance: ms must be a finite number of milliseconds, not negative');
      }
      current += ms;
    },
    set(epochMs: number) {
      if (!Number.isFinite(epochMs)) throw new InvalidRequestError('clock.set: epochMs must be a finite number');
      current = epochMs;
    },
  };
}

/** The wall clock, for a simulator serving a demo in real time. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/** Whether a clock can be moved (the default clock of the in-memory issuer can). */
export function isManualClock(clock: Clock): clock is ManualClock {
  const candidate = clock as Partial<ManualClock>;
  return typeof candidate.advance === 'function' && typeof candidate.set === 'function';
}
