import type { PageResult } from '../domain/page.js';
import { createDelegatingPageResult } from '../pagination/delegating-page-result.js';
import type { RequestOptions } from '../port/inputs.js';
import { loadZodForCall } from './load-zod-for-call.js';
import { isZodLoaded } from './zod.js';

/**
 * A `list()` that validates its filters synchronously (it returns a `PageResult`, not a promise): `build` runs now when
 * zod is loaded, else when the result is first awaited or iterated, once `loadZodForCall` loaded it within the call's
 * signal and deadline (`build` gets the options to go on with). Either way a failure reaches the caller as the
 * rejection of the first page, before any request, as every list reports it.
 */
export function listAfterZod<Options extends RequestOptions | undefined, Item>(
  options: Options,
  operation: string,
  provider: string | undefined,
  build: (options: Options) => PageResult<Item>,
): PageResult<Item> {
  if (isZodLoaded()) return build(options);
  return createDelegatingPageResult(async () => ({
    result: build((await loadZodForCall(options, operation, provider)).options),
  }));
}
