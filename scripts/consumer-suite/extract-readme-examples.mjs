/**
 * Every ```ts block of the repository's READMEs, written out as one module each for the app project to typecheck and
 * run. A block preceded by `<!-- consumer-suite: typecheck only, <why> -->` is typechecked but not run (a server that
 * listens until stopped, a block that needs Redis). Writes `examples.json`: file, source, line, run.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const typecheckOnly = /^<!--\s*consumer-suite:\s*typecheck only\b/;

export async function extractReadmeExamples(repository, into) {
  await mkdir(into, { recursive: true });
  const readmes = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*README.md'], {
    cwd: repository,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((path) => path !== '' && !path.includes('/fixtures/'));
  const examples = [];
  for (const source of readmes) {
    const lines = (await readFile(join(repository, source), 'utf8')).split('\n');
    const slug =
      source === 'README.md'
        ? 'root'
        : source
            .replace(/\/README\.md$/, '')
            .replace(/^packages\//, '')
            .replaceAll('/', '-');
    let index = 0;
    for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[lineIndex])) continue;
      const end = lines.findIndex((line, at) => at > lineIndex && /^```\s*$/.test(line));
      if (end === -1) throw new Error(`${source}:${lineIndex + 1}: a code block that never closes`);
      let previous = lineIndex - 1;
      while (previous >= 0 && lines[previous].trim() === '') previous--;
      index += 1;
      const file = `${slug}-${index}.ts`;
      const code = lines.slice(lineIndex + 1, end).join('\n');
      await writeFile(join(into, file), `// ${source}, line ${lineIndex + 1}\n${code}\n`);
      examples.push({ file, source, line: lineIndex + 1, run: !typecheckOnly.test(lines[previous] ?? '') });
      lineIndex = end;
    }
  }
  await writeFile(join(into, 'examples.json'), `${JSON.stringify(examples, null, 2)}\n`);
  return examples;
}
