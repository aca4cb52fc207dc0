// Runs each runnable README example (compiled to dist/readme/) against fresh local simulators, with what a user
// would have set: the credentials in the environment; the adapters' default base URLs point at the simulators
// (register.mjs). Prints one line per example; exits non-zero naming the first one that fails.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';

const examples = JSON.parse(await readFile('readme/examples.json', 'utf8'));
const perExampleTimeoutMs = 30_000;

function runExample(example, env) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', './readme-support/register.mjs', `dist/readme/${example.file.replace(/\.ts$/, '.js')}`],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), perExampleTimeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

/** Runs one example against its own fresh simulators: each starts from an empty account, as a user's first run does. */
async function runWithSimulators(example) {
  const privcards = await startPrivCardsSimulator();
  const cryptocardy = await startCryptoCardySimulator();
  const started = performance.now();
  try {
    const result = await runExample(example, {
      PRIVCARDS_API_KEY: privcards.apiKey,
      PRIVCARDS_BASE_URL: privcards.url,
      CRYPTOCARDY_SEED: cryptocardy.seed,
      CRYPTOCARDY_BASE_URL: cryptocardy.url,
      CARDGW_PROVIDERS: 'privcards,cryptocardy',
    });
    return { ...result, milliseconds: Math.round(performance.now() - started) };
  } finally {
    await privcards.close();
    await cryptocardy.close();
  }
}

// Two at a time (CI has 2 cores): each example is mostly a Node process starting up and loading the packages.
const concurrency = 2;
const queue = examples.filter((example) => example.run);
const results = new Map();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let example = queue.shift(); example !== undefined; example = queue.shift()) {
      results.set(example, await runWithSimulators(example));
    }
  }),
);

let failed = 0;
for (const example of examples) {
  const where = `${example.source}:${example.line}`;
  const result = results.get(example);
  if (result === undefined) {
    console.log(`typechecked only  ${where}`);
  } else if (result.code === 0) {
    console.log(`ran (${result.milliseconds} ms)  ${where}`);
  } else {
    failed += 1;
    const why = result.signal === null ? `exit code ${result.code}` : `killed after ${perExampleTimeoutMs} ms`;
    console.log(`FAILED (${why})  ${where}  (readme/${example.file})\n${result.output.trim().slice(0, 4000)}\n`);
  }
}
if (failed > 0) {
  console.error(`${failed} README example(s) failed`);
  process.exit(1);
}
