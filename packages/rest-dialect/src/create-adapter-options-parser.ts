import { Secret } from '@cardgw/core';
import {
  copyStringRecord,
  customOption,
  type OptionFields,
  type OptionRule,
  objectOption,
  oneOfOption,
} from '@cardgw/core/provider-utils';
import {
  type CredentialSpec,
  parseAdapterOptions,
  type RestAdapterOptions,
  readOptions,
  resolveCredential,
  restAdapterOptionFields,
} from './rest-adapter-options.js';

/** An adapter's own options, each taking one of a few strings: `{ requireMode: ['live', 'sandbox'] }`. */
export type AdapterOptionChoices = Readonly<Record<string, readonly [string, ...string[]]>>;

/** The values of `AdapterOptionChoices`, as the parsed options hold them. */
export type AdapterOptionChoiceValues<Choices extends AdapterOptionChoices> = {
  readonly [Name in keyof Choices]?: Choices[Name][number] | undefined;
};

/** An adapter's options once parsed: the validated options and the credential, wrapped in a `Secret`. */
export interface ParsedAdapterOptions<Choices extends AdapterOptionChoices> {
  /** Every option but the credential, validated. */
  readonly options: RestAdapterOptions & AdapterOptionChoiceValues<Choices>;
  /** The credential, from its option or else its environment variable, checked against its documented shape. */
  readonly credential: Secret;
}

/** Parses an adapter's options strictly; see `createAdapterOptionsParser`. */
export type AdapterOptionsParser<Choices extends AdapterOptionChoices> = (
  options: unknown,
) => ParsedAdapterOptions<Choices>;

/**
 * The options parser of an adapter of the dialect: every `RestAdapterOptions` field, the credential (a string or a
 * `Secret`, else `env[credential.envVar]`), and the adapter's own `choices`. Strict: an unknown or malformed option is
 * a `ConfigError` naming it, never echoing its value (it may be a secret).
 */
export function createAdapterOptionsParser<const Choices extends AdapterOptionChoices = Record<never, never>>(
  provider: string,
  credential: CredentialSpec,
  choices?: Choices,
): AdapterOptionsParser<Choices> {
  const choiceFields = Object.fromEntries(
    Object.entries(choices ?? {}).map(([name, values]): [string, OptionRule] => [name, oneOfOption(values)]),
  );
  const fields: OptionFields = {
    ...restAdapterOptionFields,
    ...choiceFields,
    [credential.option]: customOption(
      (value) => typeof value === 'string' || Secret.isInstance(value),
      'must be a string or a Secret',
    ),
  };
  const rule = objectOption(fields);
  return (input) => {
    const { [credential.option]: given, ...options } = parseAdapterOptions(provider, fields, input, rule) as Record<
      string,
      unknown
    >;
    // Read once, here: a `Proxy` or a null-prototype object of headers is copied into a plain object.
    if (options.headers !== undefined) options.headers = copyStringRecord(options.headers as Record<string, string>);
    const parsed = options as RestAdapterOptions & AdapterOptionChoiceValues<Choices>;
    return {
      options: parsed,
      credential: readOptions(provider, () =>
        resolveCredential(provider, credential, given as string | Secret | undefined, parsed.env ?? process.env),
      ),
    };
  };
}

/**
 * A strict parser for some of the adapter options, for a call beside the port that takes no credential (a
 * provider's credential provisioning). `passThrough` names inputs of the call accepted here unchecked, for the call to check as input.
 */
export function createRestOptionsParser<Name extends keyof RestAdapterOptions, const Passed extends string = never>(
  provider: string,
  names: readonly Name[],
  passThrough: readonly Passed[] = [],
): (options: unknown) => Pick<RestAdapterOptions, Name> & { readonly [Input in Passed]?: unknown } {
  const acceptAnything: OptionRule = () => undefined;
  const fields: OptionFields = {
    ...Object.fromEntries(names.map((name) => [name, restAdapterOptionFields[name]])),
    ...Object.fromEntries(passThrough.map((name) => [name, acceptAnything])),
  };
  const rule = objectOption(fields);
  return (input) => {
    const parsed = parseAdapterOptions<Record<string, unknown>>(provider, fields, input, rule);
    if (parsed.headers !== undefined) parsed.headers = copyStringRecord(parsed.headers as Record<string, string>);
    return parsed as Pick<RestAdapterOptions, Name> & { readonly [Input in Passed]?: unknown };
  };
}
