import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What production code loads. An application imports an adapter's main entry (or core's); test machinery (the
// in-memory issuer, the contract suite, every simulator) must not come with it. This walks the runtime import graph
// of the TypeScript sources (`packages/<package>/src`, resolved as tsconfig.json's paths and vitest's alias resolve
// `@cardgw/<package>[/<sub>]`), the same graph the built `dist/` has since tsc emits one module per source file:
// type-only imports are erased (`import type`, `export type`), dynamic `import()` runs only when called (the lazy
// simulator start), so both are not followed.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Static runtime imports and re-exports: `import … from '…'`, `export … from '…'`, `import '…'`, not `… type …`. */
const staticImport = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

interface Graph {
  /** Every module of the repository loaded, with the chain of imports that loads it. */
  readonly modules: Map<string, readonly string[]>;
  /** Third-party packages and node: builtins imported on the way. */
  readonly external: Set<string>;
}

function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));
  const workspace = /^@cardgw\/([a-z][a-z-]*)(?:\/(.+))?$/.exec(specifier);
  if (workspace) return resolve(root, `packages/${workspace[1]}/src`, workspace[2] ?? '', 'index.ts');
  return undefined;
}

function runtimeGraph(entry: string): Graph {
  const start = resolve(root, entry);
  const modules = new Map<string, readonly string[]>([[start, [start]]]);
  const external = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const match of readFileSync(file, 'utf8').matchAll(staticImport)) {
      const specifier = match[1]!;
      const target = resolveSpecifier(file, specifier);
      if (target === undefined) {
        external.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
        continue;
      }
      if (!existsSync(target)) throw new Error(`${relative(root, file)} imports ${specifier}: no such file`);
      if (modules.has(target)) continue;
      modules.set(target, [...modules.get(file)!, target]);
      queue.push(target);
    }
  }
  return { modules, external };
}

const packageOf = (file: string) => relative(root, file).split('/')[1]!;
const chain = (files: readonly string[]) => files.map((file) => relative(root, file)).join(' → ');

/** Test machinery: a module of these packages, or any simulator, never loads with a production entry. */
function isTestMachinery(file: string): boolean {
  const path = relative(root, file);
  return (
    path.startsWith('packages/adapter-memory/') ||
    path.startsWith('packages/testing/') ||
    /^packages\/[^/]+\/src\/(?:.+\/)?simulator\//.test(path) ||
    /\/test-support\//.test(path) ||
    /\.test\.ts$/.test(path)
  );
}

function testMachineryLoaded(graph: Graph): string[] {
  return [...graph.modules].filter(([file]) => isTestMachinery(file)).map(([, files]) => chain(files));
}

describe('the import graph of production entries', () => {
  for (const adapter of ['privcards', 'cryptocardy']) {
    describe(`@cardgw/adapter-${adapter}`, () => {
      const graph = runtimeGraph(`packages/adapter-${adapter}/src/index.ts`);

      it('loads exactly the adapter, the REST dialect and core', () => {
        expect(graph.modules.size).toBeGreaterThan(40); // the walk did follow the imports
        expect(new Set([...graph.modules.keys()].map(packageOf))).toEqual(
          new Set([`adapter-${adapter}`, 'rest-dialect', 'core']),
        );
      });

      it('loads no module of adapter-memory or testing, and no simulator', () => {
        expect(testMachineryLoaded(graph)).toEqual([]);
      });

      it('loads no zod: building an adapter does not need it, the first call loads it (core/src/validation/zod.ts)', () => {
        expect(graph.external.has('zod')).toBe(false);
        expect(graph.external.has('axios')).toBe(false); // loaded by the first request (http/transport.ts)
      });

      it('loads no test runner', () => {
        expect([...graph.external].filter((name) => ['vitest', '@jest/globals', 'node:test'].includes(name))).toEqual(
          [],
        );
      });
    });
  }

  for (const entry of ['core/src/index.ts', 'core/src/provider-utils/index.ts', 'rest-dialect/src/index.ts']) {
    it(`packages/${entry} loads no test machinery${entry.startsWith('core') ? ' and nothing outside core' : ''}`, () => {
      const graph = runtimeGraph(`packages/${entry}`);
      expect(graph.modules.size).toBeGreaterThan(10);
      expect(testMachineryLoaded(graph)).toEqual([]);
      expect(graph.external.has('zod'), `${entry} loads zod`).toBe(false);
      if (entry.startsWith('core')) {
        const outside = [...graph.modules]
          .filter(([file]) => packageOf(file) !== 'core')
          .map(([, files]) => chain(files));
        expect(outside).toEqual([]);
      }
    });
  }

  it('sees test machinery where it is meant to load: the simulator subpaths load the in-memory issuer', () => {
    for (const entry of ['adapter-privcards/src/simulator/index.ts', 'rest-dialect/src/simulator/index.ts']) {
      const graph = runtimeGraph(`packages/${entry}`);
      // rest-dialect's `startRestSimulator` loads the server lazily; the adapter's simulator imports the issuer.
      const loaded = [...graph.modules.keys()].filter(isTestMachinery).map((file) => relative(root, file));
      expect(loaded.length, entry).toBeGreaterThan(0);
    }
    const privcardsSimulator = runtimeGraph('packages/adapter-privcards/src/simulator/index.ts');
    expect(privcardsSimulator.modules.has(resolve(root, 'packages/adapter-memory/src/memory-issuer.ts'))).toBe(true);
  });
});
