import { customOption, type OptionRule } from './option-rules.js';

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
export const environmentOption: OptionRule = customOption(isRecordLike, environmentRule);

/**
 * A record-of-strings option such as `headers`: any record-like object whose own enumerable values are all strings.
 * Copy it with `copyStringRecord` once checked, so a `Proxy` or a null-prototype object is read once, there.
 */
export const stringRecordOption: OptionRule = customOption(
  (value) => isRecordLike(value) && Object.values(value).every((item) => typeof item === 'string'),
  'must be an object whose values are strings',
);

/** A checked `stringRecordOption` value as a plain object of its own enumerable entries. */
export function copyStringRecord(value: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return { ...value };
}
