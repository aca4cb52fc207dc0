import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchResult } from './types.js';

// Runs every bench/p<N>-*.ts in order, in one process, and prints `name: value (target …)` per figure.
// Filter with `pnpm bench p1 p2`.
const folder = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2).map((name) => name.toLowerCase());
const files = (await readdir(folder))
  .filter((file) => /^p\d+-.*\.ts$/.test(file) && !file.endsWith('.test.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(`${name}-`)))
  .sort((left, right) => Number.parseInt(left.slice(1), 10) - Number.parseInt(right.slice(1), 10));

let failed = 0;
for (const file of files) {
  const bench = (await import(pathToFileURL(`${folder}${file}`).href)).default as Bench;
  let results: readonly BenchResult[];
  try {
    results = await bench();
  } catch (error) {
    failed++;
    console.log(`${file}: failed to run: ${error instanceof Error ? error.message : String(error)}`);
    continue;
  }
  for (const result of results) {
    const verdict = result.pass === undefined ? '' : result.pass ? '  ok' : '  MISSED';
    if (result.pass === false) failed++;
    console.log(`${result.name}: ${result.value} (target ${result.target})${verdict}`);
  }
}
console.log(failed === 0 ? 'all targets met' : `${failed} target(s) missed`);
