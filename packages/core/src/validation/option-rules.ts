import { listChoices } from './describe-config-issue.js';

// Options are checked when an adapter or a gateway is built, synchronously, and construction must not pay for zod's
// import (about 80 ms, see zod.ts and P6 in bench/). These few rules cover every option the library takes; the
// wording is the one `describeConfigIssue` gives zod's issues, so an option's message did not change when its check
// left zod (tests/config/option-rules-parity.test.ts compares the two on generated options).

/** An option that broke its rule, found by an `OptionRule`. */
export interface OptionIssue {
  /** Where, from the value the rule checked: `['limits', 'requests-per-minute', 'limit']`; `[]` for the value itself. */
  readonly path: readonly PropertyKey[];
  /** The rule broken, as the end of a sentence that starts with the option's name: `must be a whole number`. */
  readonly rule: string;
  /** Set when the issue is a key the object at `path` does not know: that key. */
  readonly unknownKey?: string | undefined;
}

/** Checks one option's value: its first issue, or `undefined` when the value holds. Never throws. */
export type OptionRule = (value: unknown) => OptionIssue | undefined;

const issue = (rule: string): OptionIssue => ({ path: [], rule });

/** The wording of a number rule; each defaults to what `describeConfigIssue` says for zod's issue. */
export interface NumberRuleWording {
  /** @default 'must be a finite number' */
  readonly type?: string | undefined;
  /** @default 'must be a whole number' */
  readonly integer?: string | undefined;
  /** @default 'must be at least <min>' (or 'must be more than <above>') */
  readonly min?: string | undefined;
  /** @default 'must be at most <max>' */
  readonly max?: string | undefined;
}

/** The bounds of a number option: `integer` whole numbers only (within ±2^53−1), `min`/`max` inclusive, `above` exclusive. */
export interface NumberBounds {
  readonly integer?: boolean | undefined;
  readonly min?: number | undefined;
  readonly above?: number | undefined;
  readonly max?: number | undefined;
}

/** A finite number (never NaN or ±Infinity) within `bounds`. */
export function numberOption(bounds: NumberBounds = {}, wording: NumberRuleWording = {}): OptionRule {
  const { integer = false, min, above, max } = bounds;
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return issue(wording.type ?? 'must be a finite number');
    if (integer && !Number.isInteger(value)) return issue(wording.integer ?? 'must be a whole number');
    // Beyond ±(2^53−1) a whole number is no longer exact: refused with the integer rule's wording when it has one.
    if (integer && value > Number.MAX_SAFE_INTEGER) {
      return issue(wording.integer ?? `must be at most ${Number.MAX_SAFE_INTEGER}`);
    }
    if (integer && value < Number.MIN_SAFE_INTEGER) {
      return issue(wording.integer ?? `must be at least ${Number.MIN_SAFE_INTEGER}`);
    }
    if (above !== undefined && value <= above) return issue(wording.min ?? `must be more than ${above}`);
    if (min !== undefined && value < min) return issue(wording.min ?? `must be at least ${min}`);
    if (max !== undefined && value > max) return issue(wording.max ?? `must be at most ${max}`);
    return undefined;
  };
}

/** A whole number of at least 1: a count, a limit, a duration in milliseconds. */
export const positiveIntegerOption: OptionRule = numberOption({ integer: true, above: 0 });

/** A string, and then `check` when given (its `rule` says what a valid one is). */
export function stringOption(check?: { readonly test: (value: string) => boolean; readonly rule: string }): OptionRule {
  return (value) => {
    if (typeof value !== 'string') return issue('must be a string');
    return check === undefined || check.test(value) ? undefined : issue(check.rule);
  };
}

/** `true` or `false`. */
export const booleanOption: OptionRule = (value) =>
  typeof value === 'boolean' ? undefined : issue('must be true or false');

/** One of a few strings. @default rule `must be 'a', 'b' or 'c'` */
export function oneOfOption(values: readonly string[], rule?: string): OptionRule {
  const described = rule ?? `must be ${listChoices(values.map((value) => `'${value}'`))}`;
  return (value) => (typeof value === 'string' && values.includes(value) ? undefined : issue(described));
}

/** Any value `accepts` says yes to; `rule` says what that is (`must be a RateLimiter (acquire, pause, close)`). */
export function customOption(accepts: (value: unknown) => boolean, rule: string): OptionRule {
  return (value) => (accepts(value) ? undefined : issue(rule));
}

/** The fields of an object option: each optional (`undefined` is always accepted) unless wrapped in `requiredOption`. */
export type OptionFields = Readonly<Record<string, OptionRule>>;

const requiredRules = new WeakMap<OptionRule, string>();

/** `rule`, and the option must be given: `missing` is the rule an absent value breaks. */
export function requiredOption(rule: OptionRule, missing: string): OptionRule {
  const required: OptionRule = (value) => rule(value);
  requiredRules.set(required, missing);
  return required;
}

/**
 * An object with `fields`, checked in their order (the first issue wins, as zod reports it), then its keys: with
 * `unknownKeys: 'refuse'` (the default) a key that is not a field is an issue naming it. Read as zod read it: a field
 * is present when `name in value` (a getter, a class's accessor, a `Proxy`'s traps count), and every enumerable key,
 * inherited ones included, must be a field. An array is not an object.
 */
export function objectOption(
  fields: OptionFields,
  { unknownKeys = 'refuse', rule = 'must be an object' }: { unknownKeys?: 'refuse' | 'keep'; rule?: string } = {},
): OptionRule {
  const names = Object.keys(fields);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return issue(rule);
    const record = value as Record<string, unknown>;
    for (const name of names) {
      const field = name in record ? record[name] : undefined;
      if (field === undefined) {
        const missing = requiredRules.get(fields[name] as OptionRule);
        if (missing !== undefined) return { path: [name], rule: missing };
        continue;
      }
      const found = (fields[name] as OptionRule)(field);
      if (found !== undefined) return { ...found, path: [name, ...found.path] };
    }
    return unknownKeys === 'keep' ? undefined : unknownKeyIssue(fields, record);
  };
}

/** The first enumerable key of `value` (inherited ones included, as zod saw them) that is not one of `fields`. */
export function unknownKeyIssue(fields: OptionFields, value: object): OptionIssue | undefined {
  for (const key in value) {
    if (!Object.hasOwn(fields, key)) return { path: [], rule: `has unknown key(s): ${key}`, unknownKey: key };
  }
  return undefined;
}

/**
 * The fields of an options object checked by `objectOption(fields)`, copied into a plain object as zod's output was:
 * each read once, through getters and `Proxy` traps, absent ones left out.
 */
export function readObjectOption(fields: OptionFields, value: object): Record<string, unknown> {
  const record = value as Record<string, unknown>;
  const read: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) {
    if (!(name in record)) continue;
    const field = record[name];
    if (field !== undefined) read[name] = field;
  }
  return read;
}

/** An array whose items each hold `item`, with at least `minItems` of them. */
export function arrayOption(
  item: OptionRule,
  { rule = 'must be an array', minItems = 0, tooFew }: { rule?: string; minItems?: number; tooFew?: string } = {},
): OptionRule {
  return (value) => {
    if (!Array.isArray(value)) return issue(rule);
    for (const [index, element] of value.entries()) {
      const found = item(element);
      if (found !== undefined) return { ...found, path: [index, ...found.path] };
    }
    if (value.length < minItems) return issue(tooFew ?? `must have at least ${minItems} item(s)`);
    return undefined;
  };
}
