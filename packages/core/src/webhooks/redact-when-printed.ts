import { redactValue } from '../redaction/redact.js';
import { inspectSymbol } from '../redaction/secret.js';

/**
 * A frozen copy of parsed JSON (an unknown event's raw `data`) whose every object and array prints redacted through
 * `JSON.stringify` and `util.inspect` (PANs, CVVs, OTPs, secrets masked by `redactValue`), while the application still
 * reads every field as sent. A bare string or number cannot carry that behaviour: the event around it does
 * (`redactEventWhenPrinted`).
 */
export function redactWhenPrinted(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copy: unknown[] | Record<string, unknown> = Array.isArray(value)
    ? value.map(redactWhenPrinted)
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactWhenPrinted(item)]));
  return printRedacted(copy, value);
}

/** Makes an event (or any object holding raw data) print with `redactValue` applied to the whole of it. */
export function redactEventWhenPrinted<Event extends object>(event: Event): Event {
  return printRedacted(event, event);
}

function printRedacted<Value extends object>(target: Value, original: object): Value {
  // Non-enumerable: spreading or walking the object still shows only its own fields.
  Object.defineProperty(target, 'toJSON', { value: () => redactValue(plain(original)) });
  // util.inspect formats the plain redacted copy this returns.
  Object.defineProperty(target, inspectSymbol, { value: () => redactValue(plain(original)) });
  return Object.freeze(target);
}

/** The value without the printing hooks (redactValue would otherwise print an object through its own toJSON). */
function plain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(plain);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
}
