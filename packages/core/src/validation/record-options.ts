import { z } from 'zod';

/**
 * Whether a value can serve as a record of strings: any non-null object that is not an array or a Map. Deliberately
 * not zod's `z.record`, which (zod 4) refuses anything whose prototype is not `Object.prototype`: `process.env` itself
 * (its prototype is Node's own), a `Proxy` over a class instance, and some frozen configuration objects.
 */
export function isRecordLike(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

/** The rule an environment option breaks, as the end of a sentence. */
export const environmentRule = 'must be an object of environment variables, like process.env';

/**
 * An `env` option: `process.env`, a plain object, a null-prototype object or a `Proxy`. Kept as given, never copied
 * or enumerated (a live `process.env` stays live, a lazy `Proxy` is only asked for the variables read); a variable
 * that is not a string is caught where it is read.
 */
export const environmentOption = z.custom<Readonly<Record<string, string | undefined>>>(isRecordLike, {
  message: environmentRule,
});

/**
 * A record-of-strings option such as `headers`: any record-like object whose own enumerable values are all strings,
 * copied into a plain object so a `Proxy` or a null-prototype object is read once, here.
 */
export const stringRecordOption = z
  .custom<Readonly<Record<string, string>>>(
    (value) => isRecordLike(value) && Object.values(value).every((item) => typeof item === 'string'),
    { message: 'must be an object whose values are strings' },
  )
  .transform((value): Readonly<Record<string, string>> => ({ ...value }));
