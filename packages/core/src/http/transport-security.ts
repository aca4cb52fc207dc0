import { isIPv4, isIPv6 } from 'node:net';
import { ConfigError } from '../errors/config-error.js';

/*
 * A credential never travels in clear to another machine. Plain `http://` is allowed only to this machine's loopback
 * interface (where the local simulators run), and only for credentials whose adapter says they may go there: a
 * sandbox key or a seed may, a live key never does (a proxy or a port-forward on loopback still sees it in clear).
 */

/**
 * Where a credential may travel over plain `http://`:
 * - `loopback`: to 127.0.0.0/8, `::1` or `localhost` only (sandbox keys, seeds: how the simulators run);
 * - `never`: nowhere (a live key moves real money).
 * Every other destination needs `https://`.
 */
export type PlainHttpPolicy = 'loopback' | 'never';

/** The transport's code for a request refused because it would carry the credential over plain HTTP. */
export const insecureTransportCode = 'ERR_CARDGW_INSECURE_TRANSPORT';

/** `127.0.0.0/8`, `::1` (with or without brackets, IPv4-mapped too) and `localhost` (`localhost.` included). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === 'localhost.') return true;
  if (isIPv4(host)) return host.startsWith('127.');
  if (isIPv6(host)) {
    if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^(?:0:0:0:0:0|:):ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
    return mapped?.startsWith('127.') === true;
  }
  return false;
}

/** Whether a request to `protocol//hostname` may carry a credential of this policy. */
export function mayCarryCredential(protocol: string, hostname: string, policy: PlainHttpPolicy): boolean {
  if (protocol === 'https:') return true;
  return protocol === 'http:' && policy === 'loopback' && isLoopbackHost(hostname);
}

/**
 * Refuses, at construction, a base URL a credential of this policy may not travel to.
 * @throws ConfigError naming `baseUrl` (the URL's origin is named, the credential never).
 */
export function assertCredentialTransport(provider: string, baseUrl: string, policy: PlainHttpPolicy): void {
  const url = new URL(baseUrl);
  if (mayCarryCredential(url.protocol, url.hostname, policy)) return;
  const why =
    policy === 'never'
      ? 'this credential (a live key) never travels over plain HTTP, loopback or not'
      : 'plain HTTP is allowed only to a loopback host (127.0.0.0/8, ::1, localhost)';
  throw new ConfigError(
    `${provider}: refusing to send the credential to ${url.origin} in clear: ${why}; use https://`,
    {
      provider,
      option: 'baseUrl',
    },
  );
}
