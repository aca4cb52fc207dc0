import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureBodies } from './measure-bodies.js';

// Issue 12, point 5 (no 300-line closures): the Redis limiter was one 742-line class; it is now one concept per file
// (`packages/core/src/rate-limit/redis-*.ts`). This keeps it so: no function or class in those files runs over 150
// lines (stricter than the 200 lines no-long-bodies.test.ts allows everywhere), and the public entry stays a short
// front that routes to the parts.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const folder = resolve(root, 'packages/core/src/rate-limit');
const longestBody = 150;

/** Every function (with a body) and class of a file, with its length in lines, declaration to closing brace. */
function bodies(file: string): { readonly name: string; readonly lines: number }[] {
  return measureBodies(relative(folder, file), readFileSync(file, 'utf8')).map((body) => ({
    name: `${body.file}:${body.line} ${body.name}`,
    lines: body.lines,
  }));
}

const redisFiles = readdirSync(folder)
  .filter((name) => name.startsWith('redis-') && name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => resolve(folder, name));

describe("the Redis limiter's layout", () => {
  it(`has no function or class over ${longestBody} lines in its files`, () => {
    expect(redisFiles.length).toBeGreaterThanOrEqual(8); // the split files are all seen
    const measured = redisFiles.flatMap(bodies);
    expect(measured.some(({ name }) => name.includes('GrantLedger'))).toBe(true); // classes are measured
    expect(measured.filter(({ lines }) => lines > longestBody)).toEqual([]);
  });

  it('keeps the public entry a short front: the factory, the checks of each call, the routing', () => {
    const entry = readFileSync(resolve(folder, 'redis-rate-limiter.ts'), 'utf8');
    expect(entry.split('\n').length).toBeLessThanOrEqual(150);
  });
});
