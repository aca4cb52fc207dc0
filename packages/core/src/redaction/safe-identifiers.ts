import { redactText } from './redact.js';
import { redactedText } from './secret.js';

/*
 * A provider's request id and error code are copied into our errors as fields, unquoted: a provider (or a proxy)
 * echoing a credential or a card number there would put it in the error. Both must look like what they are, and
 * hold nothing redaction would mask.
 */

/** `req_7f8a9b2c3d4e`, a UUID, `01HF…`: letters, digits and `_ . : -`, 1 to 128 characters. */
const requestIdShape = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
/**
 * `insufficient_funds`, `card.not_found`, `3ds_required`: lower-case words separated by `_`, `.` or `-`, each all
 * letters or digits then letters. A seed (`c4f4-6e88-036c-761c`) or a hex token mixes letters and digits: refused.
 */
const providerCodeShape = /^(?:[a-z]+|\d+[a-z]*)(?:[_.-](?:[a-z]+|\d+[a-z]*))*$/;
const maxCodeLength = 64;

/** The request id when it has the shape of one and holds nothing sensitive; else `[redacted]`; absent stays absent. */
export function safeRequestId(requestId: string | undefined): string | undefined {
  if (requestId === undefined) return undefined;
  if (typeof requestId !== 'string' || !requestIdShape.test(requestId)) return redactedText;
  return redactText(requestId) === requestId ? requestId : redactedText;
}

/** Whether a provider's error code may become our `code`: the shape of a code, nothing redaction would mask. */
export function isSafeProviderCode(code: string): boolean {
  return (
    typeof code === 'string' &&
    code.length <= maxCodeLength &&
    providerCodeShape.test(code) &&
    redactText(code) === code
  );
}
