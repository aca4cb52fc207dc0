import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Core's root entry is what applications use: at most 80 names (types count), each documented where it is declared.
// What only adapter authors need sits behind `@cardgw/core/provider-utils`. The TypeScript checker counts the names
// exactly as a consumer sees them (re-exports followed, `export *` expanded, types included).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const maximumRootNames = 80;

/**
 * A declaration's documentation comment; for a namespace re-export (`export type * as Cardgw from './app-types.js'`)
 * the file's `@module` comment, which is what typedoc shows for the namespace.
 */
function documentationOf(declared: ts.Symbol, checker: ts.TypeChecker): string {
  const file = declared.declarations?.find(ts.isSourceFile);
  if (!file) return ts.displayPartsToString(declared.getDocumentationComment(checker)).trim();
  const moduleComment = file.statements
    .flatMap((statement) => ts.getJSDocCommentsAndTags(statement))
    .find((comment) => ts.isJSDoc(comment) && comment.tags?.some((tag) => tag.tagName.text === 'module'));
  return moduleComment && ts.isJSDoc(moduleComment)
    ? (ts.getTextOfJSDocComment(moduleComment.comment) ?? '').trim()
    : '';
}

/** Every name an entry exports, with its documentation comment (empty when it has none). */
function exportedNames(entries: readonly string[]): Map<string, Map<string, string>> {
  const files = entries.map((entry) => resolve(root, entry));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  return new Map(
    entries.map((entry, index) => {
      const source = program.getSourceFile(files[index]!);
      const module = source && checker.getSymbolAtLocation(source);
      if (!module) throw new Error(`${entry} is not a module`);
      const names = new Map<string, string>();
      for (const exported of checker.getExportsOfModule(module)) {
        const declared = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        names.set(exported.name, documentationOf(declared, checker));
      }
      return [entry, names];
    }),
  );
}

const rootEntry = 'packages/core/src/index.ts';
const providerUtilsEntry = 'packages/core/src/provider-utils/index.ts';
const names = exportedNames([rootEntry, providerUtilsEntry]);

describe("core's front door", () => {
  it(`@cardgw/core exports at most ${maximumRootNames} names, types included`, () => {
    const rootNames = names.get(rootEntry)!;
    expect(rootNames.size).toBeGreaterThan(40); // the walk did see the entry
    expect(rootNames.size).toBeLessThanOrEqual(maximumRootNames);
  });

  it('documents every name of the root entry and of @cardgw/core/provider-utils where it is declared', () => {
    const undocumented = [...names.entries()].flatMap(([entry, entryNames]) =>
      [...entryNames].filter(([, documentation]) => documentation === '').map(([name]) => `${entry}: ${name}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('keeps the two entries apart: no name is exported by both', () => {
    const rootNames = names.get(rootEntry)!;
    const both = [...names.get(providerUtilsEntry)!.keys()].filter((name) => rootNames.has(name));
    expect(both).toEqual([]);
  });
});
