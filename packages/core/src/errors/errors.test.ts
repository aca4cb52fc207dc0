import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AmbiguousOutcomeError,
  AuthenticationError,
  CardGatewayError,
  ConfigError,
  IdempotencyKeyInUseError,
  InsufficientFundsError,
  InvalidRequestError,
  NotFoundError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  UnsupportedOperationError,
  WebhookVerificationError,
} from './index.js';

const every = [
  new InvalidRequestError('bad', { issues: [{ field: 'amount', rule: 'must be …' }] }),
  new AuthenticationError('no', { provider: 'acme', status: 401, requestId: 'req_1' }),
  new NotFoundError('gone', { status: 404 }),
  new InsufficientFundsError('short', { status: 400, requestId: 'req_7f8a9b2c3d4e' }),
  new RateLimitError('slow down', { status: 429, retryAfterMs: 1000 }),
  new ProviderUnavailableError('down', { code: 'connection_failed' }),
  new TimeoutError('late'),
  new AmbiguousOutcomeError('unknown', { operation: 'cards.create', idempotencyKey: 'key-1' }),
  new IdempotencyKeyInUseError('in use', { operation: 'cards.create', idempotencyKey: 'key-1' }),
  new UnsupportedOperationError('nope', { operation: 'wallet.deposits' }),
  new ProviderResponseError('garbled', { excerpt: '{"id":' }),
  new WebhookVerificationError('forged'),
  new ConfigError('missing', { option: 'apiKey' }),
];

describe('error hierarchy', () => {
  it('every error is a CardGatewayError with a code and retryable flag', () => {
    for (const error of every) {
      expect(error).toBeInstanceOf(CardGatewayError);
      expect(error).toBeInstanceOf(Error);
      expect(CardGatewayError.isInstance(error)).toBe(true);
      expect(typeof error.code).toBe('string');
      expect(typeof error.retryable).toBe('boolean');
    }
  });

  it('isInstance tells the subclasses apart without instanceof', () => {
    const notFound = new NotFoundError('gone');
    expect(NotFoundError.isInstance(notFound)).toBe(true);
    expect(RateLimitError.isInstance(notFound)).toBe(false);
    expect(InvalidRequestError.isInstance(new Error('plain'))).toBe(false);
    expect(CardGatewayError.isInstance(null)).toBe(false);
  });

  it('isInstance recognises an error from another copy of the package (marker, not prototype)', () => {
    const foreign = Object.assign(Object.create(Error.prototype), {
      [Symbol.for('cardgw.error')]: true,
      [Symbol.for('cardgw.error.not_found')]: true,
      code: 'not_found',
    });
    expect(foreign instanceof NotFoundError).toBe(false);
    expect(NotFoundError.isInstance(foreign)).toBe(true);
    expect(CardGatewayError.isInstance(foreign)).toBe(true);
  });

  it('carries the fields the caller needs', () => {
    const error = new InsufficientFundsError('short', { provider: 'acme', status: 400, requestId: 'req_7f8a' });
    expect(error).toMatchObject({
      code: 'insufficient_funds',
      provider: 'acme',
      status: 400,
      requestId: 'req_7f8a',
    });
    expect(error.retryable).toBe(false);
    expect(new RateLimitError('x', { retryAfterMs: 1500 }).retryAfterMs).toBe(1500);
    expect(new TimeoutError('x', { code: 'aborted' }).retryable).toBe(false);
    const ambiguous = new AmbiguousOutcomeError('x', { operation: 'cards.fund', idempotencyKey: 'k', provider: 'p' });
    expect(ambiguous).toMatchObject({ operation: 'cards.fund', idempotencyKey: 'k', provider: 'p', retryable: true });
  });

  it('serialises to JSON with its fields and prints its cause through util.inspect', () => {
    const error = new NotFoundError('card gone', { provider: 'acme', cause: new Error('socket detail') });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'NotFoundError',
      code: 'not_found',
      message: 'card gone',
    });
    const printed = inspect(error);
    expect(printed).toContain('card gone');
    expect(printed).toContain('socket detail');
  });
});
