#!/usr/bin/env node
/**
 * The consumer suite: the six library packages as npm users get them. Builds and packs them (`pnpm pack`), checks what the
 * tarballs hold, installs them with plain npm into two new projects outside the repository, and there:
 *   (a) typechecks (strict, NodeNext) and runs an app: a failover gateway from a JSON config with the default
 *       environment, driving both simulators;
 *   (b) requires every entry point from CommonJS, and typechecks with `moduleResolution: bundler`;
 *   (c) tests an app function on the in-memory issuer under vitest, and runs the contract suite under vitest, jest and
 *       node:test (the last in a project without vitest, which also checks the message a missing vitest gets);
 *   (d) typechecks every ```ts block of the READMEs and runs the runnable ones against the simulators.
 *
 * Usage: node scripts/consumer-suite/run.mjs [--skip-build] [--keep]
 *   --skip-build  pack the dist/ already built (`pnpm test` builds it just before, in check:packages)
 *   --keep        keep the temporary projects (they are always kept when a step fails)
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTarball } from './check-tarball.mjs';
import { extractReadmeExamples } from './extract-readme-examples.mjs';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./', import.meta.url));
const packages = ['core', 'adapter-memory', 'testing', 'rest-dialect', 'adapter-privcards', 'adapter-cryptocardy'];
const options = new Set(process.argv.slice(2));
const started = performance.now();
const work = await mkdtemp(join(tmpdir(), 'cardgw-consumer-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
const bare = join(work, 'bare');

/** Versions of the tools the app project installs (the repository's own where it has them). */
const appDevDependencies = {
  typescript: '~5.9.3',
  vitest: '~4.1.12',
  '@types/node': '^20.19.0',
  jest: '^30.2.0',
  '@jest/globals': '^30.2.0',
  express: '^5.1.0',
  '@types/express': '^5.0.3',
  fastify: '^5.6.1',
  ioredis: '^5.11.1',
  '@opentelemetry/api': '~1.9.1',
};

class StepFailure extends Error {}

/** Runs a command; on failure throws with its command line and output. Returns its stdout. */
function run(command, args, { cwd, env = {}, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else {
        const why = signal === null ? `exit code ${code}` : `killed by ${signal} (timeout ${timeoutMs} ms?)`;
        reject(new StepFailure(`$ ${command} ${args.join(' ')}   (in ${cwd}, ${why})\n${output.trim()}`));
      }
    });
  });
}

/** Runs one named step, printing its name, duration and the lines it reports. */
async function step(name, action) {
  const stepStarted = performance.now();
  process.stdout.write(`▶ ${name}\n`);
  const report = await action();
  const seconds = ((performance.now() - stepStarted) / 1000).toFixed(1);
  process.stdout.write(`✓ ${name} (${seconds} s)\n`);
  for (const line of [report ?? []].flat()) if (line.trim() !== '') process.stdout.write(`    ${line}\n`);
}

const failures = [];

/**
 * A check that does not stop the suite: its failure is printed at once and recorded, the later checks still run, and
 * the suite fails at the end naming every failed check.
 */
async function check(name, action) {
  try {
    await step(name, action);
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    failures.push(name);
    process.stdout.write(`✗ ${name}\n${error.message.replace(/^/gm, '    ')}\n`);
  }
}

const pnpm = (args, cwd) => run('npx', ['-y', 'pnpm@10', ...args], { cwd });
const npmInstall = (cwd) =>
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd });
const node = (args, cwd, env) => run(process.execPath, args, { cwd, env });

/** The counts of a vitest or jest JSON report; fails when nothing ran. */
async function testCounts(reportPath, minimum) {
  const report = JSON.parse(await readFile(reportPath, 'utf8'));
  if (report.numFailedTests > 0 || report.numPassedTests < minimum) {
    throw new StepFailure(`expected at least ${minimum} passing tests: ${JSON.stringify(report).slice(0, 2000)}`);
  }
  return `${report.numPassedTests} tests passed`;
}

/** The counts of a node:test TAP report; fails when nothing ran. */
function tapCounts(output, minimum) {
  const count = (name) => Number(output.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? Number.NaN);
  const passed = count('pass');
  if (!(passed >= minimum) || count('fail') !== 0) {
    throw new StepFailure(`expected at least ${minimum} passing tests and none failing:\n${output.slice(-3000)}`);
  }
  return `${passed} tests passed`;
}

async function writeJson(path, value) {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

try {
  console.log(`consumer suite in ${work}`);
  if (!options.has('--skip-build'))
    await step('build the packages', async () => void (await pnpm(['build'], repository)));

  const tarballFiles = {};
  await step('pack the packages with pnpm pack, and check what each tarball holds', async () => {
    await mkdir(tarballs);
    // One destination folder per package, packed in parallel: each run writes exactly one tarball.
    const packed = await Promise.all(
      packages.map(async (name) => {
        const destination = join(tarballs, name);
        await mkdir(destination);
        await pnpm(['pack', '--pack-destination', destination], join(repository, 'packages', name));
        const [file, ...others] = await readdir(destination);
        if (file === undefined || others.length > 0)
          throw new StepFailure(`pnpm pack wrote no single tarball for ${name}`);
        tarballFiles[name] = join(destination, file);
        return checkTarball(tarballFiles[name], join(work, 'unpacked', name));
      }),
    );
    const lines = packed;
    return lines;
  });

  const dependencies = Object.fromEntries(
    packages.map((name) => [`@cardgw/${name}`, `file:${relative(app, tarballFiles[name])}`]),
  );
  await step('install the tarballs with npm: an app project, and a bare one without vitest', async () => {
    await cp(join(fixtures, 'app'), app, { recursive: true });
    await cp(join(fixtures, 'bare'), bare, { recursive: true });
    await cp(join(fixtures, 'readme'), join(app, 'readme-support'), { recursive: true });
    const manifest = { private: true, type: 'module', dependencies };
    await writeJson(join(app, 'package.json'), {
      name: 'cardgw-consumer-app',
      ...manifest,
      devDependencies: appDevDependencies,
    });
    await writeJson(join(bare, 'package.json'), { name: 'cardgw-consumer-bare', ...manifest });
    await Promise.all([npmInstall(app), npmInstall(bare)]);
  });

  let examples = [];
  await step('extract every ```ts block of the READMEs', async () => {
    examples = await extractReadmeExamples(repository, join(app, 'readme'));
    const runnable = examples.filter((example) => example.run).length;
    return `${examples.length} blocks from ${new Set(examples.map((example) => example.source)).size} READMEs, ${runnable} runnable`;
  });

  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  await check('(a)(d) typecheck the app, its tests and the README blocks: strict, module NodeNext', () =>
    node([tsc, '-p', 'tsconfig.json'], app),
  );
  await check(
    '(b) typecheck with moduleResolution bundler, the shipped declarations included (no skipLibCheck)',
    async () => void (await node([tsc, '-p', 'tsconfig.bundler.json'], app)),
  );
  await check(
    '(a) run the app: failover gateway from config/failover.json, default environment, both simulators',
    async () => (await node(['dist/src/app.js'], app)).trim().split('\n'),
  );
  await check('(b) require() every entry point from CommonJS, and a typed CommonJS module of the app', async () => [
    (await node(['require-every-package.cjs'], bare)).trim(),
    (await node(['dist/src/commonjs-consumer.cjs'], app)).trim(),
  ]);
  await check(
    '(c) vitest: an app function on the in-memory issuer, and the contract suite (vitest, the default)',
    async () => {
      const report = join(work, 'vitest-report.json');
      await node(['node_modules/vitest/vitest.mjs', 'run', '--reporter=json', `--outputFile=${report}`], app);
      return testCounts(report, 80);
    },
  );
  await check("(c) jest: the contract suite, given jest's test functions", async () => {
    const report = join(work, 'jest-report.json');
    await node(
      ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--json', `--outputFile=${report}`],
      app,
      { NODE_NO_WARNINGS: '1' },
    );
    return testCounts(report, 80);
  });
  await check(
    "(c) node:test: the contract suite in the project without vitest, given node:test's functions",
    async () => tapCounts(await node(['--test', '--test-reporter=tap', 'contract.node-test.mjs'], bare), 80),
  );
  await check('(c) without vitest, importing @cardgw/testing works and the default runner says what to do', async () =>
    tapCounts(await node(['--test', '--test-reporter=tap', 'missing-vitest.node-test.mjs'], bare), 2),
  );
  await check('(d) run the runnable README blocks against the simulators', async () =>
    (await node(['readme-support/run-examples.mjs'], app)).trim().split('\n'),
  );

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    throw new StepFailure(`${failures.length} check(s) failed (their output is above):\n  ${failures.join('\n  ')}`);
  }
  console.log(`consumer suite passed in ${seconds} s`);
  if (!options.has('--keep')) await rm(work, { recursive: true, force: true });
} catch (error) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`\n✗ consumer suite FAILED after ${seconds} s\n`);
  console.error(error instanceof StepFailure ? error.message : error);
  console.error(`\nThe projects are kept in ${work}`);
  process.exit(1);
}
