import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// An application must be able to name every type it meets in what it calls: `async function fund(input: FundingInput)`
// may not need the adapter authors' subpath. This walks the application-facing API as npm users get it (the root
// entry's declaration files, emitted in memory with the package's own build options), collects every named type its
// exported functions, classes, interfaces and aliases mention (parameters, results, properties, heritage, type
// arguments, recursively), and checks each is exported by `@cardgw/core` itself or by its `Cardgw` type namespace.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceEntry = resolve(root, 'packages/core/src/index.ts');
const namespaceName = 'Cardgw';
// Inside the package, so its package.json (`"type": "module"`) governs the emitted files as it does in `dist/`.
const declarationDirectory = resolve(root, 'packages/core/.app-types-test-declarations');
const declarationEntry = resolve(declarationDirectory, 'index.d.ts');

/** Emits core's declaration files in memory, as `pnpm build` would, and returns a checker over them. */
function declarationProgram(): ts.Program {
  const configPath = resolve(root, 'packages/core/tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    outDir: declarationDirectory,
    declaration: true,
    declarationMap: false,
    emitDeclarationOnly: true,
    sourceMap: false,
    noEmit: false,
  };
  const declarations = new Map<string, string>();
  const emitted = ts.createProgram([sourceEntry], options).emit(undefined, (fileName, text) => {
    declarations.set(resolve(fileName), text);
  });
  if (emitted.emitSkipped) throw new Error('declaration emit failed');

  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const directoryExists = host.directoryExists?.bind(host);
  host.readFile = (fileName) => declarations.get(resolve(fileName)) ?? readFile(fileName);
  host.fileExists = (fileName) => declarations.has(resolve(fileName)) || fileExists(fileName);
  host.directoryExists = (directory) =>
    resolve(directory).startsWith(declarationDirectory) || (directoryExists?.(directory) ?? true);
  return ts.createProgram([declarationEntry], { ...options, noEmit: true, emitDeclarationOnly: false }, host);
}

const program = declarationProgram();
const checker = program.getTypeChecker();

const declaredBy = (symbol: ts.Symbol) =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
const isCoreDeclaration = (declaration: ts.Declaration) =>
  resolve(declaration.getSourceFile().fileName).startsWith(declarationDirectory);
const namedTypeFlags = ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class | ts.SymbolFlags.Enum;
const isCoreNamedType = (symbol: ts.Symbol) =>
  (symbol.flags & namedTypeFlags) !== 0 && (symbol.declarations ?? []).some(isCoreDeclaration);

const entrySource = program.getSourceFile(declarationEntry);
const entryModule = entrySource && checker.getSymbolAtLocation(entrySource);
if (!entryModule) throw new Error(`${declarationEntry} was not emitted`);
const rootExports = checker.getExportsOfModule(entryModule);
const namespaceExport = rootExports.find((exported) => exported.name === namespaceName);
const namespaceModule = namespaceExport && declaredBy(namespaceExport);
const namespaceMembers = namespaceModule ? checker.getExportsOfModule(namespaceModule) : [];

/** Every core type named, directly or through other core types, by the root's exports (the namespace left out). */
function reachableTypes(): Map<ts.Symbol, string> {
  const namedBy = new Map<ts.Symbol, string>();
  const pending: ts.Symbol[] = [];
  const reach = (symbol: ts.Symbol, by: string) => {
    if (namedBy.has(symbol) || !isCoreNamedType(symbol)) return;
    namedBy.set(symbol, by);
    pending.push(symbol);
  };
  const visit = (node: ts.Node, by: string) => {
    let name: ts.Node | undefined;
    if (ts.isTypeReferenceNode(node)) name = node.typeName;
    else if (ts.isExpressionWithTypeArguments(node))
      name = node.expression; // extends / implements
    else if (ts.isImportTypeNode(node)) name = node.qualifier; // import('./x.js').Name
    if (name && ts.isQualifiedName(name))
      name = name.right; // Namespace.Name
    else if (name && ts.isPropertyAccessExpression(name)) name = name.name;
    const symbol = name && checker.getSymbolAtLocation(name);
    if (symbol) {
      const declared = declaredBy(symbol);
      for (const declaration of declared.declarations ?? []) {
        if (!isCoreDeclaration(declaration)) foreignFiles.add(declaration.getSourceFile().fileName);
      }
      reach(declared, by);
    }
    ts.forEachChild(node, (child) => visit(child, by));
  };
  const walk = (symbol: ts.Symbol, by: string) => {
    for (const declaration of symbol.declarations ?? []) if (isCoreDeclaration(declaration)) visit(declaration, by);
  };
  for (const exported of rootExports) {
    if (exported === namespaceExport) continue;
    const symbol = declaredBy(exported);
    reach(symbol, '@cardgw/core');
    walk(symbol, exported.name);
  }
  for (let symbol = pending.shift(); symbol; symbol = pending.shift()) walk(symbol, symbol.name);
  return namedBy;
}

/** Files outside core that declare a type the API names: TypeScript's lib, @types/node, or a dependency's. */
const foreignFiles = new Set<string>();
const reachable = reachableTypes();
const fromRoot = new Set(rootExports.map(declaredBy));
const fromNamespace = new Set(namespaceMembers.map(declaredBy));
const describeType = (symbol: ts.Symbol) => {
  const file = symbol.declarations![0]!.getSourceFile().fileName.slice(declarationDirectory.length + 1);
  return `${symbol.name} (${file.replace(/\.d\.ts$/, '.ts')}, named by ${reachable.get(symbol) ?? 'nothing'})`;
};

describe(`every type the application-facing API names is nameable from @cardgw/core (directly or as ${namespaceName}.X)`, () => {
  it('walks the whole surface: the gateway, the port, the errors, webhooks, config and limiter types', () => {
    const names = new Set([...reachable.keys()].map((symbol) => symbol.name));
    for (const name of ['CardIssuer', 'FundingInput', 'Page', 'Merchant', 'ThreeDSStatus', 'Logger', 'BinCriteria']) {
      expect(names, name).toContain(name);
    }
    expect(reachable.size).toBeGreaterThan(100);
  });

  it('finds no type an application would have to import from @cardgw/core/provider-utils or cannot name at all', () => {
    const unnameable = [...reachable.keys()]
      .filter((symbol) => !fromRoot.has(symbol) && !fromNamespace.has(symbol))
      .map(describeType);
    expect(unnameable).toEqual([]);
  });

  it("names no dependency's type (axios, zod, cockatiel, ioredis): only core's, the language's and Node's", () => {
    const dependencyFiles = [...foreignFiles].filter(
      (file) => !/\/typescript\/lib\/lib\.[\w.]+\.d\.ts$/.test(file) && !/\/@types\/node\//.test(file),
    );
    expect(foreignFiles.size).toBeGreaterThan(0); // the walk did record them (Promise, AbortSignal, IncomingMessage)
    expect(dependencyFiles).toEqual([]);
  });

  it(`exports ${namespaceName} from the root as a type-only namespace`, () => {
    expect(namespaceExport, `@cardgw/core exports no ${namespaceName}`).toBeDefined();
    const declaration = namespaceExport!.declarations?.[0];
    // `export type * as Cardgw from './app-types.js'`: no code in a bundle, and `Cardgw` can never be used as a value.
    expect(declaration && ts.isNamespaceExport(declaration) && declaration.parent.isTypeOnly).toBe(true);
  });

  it(`holds in ${namespaceName} exactly the interfaces and type aliases the API names, the root's included`, () => {
    const typeOnly = ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias;
    const expected = [...reachable.keys()].filter((symbol) => (symbol.flags & typeOnly) !== 0);
    const missing = expected.filter((symbol) => !fromNamespace.has(symbol)).map(describeType);
    // Nothing only adapter authors need, and no value: classes and functions are exported by the root itself.
    const extra = [...fromNamespace].filter((symbol) => !expected.includes(symbol)).map((symbol) => symbol.name);
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(fromNamespace.size).toBeGreaterThan(100);
  });

  it(`documents every member of ${namespaceName} where it is declared`, () => {
    const undocumented = [...fromNamespace]
      .filter((symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '')
      .map((symbol) => symbol.name);
    expect(fromNamespace.size).toBeGreaterThan(100);
    expect(undocumented).toEqual([]);
  });
});
