import { ConfigError } from '../errors/config-error.js';
import { Secret } from '../redaction/secret.js';
import { assertCredentialTransport } from './transport-security.js';
import type { HttpClientOptions } from './types.js';
import { assertDurationOptions } from './wait-bounds.js';

/** An HTTP header name: an RFC 9110 token. */
const headerToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Checks `createHttpClient`'s options before anything is built: a provider name, an http(s) base URL (https whenever a
 * credential is sent, but to loopback), an array of limits, an auth with a header name and a `Secret`, durations in
 * their documented range, a non-negative integer retry count, a function as `readProviderError` and a header name
 * (RFC 9110 token) as `idempotencyHeader`. Throws `ConfigError` naming the option.
 */
export function assertHttpClientOptions(options: HttpClientOptions): void {
  if (typeof options.provider !== 'string' || options.provider === '') {
    throw new ConfigError('createHttpClient: provider must be a non-empty string', { option: 'provider' });
  }
  const { provider } = options;
  let url: URL | undefined;
  try {
    url = new URL(options.baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConfigError(`${provider}: baseUrl must be an http(s) URL`, { provider, option: 'baseUrl' });
  }
  if (!Array.isArray(options.limits)) {
    throw new ConfigError(`${provider}: limits must be an array of rate-limit rules`, { provider, option: 'limits' });
  }
  if (
    options.auth !== undefined &&
    (!Secret.isInstance(options.auth.secret) || typeof options.auth.headerName !== 'string')
  ) {
    throw new ConfigError(`${provider}: auth needs a headerName and a Secret`, { provider, option: 'auth' });
  }
  if (options.auth !== undefined) assertCredentialTransport(provider, url.href, options.auth.plainHttp ?? 'loopback');
  assertDurationOptions(options);
  if (options.readProviderError !== undefined && typeof options.readProviderError !== 'function') {
    throw new ConfigError(`${provider}: readProviderError must be a function`, {
      provider,
      option: 'readProviderError',
    });
  }
  const { idempotencyHeader } = options;
  if (
    idempotencyHeader !== undefined &&
    (typeof idempotencyHeader !== 'string' || !headerToken.test(idempotencyHeader))
  ) {
    throw new ConfigError(`${provider}: idempotencyHeader must be a header name`, {
      provider,
      option: 'idempotencyHeader',
    });
  }
  const maxRetries = options.retry?.maxRetries;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new ConfigError(`${provider}: retry.maxRetries must be a non-negative integer`, {
      provider,
      option: 'retry.maxRetries',
    });
  }
}
