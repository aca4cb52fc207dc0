import type { PageResult } from '../domain/page.js';
import { createDelegatingPageResult } from '../pagination/delegating-page-result.js';
import { isZodLoaded, loadZod } from './zod.js';

/**
 * A `list()` that validates its filters synchronously (it returns a `PageResult`, not a promise): `build` runs now when
 * zod is loaded, else when the result is first awaited or iterated, once `loadZod()` resolved. Either way a failure
 * reaches the caller as the rejection of the first page, before any request, as every list reports it.
 */
export function listAfterZod<Item>(build: () => PageResult<Item>): PageResult<Item> {
  if (isZodLoaded()) return build();
  return createDelegatingPageResult(async () => {
    await loadZod();
    return { result: build() };
  });
}
