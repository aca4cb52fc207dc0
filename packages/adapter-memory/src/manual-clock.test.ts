import { InvalidRequestError } from '@cardgw/core';
import { describe, expect, it } from 'vitest';
import { createManualClock, isManualClock, systemClock } from './manual-clock.js';

describe('createManualClock', () => {
  it('starts at 2026-01-01T00:00:00.000Z by default and stands still', () => {
    const clock = createManualClock();
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(clock.now()).toBe(clock.now());
  });

  it('starts where told, moves forward with advance and anywhere with set', () => {
    const clock = createManualClock('2026-04-15T12:00:00Z');
    clock.advance(90_000);
    expect(new Date(clock.now()).toISOString()).toBe('2026-04-15T12:01:30.000Z');
    clock.set(Date.parse('2025-12-31T23:59:59.000Z'));
    expect(new Date(clock.now()).toISOString()).toBe('2025-12-31T23:59:59.000Z');
  });

  it('refuses a start that is not a date, a negative advance and a non-finite time', () => {
    expect(() => createManualClock('tomorrow')).toThrow(InvalidRequestError);
    const clock = createManualClock();
    expect(() => clock.advance(-1)).toThrow(InvalidRequestError);
    expect(() => clock.advance(Number.NaN)).toThrow(InvalidRequestError);
    expect(() => clock.set(Number.POSITIVE_INFINITY)).toThrow(InvalidRequestError);
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('tells a manual clock from the system clock', () => {
    expect(isManualClock(createManualClock())).toBe(true);
    expect(isManualClock(systemClock)).toBe(false);
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(1_000);
  });
});
