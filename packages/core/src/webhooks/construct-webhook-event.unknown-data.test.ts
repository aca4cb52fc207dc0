import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { UnknownWebhookEvent } from '../domain/webhook.js';
import { constructWebhookEvent } from './construct-webhook-event.js';
import {
  createTestWebhookDataMapper,
  testDelivery,
  testWebhookSecret,
} from './test-support/test-webhook-data-mapper.js';
import { signWebhookPayload } from './webhook-signature.js';

/* Issue 15 point 7: an undocumented event keeps its raw data; printing the event must not print a PAN, CVV or OTP. */

const pan = '4916531288472039';
const cvv = '987';
const otp = '847291';

function unknownEvent(data: unknown): UnknownWebhookEvent {
  const payload = testDelivery({ type: 'card.revealed', data });
  const event = constructWebhookEvent({
    payload,
    signature: signWebhookPayload(payload, testWebhookSecret),
    secret: testWebhookSecret,
    mapper: createTestWebhookDataMapper(),
  });
  if (event.type !== 'unknown') throw new Error('expected an unknown event');
  return event;
}

/** Every way an application prints an event or its data. */
function printed(value: unknown): string[] {
  return [
    JSON.stringify(value),
    JSON.stringify({ wrapped: value }),
    inspect(value, { depth: 10 }),
    format('%o', value),
    format('%j', value),
    format('%s', value),
  ];
}

const data = {
  card: { id: 'card_1', pan, cvv, card_number: '4916 5312 8847 2039' },
  otp,
  note: `the card ${pan} was revealed`,
  history: [{ pan }, [`${pan}`]],
};

describe('an unknown event type', () => {
  it('keeps every raw field readable by the application', () => {
    const event = unknownEvent(data);
    expect(event.originalType).toBe('card.revealed');
    expect(event.data).toEqual(data);
    expect((event.data as typeof data).card.pan).toBe(pan);
    expect({ ...(event.data as object) }).toEqual(data);
    expect(Object.keys(event.data as object)).toEqual(['card', 'otp', 'note', 'history']);
  });

  it('prints redacted through JSON.stringify and util.inspect: the event, its data and any nested part', () => {
    const event = unknownEvent(data);
    const typed = event.data as typeof data;
    for (const value of [event, event.data, typed.card, typed.history, typed.history[0], typed.history[1]]) {
      for (const text of printed(value)) {
        expect(text).not.toContain(pan);
        expect(text).not.toContain('4916 5312 8847 2039');
        expect(text).not.toMatch(/\b987\b/);
        expect(text).not.toContain(otp);
      }
    }
    // What stays readable: the structure and the last four digits.
    expect(JSON.parse(JSON.stringify(event))).toMatchObject({
      type: 'unknown',
      originalType: 'card.revealed',
      data: { card: { id: 'card_1', pan: '[redacted]', cvv: '[redacted]' }, otp: '[redacted]' },
    });
    expect(inspect(event)).toContain('2039');
  });

  it('prints a bare string of data redacted as part of the event', () => {
    const event = unknownEvent(`pan ${pan}`);
    expect(event.data).toBe(`pan ${pan}`);
    for (const text of printed(event)) expect(text).not.toContain(pan);
  });

  it('is frozen, so what prints and what the application reads cannot drift apart', () => {
    const event = unknownEvent(data);
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.isFrozen((event.data as typeof data).card)).toBe(true);
  });
});
