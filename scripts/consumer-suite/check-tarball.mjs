/**
 * What a tarball must hold to stand alone on the registry: README, LICENSE, repository/homepage/bugs, and source maps
 * that carry their sources (no map pointing at a file the tarball does not ship). Returns a one-line summary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

export async function checkTarball(tarball, into) {
  await mkdir(into, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', into]);
  if (untar.status !== 0) throw new Error(`cannot unpack ${tarball}: ${untar.stderr}`);
  const root = join(into, 'package');
  const problems = [];
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  for (const file of ['README.md', 'LICENSE']) if (!existsSync(join(root, file))) problems.push(`no ${file}`);
  if ((await readFile(join(root, 'LICENSE'), 'utf8').catch(() => '')).startsWith('MIT License') === false) {
    problems.push('LICENSE is not the MIT license the manifest names');
  }
  for (const field of ['repository', 'homepage', 'bugs', 'license', 'engines']) {
    if (manifest[field] === undefined) problems.push(`package.json has no "${field}"`);
  }
  const files = await listFiles(root);
  let maps = 0;
  for (const file of files) {
    if (file.endsWith('.map')) {
      maps += 1;
      const map = JSON.parse(await readFile(file, 'utf8'));
      const carried = map.sourcesContent?.filter((content) => typeof content === 'string').length ?? 0;
      if (carried !== map.sources.length) problems.push(`${relative(root, file)} does not carry its sources`);
    } else if (/\.(js|d\.ts)$/.test(file)) {
      const reference = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(await readFile(file, 'utf8'))?.[1];
      if (reference !== undefined && !existsSync(join(dirname(file), reference))) {
        problems.push(`${relative(root, file)} points at ${reference}, which is not shipped`);
      }
    }
    if (/\.test\.|test-support/.test(file)) problems.push(`${relative(root, file)} is a test file`);
  }
  if (problems.length > 0) throw new Error(`${manifest.name}:\n  ${problems.slice(0, 20).join('\n  ')}`);
  return `${manifest.name}: ${files.length} files, README, LICENSE, repository/homepage/bugs, ${maps} maps carrying their sources`;
}

async function listFiles(directory) {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}
