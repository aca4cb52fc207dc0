import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../', import.meta.url));

/** Every file git knows or would add (tracked, or new and not ignored). */
function repositoryFiles(pattern: string): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', pattern], {
    cwd: repository,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((path) => path !== '' && existsSync(join(repository, path)));
}

/** The text of a markdown file without its fenced code blocks and inline code: links there are not links. */
function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The link targets of a markdown text: inline links and images, and reference definitions. */
function linkTargets(markdown: string): string[] {
  const prose = proseOf(markdown);
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? '');
  const references = [...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1] ?? '');
  return [...inline, ...references];
}

/** GitHub's anchors for a markdown file's headings. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '')
    .matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** What is wrong with one relative link of `file`, or undefined when it resolves inside the repository. */
function problemWith(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto:…: not a path in the repository
  const [pathPart = '', anchor] = target.split('#', 2);
  const path = decodeURIComponent(pathPart);
  const resolved = path === '' ? join(repository, file) : resolve(repository, dirname(file), path);
  const inside = relative(repository, resolved);
  if (inside.startsWith('..') || resolve(resolved) === resolve('/')) return 'points outside the repository';
  if (!existsSync(resolved)) return 'points at nothing';
  if (anchor !== undefined && anchor !== '' && resolved.endsWith('.md') && statSync(resolved).isFile()) {
    if (!headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) return `has no heading #${anchor}`;
  }
  return undefined;
}

describe('documentation links', () => {
  it('finds inline links and reference definitions, but not links inside code', () => {
    const markdown = '[a](docs/a.md) ![b](img.png "t") `[c](no.md)`\n\n[d]: ../d.md\n\n```md\n[e](e.md)\n```\n';
    expect(linkTargets(markdown)).toEqual(['docs/a.md', 'img.png', '../d.md']);
    expect(headingAnchors('# The contract suite (`@cardgw/testing`)\n## 4. Failover: only where\n')).toEqual(
      new Set(['the-contract-suite-cardgwtesting', '4-failover-only-where']),
    );
  });

  it('resolves every relative link of every markdown file inside the repository, anchors included', () => {
    const markdownFiles = repositoryFiles('*.md');
    expect(markdownFiles).toEqual(
      expect.arrayContaining(['README.md', 'docs/architecture.md', 'packages/core/README.md']),
    );
    const broken: string[] = [];
    for (const file of markdownFiles) {
      for (const target of linkTargets(readFileSync(join(repository, file), 'utf8'))) {
        const problem = problemWith(file, target);
        if (problem !== undefined) broken.push(`${file}: (${target}) ${problem}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names no path outside the repository: not the team workspace, not its design document', () => {
    const outside: string[] = [];
    for (const file of repositoryFiles('*')) {
      if (file === 'tests/docs/markdown-links.test.ts' || file === 'pnpm-lock.yaml') continue;
      if (!/\.(md|ts|mts|cts|js|mjs|cjs|json|ya?ml|sh)$/.test(file) && !file.startsWith('.ci/')) continue;
      const text = readFileSync(join(repository, file), 'utf8');
      if (/\.\.\/shared\b|DESIGN\.md/.test(text)) outside.push(file);
    }
    expect(outside).toEqual([]);
  });
});
