import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources: `@cardgw/*` resolves to `src/`, exactly as in tsconfig.json's paths.
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// Every test file, both projects: fails a file whose output, errors, logs or hook payloads hold a secret or card data.
const leakageAudit = source('./tests/leakage-audit/setup.ts');
// Every test file starts with zod loaded, as a process that has made one call has (see the file).
const zodLoaded = source('./tests/test-support/load-zod.ts');
// Every workspace package: `@cardgw/<package>` is `packages/<package>/src/index.ts`, a subpath
// `@cardgw/<package>/<sub>` is `packages/<package>/src/<sub>/index.ts` (the layout every package.json's exports follow).
const alias = [
  { find: /^@cardgw\/([a-z][a-z-]*)$/, replacement: source('./packages/$1/src/index.ts') },
  { find: /^@cardgw\/([a-z][a-z-]*)\/(.+)$/, replacement: source('./packages/$1/src/$2/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          setupFiles: [leakageAudit, zodLoaded],
          include: [
            'packages/*/src/**/*.test.ts',
            'examples/src/**/*.test.ts',
            'bench/**/*.test.ts',
            'tests/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/*.chaos.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'chaos',
          setupFiles: [leakageAudit, zodLoaded],
          include: ['packages/*/src/**/*.chaos.test.ts', 'tests/**/*.chaos.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
