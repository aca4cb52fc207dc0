import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

// Shared by the architecture tests that bound how long a body may run (issue 12, point 5): one parser, one way of
// counting, so the general 200-line bound and the Redis limiter's stricter one measure the same thing.

/** One function, arrow function, method, accessor, constructor or class of a file, and its length. */
export interface MeasuredBody {
  /** The file, as given to `measureBodies`. */
  readonly file: string;
  /** The 1-based line its declaration starts on. */
  readonly line: number;
  /** Its name; an unnamed one is named after what holds it (`const x = () => …` is `x`, a callback `call(…) callback`). */
  readonly name: string;
  /** Its length in lines, from the declaration's first line to its closing brace, both counted. */
  readonly lines: number;
}

/**
 * The `.ts` sources under a folder, recursively, without tests (`*.test.ts`, `*.test-d.ts`), test helpers
 * (`test-support/` folders), declaration files and generated data (`fixtures/` folders, files marked `@generated`).
 */
export function sourceFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = resolve(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'test-support' || entry.name === 'fixtures' || entry.name === 'node_modules'
        ? []
        : sourceFilesUnder(path);
    }
    const isSource = entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts');
    const isTest = /\.test(-d)?\.ts$/.test(entry.name);
    return isSource && !isTest ? [path] : [];
  });
}

/** Every body-carrying function and every class in `text`, in source order, nested ones included. */
export function measureBodies(file: string, text: string): MeasuredBody[] {
  if (/@generated\b/.test(text.slice(0, 500))) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const found: MeasuredBody[] = [];
  const visit = (node: ts.Node) => {
    const hasBody = ts.isFunctionLike(node) && 'body' in node && node.body !== undefined;
    if (hasBody || ts.isClassLike(node)) {
      const start = lineOf(node.getStart(source));
      found.push({ file, line: start + 1, name: nameOf(node, source), lines: lineOf(node.getEnd()) - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A declaration's own name, else the name of the variable, property or call that holds it. */
function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const own = (node as ts.Node & { readonly name?: ts.Node }).name;
  if (own !== undefined) return own.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    return `${parent.expression.getText(source)}(…) callback`;
  }
  return ts.SyntaxKind[node.kind];
}
