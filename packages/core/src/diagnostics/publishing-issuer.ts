import type { PageResult } from '../domain/page.js';
import type { CardIssuer } from '../port/card-issuer.js';
import { rethrowPublished } from './publish-failure.js';

/** The port's resource groups, whose methods are the calls an application makes. */
const resourceGroups = ['cards', 'transactions', 'wallet', 'bins', 'threeDS', 'webhooks'] as const;

/**
 * `issuer` with every failure of its port methods reported on `cardgw:error` as it leaves (see `publishFailure`):
 * a rejected call, a list whose page or iteration fails, a method that throws. Everything else of the issuer (its
 * provider, capabilities, `close`, the extras beside the port) is passed through as it is.
 */
export function publishingFailures<Issuer extends CardIssuer>(issuer: Issuer): Issuer {
  const wrapped: Record<string, unknown> = { ...(issuer as object) };
  for (const group of resourceGroups) {
    const methods = issuer[group] as unknown as Record<string, unknown> | undefined;
    if (typeof methods !== 'object' || methods === null) continue;
    const publishing: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(methods)) {
      publishing[name] = typeof method === 'function' ? publishingCall(method.bind(methods)) : method;
    }
    wrapped[group] = publishing;
  }
  return wrapped as Issuer;
}

function publishingCall(method: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => {
    let result: unknown;
    try {
      result = method(...args);
    } catch (error) {
      rethrowPublished(error);
    }
    if (isPageResult(result)) return publishingPageResult(result);
    if (result instanceof Promise) return result.catch(rethrowPublished);
    return result;
  };
}

function isPageResult(value: unknown): value is PageResult<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value && 'toArray' in value;
}

function publishingPageResult<Item>(result: PageResult<Item>): PageResult<Item> {
  async function* iterate(): AsyncGenerator<Item, void, undefined> {
    try {
      yield* result;
    } catch (error) {
      rethrowPublished(error);
    }
  }
  return {
    // biome-ignore lint/suspicious/noThenProperty: a PageResult is awaitable by design (the first page).
    then(onFulfilled, onRejected) {
      return Promise.resolve(result).catch(rethrowPublished).then(onFulfilled, onRejected);
    },
    [Symbol.asyncIterator]: iterate,
    toArray: (options) => result.toArray(options).catch(rethrowPublished),
  };
}
