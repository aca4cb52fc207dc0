import type { RequestOptions } from '@cardgw/core';
import { Option } from 'commander';

/** The `--idempotency-key` option of mutating commands. */
export interface IdempotencyOption {
  readonly idempotencyKey?: string | undefined;
}

/** `--idempotency-key <key>`: repeat a call whose outcome was ambiguous, with the key its error printed. */
export function idempotencyOption(): Option {
  return new Option(
    '--idempotency-key <key>',
    'repeat an earlier call safely: the key an ambiguous outcome printed (default: a new key)',
  );
}

/** `{ idempotencyKey }` when one was given. */
export function requestOptions(options: IdempotencyOption): RequestOptions {
  return options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey };
}
