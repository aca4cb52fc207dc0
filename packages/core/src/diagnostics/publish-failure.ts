import { CardGatewayError } from '../errors/card-gateway-error.js';
import { errorChannel, publishDiagnostic } from './diagnostics-channels.js';

// The errors already reported: a failure that crosses two boundaries (an adapter's error passed on by the failover
// composite) is reported by the first. Weak: nothing is kept alive for it.
const published = new WeakSet<object>();

/**
 * Reports `error` on `cardgw:error` where it leaves the library (an issuer's method, the HTTP pipeline's `request`,
 * webhook verification), once per error: the error the caller gets, never the ones it wraps (those are its `cause`).
 * Anything but a cardgw error is not reported. Costs one property read while nobody listens.
 */
export function publishFailure(error: unknown): void {
  if (!errorChannel.hasSubscribers || !CardGatewayError.isInstance(error) || published.has(error)) return;
  published.add(error);
  publishDiagnostic(errorChannel, () => ({ error }));
}

/** `publishFailure(error)`, then throws it: for `.catch(rethrowPublished)` at a boundary. */
export function rethrowPublished(error: unknown): never {
  publishFailure(error);
  throw error;
}
