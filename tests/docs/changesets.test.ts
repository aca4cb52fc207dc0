import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `changeset version` refuses a changeset whose front matter a formatter turned into a heading (it happened once:
// three release notes would never have reached a changelog). Each file must open with the front matter changesets
// reads: `---`, one `'<package>': major|minor|patch` line per package of this workspace, `---`.
const root = new URL('../../', import.meta.url);
const folder = new URL('.changeset/', root);
const packages = new Set(
  readdirSync(new URL('packages/', root)).map(
    (name) =>
      (JSON.parse(readFileSync(new URL(`packages/${name}/package.json`, root), 'utf8')) as { name: string }).name,
  ),
);
const changesets = readdirSync(folder).filter((file) => file.endsWith('.md') && file !== 'README.md');

describe('changesets', () => {
  it('has some to check', () => expect(changesets.length).toBeGreaterThan(0));

  it.each(changesets)('%s opens with front matter naming workspace packages and a bump', (file) => {
    const text = readFileSync(new URL(file, folder), 'utf8');
    const match = /^---\n((?:.+\n)+?)---\n/.exec(text);
    expect(match, 'front matter: ---, package lines, ---').not.toBeNull();
    for (const line of match![1]!.trimEnd().split('\n')) {
      const entry = /^['"]?(@cardgw\/[a-z-]+)['"]?:\s*(major|minor|patch)$/.exec(line.trim());
      expect(entry, `"${line}" is not '<package>': major|minor|patch`).not.toBeNull();
      expect(packages.has(entry![1]!), `${entry![1]} is not a package of this workspace`).toBe(true);
    }
  });
});
