import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Provider knowledge lives in its adapter package (issue 12, point 3): a third provider must never have to edit the
 * provider-neutral packages. This test reads every file of those packages' sources and fails on a line that names a
 * provider, or holds a credential format only a provider documents.
 *
 * Scanned: packages/core/src, and, once they exist, packages/rest-dialect/src (the REST dialect, moved out of
 * core/src/rest) and packages/adapter-memory/src (the in-memory issuer, moved out of core/src/memory).
 * Decision for the dialect: its sources name no provider either, doc comments included; which providers speak the
 * dialect is said in that package's README.md (outside src), and in each adapter's own docs.
 * Tests are scanned too: core's tests and examples use made-up providers (`acme`, `globex`); `allowedFiles` lists
 * the generic tests that may still name a real one, each with its reason (none today).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const neutralSources = ['packages/core/src', 'packages/rest-dialect/src', 'packages/adapter-memory/src'];

/** Files (relative to the repository) that may name a provider, with the reason. Keep it short. */
const allowedFiles: Readonly<Record<string, string>> = {};

/** A provider's name, in any case (package names, env variables, URLs and identifiers included). */
const providerName = /privcards|cryptocardy/i;
/** Credential formats only a provider documents: core knows them only through `registerCredentialShape`. */
const providerCredentialFormat = /\b[sp]k_(?:live|test)_|\bx-seed\b/i;

function filesUnder(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else files.push(path);
  }
  return files;
}

/** `path:line: text` for every line of `text` the pattern matches. */
function offendingLines(path: string, text: string, pattern: RegExp): string[] {
  return text
    .split('\n')
    .flatMap((line, index) => (pattern.test(line) ? [`${path}:${index + 1}: ${line.trim().slice(0, 120)}`] : []));
}

/** Test files and their helpers: they may use provider-like credentials against example shapes they register. */
const isTestFile = (path: string) => /\.test\.ts$/.test(path) || path.split(/[\\/]/).includes('test-support');

function scan(): { names: string[]; credentials: string[]; scannedFiles: number } {
  const names: string[] = [];
  const credentials: string[] = [];
  let scannedFiles = 0;
  for (const directory of neutralSources) {
    const absolute = join(root, directory);
    if (!existsSync(absolute)) continue;
    for (const file of filesUnder(absolute)) {
      const path = relative(root, file).split('\\').join('/');
      if (path in allowedFiles) continue;
      scannedFiles += 1;
      const text = readFileSync(file, 'utf8');
      names.push(...offendingLines(path, text, providerName));
      if (!isTestFile(path)) credentials.push(...offendingLines(path, text, providerCredentialFormat));
    }
  }
  return { names, credentials, scannedFiles };
}

describe('provider-neutral packages', () => {
  const { names, credentials, scannedFiles } = scan();

  it('are scanned at all', () => {
    expect(scannedFiles).toBeGreaterThan(100);
  });

  it('name no provider, in code, comments, docs or tests', () => {
    expect(names).toEqual([]);
  });

  it('hold no provider credential format outside tests', () => {
    expect(credentials).toEqual([]);
  });

  it('spots a provider name and a provider key prefix in any case', () => {
    expect(offendingLines('a.ts', 'ok\n// see PrivCards’ page\nCRYPTOCARDY_SEED', providerName)).toEqual([
      'a.ts:2: // see PrivCards’ page',
      'a.ts:3: CRYPTOCARDY_SEED',
    ]);
    expect(offendingLines('b.ts', "const k = 'sk_live_x';\nheaders['X-Seed']", providerCredentialFormat)).toHaveLength(
      2,
    );
  });
});
