import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Production code imports an adapter's main entry; the in-memory issuer is for tests (the `testing` and `simulator`
// subpaths). This walks the runtime import graph of each main entry (type-only imports are erased, dynamic imports
// run only when called) and checks no module of `packages/adapter-memory/src/` is loaded with it.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const memoryDirectory = resolve(root, 'packages/adapter-memory/src');

/** Static runtime imports and re-exports: `import … from '…'`, `export … from '…'`, `import '…'`, not `… type …`. */
const staticImport = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));
  const workspace = /^@cardgw\/([a-z][a-z-]*)(?:\/(.+))?$/.exec(specifier);
  if (workspace) return resolve(root, `packages/${workspace[1]}/src`, workspace[2] ?? '', 'index.ts');
  return undefined; // a third-party package or a node: builtin
}

/** Every module of the repository loaded by importing `entry`, with the chain that loads it. */
function runtimeGraph(entry: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(staticImport)) {
      const target = resolveSpecifier(file, match[1]!);
      if (target === undefined || chains.has(target) || !existsSync(target)) continue;
      chains.set(target, [...chains.get(file)!, target]);
      queue.push(target);
    }
  }
  return chains;
}

describe("an adapter's main entry", () => {
  for (const adapter of ['privcards', 'cryptocardy']) {
    it(`@cardgw/adapter-${adapter} does not load the in-memory issuer`, () => {
      const graph = runtimeGraph(resolve(root, `packages/adapter-${adapter}/src/index.ts`));
      expect(graph.size).toBeGreaterThan(20);
      const loaded = [...graph.entries()]
        .filter(([file]) => file.startsWith(memoryDirectory))
        .map(([, chain]) => chain.map((file) => file.slice(root.length + 1)).join(' → '));
      expect(loaded).toEqual([]);
    });

    it(`@cardgw/adapter-${adapter}/testing gives the profile without loading the in-memory issuer either`, () => {
      const graph = runtimeGraph(resolve(root, `packages/adapter-${adapter}/src/testing/index.ts`));
      expect([...graph.keys()].filter((file) => file.startsWith(memoryDirectory))).toEqual([]);
    });
  }

  it('the simulator subpath does load it (the walk sees through re-exports)', () => {
    const graph = runtimeGraph(resolve(root, 'packages/adapter-privcards/src/simulator/index.ts'));
    expect(graph.has(resolve(memoryDirectory, 'memory-issuer.ts'))).toBe(true);
  });
});
