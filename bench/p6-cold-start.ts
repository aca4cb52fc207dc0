import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { usd } from '@cardgw/core';
import type { Bench, BenchResult } from './types.js';

// P6, cold start: a fresh `node` process imports one SDK and constructs one client, no request. cardgw is the
// PrivCards adapter from its BUILT package (dist, what `npm install` gives users; run `npx -y pnpm@10 build` first),
// beside stripe-node (`new Stripe(key)`) and lithic-node (`new Lithic({ apiKey })`), interleaved in one run (the
// order rotates every round), median of each. Gated: cardgw's import + construct ÷ stripe-node's ≤ 1.0. Reported: the
// ratio to lithic-node, the whole process (spawn to exit, node's own boot included), and what the first call pays
// for what construction deferred (one `cards.get` against the PrivCards simulator, then a second, warm one).

const target = 1.0;
const rounds = 11;
const warmUpRounds = 1;
const firstCallSamples = 5;

const root = fileURLToPath(new URL('..', import.meta.url));
const sampleScript = fileURLToPath(new URL('./support/cold-start-sample.mjs', import.meta.url));
const subjects = ['cardgw', 'stripe', 'lithic'] as const;
type Subject = (typeof subjects)[number];

interface Sample {
  readonly importMs: number;
  readonly constructMs: number;
  readonly firstCallMs?: number;
  readonly secondCallMs?: number;
  /** Spawn to exit, measured here. */
  readonly processMs: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The file `import('<package>')` loads for a user, from the package's `exports`. */
function builtEntry(packageFolder: string): string {
  const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as {
    exports: { '.': { default: string } };
  };
  return join(packageFolder, manifest.exports['.'].default);
}

function newestSourceMs(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.includes('.test.')) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Refuses to time a missing or stale build: the figure would be of code that is not the code under review. */
function requireFreshBuild(packages: readonly string[]): void {
  for (const name of packages) {
    const folder = join(root, 'packages', name);
    let builtMs: number;
    try {
      builtMs = statSync(builtEntry(folder)).mtimeMs;
    } catch {
      throw new Error(`packages/${name} is not built: run \`npx -y pnpm@10 build\` first`);
    }
    if (newestSourceMs(join(folder, 'src')) > builtMs) {
      throw new Error(`packages/${name}/dist is older than its src: run \`npx -y pnpm@10 build\` first`);
    }
  }
}

function runSample(args: readonly string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    // No NODE_OPTIONS: the bench itself runs under tsx, and its loader must not be timed with the subject.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const started = performance.now();
    const child = spawn(process.execPath, [sampleScript, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const processMs = performance.now() - started;
      if (code !== 0) {
        reject(new Error(`cold-start sample ${args[0]} exited with ${code}: ${stderr.trim().slice(0, 500)}`));
        return;
      }
      resolve({ ...(JSON.parse(stdout) as Omit<Sample, 'processMs'>), processMs });
    });
  });
}

const format = (ms: number) => `${ms.toFixed(0)} ms`;

const bench: Bench = async () => {
  requireFreshBuild(['core', 'adapter-privcards']);
  const entry = pathToFileURL(builtEntry(join(root, 'packages', 'adapter-privcards'))).href;
  const argsOf: Record<Subject, readonly string[]> = {
    cardgw: ['cardgw', entry],
    stripe: ['stripe'],
    lithic: ['lithic'],
  };

  const samples: Record<Subject, Sample[]> = { cardgw: [], stripe: [], lithic: [] };
  for (let round = 0; round < warmUpRounds + rounds; round++) {
    // Rotate who goes first, so no SDK always runs right after another's process (page cache, CPU frequency).
    for (let turn = 0; turn < subjects.length; turn++) {
      const subject = subjects[(round + turn) % subjects.length] as Subject;
      const sample = await runSample(argsOf[subject]);
      if (round >= warmUpRounds) samples[subject].push(sample);
    }
  }
  const startup = (subject: Subject) => median(samples[subject].map((sample) => sample.importMs + sample.constructMs));
  const wholeProcess = (subject: Subject) => median(samples[subject].map((sample) => sample.processMs));
  const cardgw = startup('cardgw');
  const stripe = startup('stripe');
  const lithic = startup('lithic');

  const simulator = await startPrivCardsSimulator({ limits: false });
  const firstCalls: Sample[] = [];
  try {
    const card = await simulator.backend.cards.create({ binId: '491653', amount: usd(100), label: 'P6' });
    for (let sample = 0; sample < firstCallSamples; sample++) {
      firstCalls.push(await runSample(['cardgw', entry, simulator.url, simulator.apiKey, card.id]));
    }
  } finally {
    await simulator.close();
  }
  const firstCallMs = median(firstCalls.map((sample) => sample.firstCallMs ?? Number.NaN));
  const secondCallMs = median(firstCalls.map((sample) => sample.secondCallMs ?? Number.NaN));

  const results: BenchResult[] = [
    {
      name: 'P6 cold start, import + construct one issuer, cardgw (PrivCards, built) ÷ stripe-node, median',
      value: `${(cardgw / stripe).toFixed(2)}× (cardgw ${format(cardgw)}, stripe ${format(stripe)}, ${rounds} processes each)`,
      target: `≤ ${target}`,
      pass: cardgw / stripe <= target,
    },
    {
      name: 'P6 cold start, import + construct, cardgw ÷ lithic-node, median',
      value: `${(cardgw / lithic).toFixed(2)}× (cardgw ${format(cardgw)}, lithic ${format(lithic)})`,
      target: 'report only',
    },
    {
      name: 'P6 whole process (spawn to exit, node boot included), cardgw ÷ stripe-node, median',
      value: `${(wholeProcess('cardgw') / wholeProcess('stripe')).toFixed(2)}× (cardgw ${format(wholeProcess('cardgw'))}, stripe ${format(wholeProcess('stripe'))}, lithic ${format(wholeProcess('lithic'))})`,
      target: 'report only',
    },
    {
      name: 'P6 cardgw first cards.get after construction (pays the deferred loading) vs the second, median',
      value: `first ${firstCallMs.toFixed(1)} ms, second ${secondCallMs.toFixed(1)} ms (${firstCallSamples} processes, PrivCards simulator, no latency)`,
      target: 'report only',
    },
  ];
  return results;
};

export default bench;
