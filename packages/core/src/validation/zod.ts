import type { z as Zod } from 'zod';
import { ConfigError } from '../errors/config-error.js';

// zod is the library's validator, and its import is the largest part of an adapter's cold start: about 80 ms and 95
// modules on Node 20 (it loads every locale), more than stripe-node's whole import and construction (P6 in bench/).
// Construction needs no schema (options are checked by `option-rules.ts`), so zod loads with the first call instead:
// every call path awaits `loadZod()` before it validates, and schemas are built on first use (`lazySchema`). A dynamic
// `import('zod')` rather than a synchronous `require`: bundlers follow it, and it resolves to the same ES module an
// application's own `import { z } from 'zod'` gets, so there is one copy of zod in the process. Only a synchronous API
// used before any call falls back to `require` (see `z`).

let loaded: typeof Zod | undefined;
let loadedBy: 'import' | 'require' | 'provided' | undefined;
let loading: Promise<void> | undefined;
const alreadyLoaded = Promise.resolve();

/**
 * Loads zod once per process; resolves when `z` is usable. Idempotent and cheap once loaded (an already-resolved
 * promise). Every call path awaits it before its first validation (`loadZodForCall`). Rejects with a `ConfigError`
 * when zod cannot be loaded (a broken installation, a bundle that left it out); the next call tries again.
 */
export function loadZod(): Promise<void> {
  if (loaded !== undefined) return alreadyLoaded;
  loading ??= import('zod').then(
    (module) => {
      if (loaded !== undefined) return; // loaded synchronously meanwhile: keep that copy, schemas never mix two
      loaded = module.z;
      loadedBy = 'import';
    },
    (cause: unknown) => {
      loading = undefined;
      throw zodUnavailable('', cause);
    },
  );
  return loading;
}

/** The typed refusal when zod cannot be loaded: nothing was sent, the installation must be fixed. */
function zodUnavailable(advice: string, cause: unknown): ConfigError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ConfigError(
    `zod, the validator cardgw checks every call with, could not be loaded (${reason}): install the zod version ` +
      `@cardgw/core depends on${advice}.`,
    { cause },
  );
}

/**
 * Hands core a `z` an adapter imported statically anyway (the in-memory adapter, whose cold start is not measured), so
 * core's schemas work at once, with no `loadZod()` to await. The first `z` core gets is kept: a later one (another copy
 * of zod) is ignored, so schemas never mix copies.
 */
export function provideZod(zod: typeof Zod): void {
  if (loaded !== undefined) return;
  loaded = zod;
  loadedBy = 'provided';
}

/** Whether `loadZod()` has finished, so a schema can be used synchronously now. */
export function isZodLoaded(): boolean {
  return loaded !== undefined;
}

/**
 * How zod was loaded: `import` (`loadZod()`, every call path), `require` (a synchronous API used first, see `z`),
 * `provided` (`provideZod`), or `undefined` (not yet). For tests that check which path loaded it.
 */
export function howZodWasLoaded(): 'import' | 'require' | 'provided' | undefined {
  return loadedBy;
}

/**
 * zod's `z`, for schema builders that run on first use (`lazySchema(() => z.string())`). Every call path awaits
 * `loadZod()` first. A synchronous API used before any call (`constructWebhookEvent` in a process that only receives
 * webhooks) cannot await: zod is then required synchronously from Node's module loader (its CommonJS build; the
 * later `import()` keeps this copy). Without one (a bundle that left zod out, a runtime with no `node:module`) that
 * throws, naming the asynchronous counterpart.
 */
export const z: typeof Zod = new Proxy({} as typeof Zod, {
  get: (_target, key) => Reflect.get(loadedZod(), key),
  has: (_target, key) => Reflect.has(loadedZod(), key),
});

function loadedZod(): typeof Zod {
  if (loaded === undefined) {
    loaded = requireZod();
    loadedBy = 'require';
  }
  return loaded;
}

interface NodeModuleApi {
  createRequire(path: string): (id: string) => unknown;
}

/**
 * zod from Node's module loader, synchronously; no static import of `node:module`, so edge bundles stay clean. Resolved
 * from this module, else (a CommonJS bundle, where `import.meta.url` is empty) from the working directory.
 */
function requireZod(): typeof Zod {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown; cwd?: () => string } })
    .process;
  const moduleApi = nodeProcess?.getBuiltinModule?.('node:module') as NodeModuleApi | undefined;
  try {
    if (moduleApi === undefined) throw new Error('this runtime has no node:module');
    const base = typeof import.meta.url === 'string' ? import.meta.url : `${nodeProcess?.cwd?.() ?? '.'}/`;
    return (moduleApi.createRequire(base)('zod') as { z: typeof Zod }).z;
  } catch (cause) {
    throw zodUnavailable(
      ' where the process runs (a synchronous API such as constructWebhookEvent, used before any call, needs it on ' +
        'disk), or use the asynchronous handleWebhookRequest or constructWebhookEventWebCrypto, which load it as ' +
        'bundlers expect',
      cause,
    );
  }
}
