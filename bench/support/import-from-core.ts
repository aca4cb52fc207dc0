import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A package as `@cardgw/core` resolves it (axios, zod: the bench folder has no dependencies of its own), so a bench
 * compares against the very copy the library runs.
 */
export async function importFromCore<Module>(name: string, entry: string): Promise<Module> {
  const require = createRequire(new URL('../../packages/core/package.json', import.meta.url));
  const root = dirname(require.resolve(`${name}/package.json`));
  return (await import(pathToFileURL(join(root, entry)).href)) as Module;
}
