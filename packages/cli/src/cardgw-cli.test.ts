import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivCards } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { maskPan, usd } from '@cardgw/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForLeaks } from '../../../tests/leakage-audit/scan-for-leaks.js';
import { exitCodes } from './exit-codes.js';
import {
  builtCli,
  cleanEnv,
  ensureBuilt,
  repositoryRoot,
  runBuiltCli,
  runShellLine,
} from './test-support/run-built-cli.js';

/*
 * End to end: every test runs the BUILT executable (`node packages/cli/dist/cli.js`) as a child process with a clean
 * environment and reads its exit code, standard output and standard error, as a user's shell or script would.
 */

beforeAll(ensureBuilt, 300_000);

// Each test runs several child processes (Node start-up, and with --simulators two servers and their sample data): a
// generous bound, so a loaded machine slows the file down rather than failing it. Speed is not what is tested here.
const childRunsTimeoutMs = 180_000;

const simulators = (...args: string[]) => runBuiltCli(['--simulators', ...args]);
const leaksIn = (text: string) => scanForLeaks([{ origin: 'cardgw output', test: 'cli', text }]);

interface JsonMoney {
  readonly amount: number;
  readonly currency: string;
}

describe('cardgw --simulators (both providers simulated in-process, no account)', {
  timeout: childRunsTimeoutMs,
}, () => {
  it('lists cards as a table with masked numbers, and as one JSON document that round-trips into `cards get`', async () => {
    const table = await simulators('cards', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/privcards:card_000001 .*visa .*•••• \d{4} .*\$616\.00 .*Meta Ads Campaign #12/);
    expect(table.stderr).toContain('2 cards');
    expect(leaksIn(table.stdout + table.stderr)).toEqual([]);

    const listed = await simulators('--json', 'cards', 'list');
    expect(listed.code).toBe(0);
    const document = JSON.parse(listed.stdout) as { data: { id: string; balance: JsonMoney; last4: string }[] };
    expect(document.data.map((card) => card.id)).toEqual(['privcards:card_000002', 'privcards:card_000001']);
    const first = document.data[1]!;
    expect(first.balance).toEqual({ amount: 61_600, currency: 'USD' });

    // The id a script read from one run names the same card in the next (the simulators are seeded the same way).
    const got = await simulators('--json', 'cards', 'get', first.id);
    expect(got.code).toBe(0);
    const card = JSON.parse(got.stdout) as Record<string, unknown>;
    expect(card).toMatchObject({ id: first.id, last4: first.last4, balance: first.balance, status: 'active' });
    expect(Object.keys(card)).toEqual(expect.arrayContaining(['id', 'provider', 'providerId', 'status', 'binId']));
    expect(got.stderr).toBe('');
  });

  it('prints card details masked by default, and the PAN and CVV only with --reveal', async () => {
    const revealed = await simulators('--json', 'cards', 'details', 'privcards:card_000001', '--reveal');
    expect(revealed.code).toBe(0);
    const { pan, cvv } = JSON.parse(revealed.stdout) as { pan: string; cvv: string };
    expect(pan).toMatch(/^491653\d{10}$/);
    expect(cvv).toMatch(/^\d{3}$/);

    const masked = await simulators('cards', 'details', 'privcards:card_000001');
    expect(masked.code).toBe(0);
    expect(masked.stdout).not.toContain(pan);
    expect(masked.stdout).toContain(maskPan(pan));
    expect(masked.stdout).toMatch(/cvv\s+•••\n/);
    expect(leaksIn(masked.stdout + masked.stderr)).toEqual([]);

    const maskedJson = await simulators('--json', 'cards', 'details', 'privcards:card_000001');
    expect(JSON.parse(maskedJson.stdout)).toMatchObject({ pan: maskPan(pan), cvv: '•••' });
    expect(leaksIn(maskedJson.stdout)).toEqual([]);

    const human = await simulators('cards', 'details', 'privcards:card_000001', '--reveal');
    expect(human.stdout).toContain(pan);
    expect(human.stdout).toMatch(new RegExp(`cvv\\s+${cvv}\\n`));
  });

  it('hides 3-D Secure OTPs unless --reveal', async () => {
    const hidden = await simulators('--json', '3ds', 'list');
    const [challenge] = (JSON.parse(hidden.stdout) as { data: { id: string; otp: string }[] }).data;
    expect(challenge?.otp).toBe('[redacted]');
    const shown = await simulators('--json', '3ds', 'list', '--reveal');
    const [revealed] = (JSON.parse(shown.stdout) as { data: { id: string; otp: string }[] }).data;
    expect(revealed).toMatchObject({ id: challenge!.id, otp: expect.stringMatching(/^\d{6}$/) });
  });

  it('exports transactions as CSV, filtered by card and type, with signed dollar amounts', async () => {
    const all = await simulators('--json', 'transactions', 'list', '--card', 'privcards:card_000001');
    const settled = (JSON.parse(all.stdout) as { data: { type: string; amount: JsonMoney }[] }).data.filter(
      (transaction) => transaction.type === 'settlement',
    );
    expect(settled).toHaveLength(120);

    const csv = await simulators(
      'transactions',
      'list',
      '--card',
      'privcards:card_000001',
      '--type',
      'settlement',
      '--csv',
    );
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'id,card_id,type,amount,currency,merchant,category,mcc,country,balance_after,decline_reason,created_at',
    );
    expect(lines).toHaveLength(121);
    const amounts = lines.slice(1).map((line) => line.split(',')[3]);
    expect(amounts.every((amount) => /^-\d+\.\d{2}$/.test(amount ?? ''))).toBe(true);
    const csvTotal = amounts.reduce((sum, amount) => sum + Math.round(Number(amount) * 100), 0);
    expect(csvTotal).toBe(settled.reduce((sum, transaction) => sum + transaction.amount.amount, 0));
    expect(csv.stderr).toContain('120 transactions exported');
    // Piped, as here: no progress lines, only the final note.
    expect(csv.stderr).not.toContain('walk');
  });

  it('shows a progress count on standard error while walking pages, when it is a terminal', async () => {
    // `script` gives the child a pseudo-terminal; CI must be unset for the spinner to draw (it stays still in CI).
    const { CI: _ci, ...env } = cleanEnv({ TERM: 'xterm' });
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(builtCli)} --simulators transactions list --limit 200`;
    const run = await runShellLine(`script -qec ${JSON.stringify(command)} /dev/null`, env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/walked \d+ transactions/);
    expect(run.stdout).toContain('200 transactions');
  });

  it('lists BINs filtered by network and use, wallet balance, addresses and deposits', async () => {
    const bins = await simulators('--json', 'bins', 'list', '--network', 'visa', '--best-for', 'meta_ads');
    expect((JSON.parse(bins.stdout) as { data: { id: string }[] }).data.map((bin) => bin.id)).toEqual([
      'privcards:491653',
    ]);
    const balance = await simulators('--json', 'wallet', 'balance');
    expect(JSON.parse(balance.stdout)).toMatchObject({ provider: 'privcards', activeCards: 2 });
    const addresses = await simulators('--json', 'wallet', 'addresses', '--asset', 'btc');
    expect((JSON.parse(addresses.stdout) as { data: { asset: string }[] }).data[0]?.asset).toBe('btc');
  });

  it('funds, freezes and terminates with --yes, and refuses to terminate without a terminal or --yes', async () => {
    const funded = await simulators('--json', 'cards', 'fund', 'privcards:card_000002', '12.50');
    expect(funded.code).toBe(0);
    expect(JSON.parse(funded.stdout)).toMatchObject({
      previousBalance: { amount: 10_000 },
      amount: { amount: 1_250 },
      newBalance: { amount: 11_250 },
    });

    const refused = await simulators('cards', 'terminate', 'privcards:card_000002');
    expect(refused.code).toBe(exitCodes.notConfirmed);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('pass --yes');

    const terminated = await simulators('--json', 'cards', 'terminate', 'privcards:card_000002', '--yes');
    expect(terminated.code).toBe(0);
    expect(JSON.parse(terminated.stdout)).toMatchObject({ status: 'terminated', refundedAmount: { amount: 10_000 } });
  });

  it('probes both providers in `health`', async () => {
    const health = await simulators('--json', 'health');
    expect(health.code).toBe(0);
    const probes = (JSON.parse(health.stdout) as { data: { provider: string; reachable: boolean }[] }).data;
    expect(probes.map((probe) => [probe.provider, probe.reachable])).toEqual([
      ['privcards', true],
      ['cryptocardy', true],
    ]);
  });
});

describe('exit codes by error class', { timeout: childRunsTimeoutMs }, () => {
  it('not found → 5, with one JSON error object on standard error under --json', async () => {
    const run = await simulators('--json', 'cards', 'get', 'privcards:card_999999');
    expect(run.code).toBe(exitCodes.notFound);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toMatchObject({
      error: { name: 'NotFoundError', code: 'not_found', provider: 'privcards', status: 404 },
    });
  });

  it('bad input → 4 (the library refuses before sending), insufficient funds → 7, malformed command line → 2', async () => {
    const tooMuch = await simulators('cards', 'fund', 'privcards:card_000001', '9000');
    expect(tooMuch.code).toBe(exitCodes.invalidRequest);
    expect(tooMuch.stderr).toContain('invalid_request');

    const overdrawn = await simulators('cards', 'withdraw', 'privcards:card_000001', '5000');
    expect(overdrawn.code).toBe(exitCodes.insufficientFunds);

    // PrivCards does not document 3-D Secure by id: refused before any request.
    const unsupported = await simulators('3ds', 'get', 'privcards:3ds_000001');
    expect(unsupported.code).toBe(exitCodes.unsupported);

    for (const args of [
      ['cards', 'fund', 'privcards:card_000001', '12.345'],
      ['cards', 'frobnicate'],
    ]) {
      const usage = await simulators(...args);
      expect(usage.code, args.join(' ')).toBe(exitCodes.usage);
    }
  });

  it('no config at all → 3, naming the variable to set', async () => {
    const run = await runBuiltCli(['cards', 'list']);
    expect(run.code).toBe(exitCodes.config);
    expect(run.stderr).toContain('CARDGW_PROVIDERS is not set');
  });
});

describe('the gateway config, exactly as the library reads it', { timeout: childRunsTimeoutMs }, () => {
  let simulator: Awaited<ReturnType<typeof startPrivCardsSimulator>>;
  beforeAll(async () => {
    simulator = await startPrivCardsSimulator();
  });
  afterAll(() => simulator.close());

  it('reads CARDGW_* variables from the real environment, and the key from the variable they name', async () => {
    const env = cleanEnv({
      CARDGW_PROVIDERS: 'privcards',
      CARDGW_PRIVCARDS_BASE_URL: simulator.url,
      CARDGW_PRIVCARDS_API_KEY_ENV: 'MY_PRIVCARDS_KEY',
      MY_PRIVCARDS_KEY: simulator.apiKey,
    });
    const created = await runBuiltCli(['--json', 'cards', 'create', '--amount', '25', '--bin', '491653'], env);
    expect(created.code).toBe(0);
    const card = JSON.parse(created.stdout) as { id: string; balance: JsonMoney };
    expect(card.balance).toEqual({ amount: 2_500, currency: 'USD' });
    // The card lives at the simulator: another process finds it.
    const listed = await runBuiltCli(['--json', 'cards', 'list'], env);
    expect((JSON.parse(listed.stdout) as { data: { id: string }[] }).data.map((each) => each.id)).toContain(card.id);
    expect(leaksIn(created.stdout + created.stderr + listed.stdout + listed.stderr)).toEqual([]);

    const refused = await runBuiltCli(['cards', 'list'], { ...env, MY_PRIVCARDS_KEY: 'sk_test_wrongwrongwrong' });
    expect(refused.code).toBe(exitCodes.authentication);
    expect(refused.stderr).not.toContain('sk_test_wrongwrongwrong');
  });

  it('reads a JSON config file given with --config, and says which file is broken', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cardgw-cli-'));
    const path = join(directory, 'gateway.json');
    writeFileSync(
      path,
      JSON.stringify({
        providers: [{ name: 'privcards', apiKey: { env: 'KEY_FOR_TEST' }, baseUrl: simulator.url }],
      }),
    );
    const run = await runBuiltCli(
      ['--config', path, '--json', 'bins', 'list'],
      cleanEnv({ KEY_FOR_TEST: simulator.apiKey }),
    );
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { data: unknown[] }).data).toHaveLength(2);

    const unset = await runBuiltCli(['--config', path, 'bins', 'list']);
    expect(unset.code).toBe(exitCodes.config);
    expect(unset.stderr).toContain('KEY_FOR_TEST');

    writeFileSync(path, '{ "providers": [ sk_test_literal_in_a_broken_file');
    const broken = await runBuiltCli(['--config', path, 'bins', 'list']);
    expect(broken.code).toBe(exitCodes.config);
    expect(broken.stderr).toContain('not valid JSON');
    expect(broken.stderr).not.toContain('sk_test_literal');
  });
});

describe('cardgw webhooks listen', { timeout: childRunsTimeoutMs }, () => {
  it("verifies the simulator's signed deliveries with the secret from --secret-env, and refuses a forged one", async () => {
    const secret = 'whsec_listen0123456789abcdef0123456789';
    const simulator = await startPrivCardsSimulator();
    const child = spawn(
      process.execPath,
      [builtCli, '--json', 'webhooks', 'listen', '--port', '0', '--secret-env', 'LISTEN_SECRET', '--max-events', '2'],
      { env: cleanEnv({ LISTEN_SECRET: secret }), cwd: repositoryRoot },
    );
    try {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      const listening = new Promise<string>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
          if (url !== undefined) resolve(url);
        });
      });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const url = await listening;

      expect(
        await post(url, JSON.stringify({ id: 'evt_forged', type: 'card.created', data: {} }), 'f'.repeat(64)),
      ).toBe(401);
      // Real deliveries: the simulator signs and POSTs `card.created` and `card.funded` to the listener.
      const issuer = createPrivCards({
        apiKey: simulator.apiKey,
        baseUrl: simulator.url,
        allowInsecureWebhookUrls: true,
      });
      await issuer.webhooks.create({ url, events: ['card.created', 'card.funded'], secret });
      const card = await issuer.cards.create({ binId: '491653', amount: usd(20) });
      await issuer.cards.fund(card.id, { amount: usd(5) });
      await issuer.close();

      expect(await exited).toBe(0);
      const events = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; data: { id?: string; cardId?: string } });
      expect(events.map((event) => event.type)).toEqual(['card.created', 'card.funded']);
      expect(events[0]?.data.id).toBe(card.id);
      expect(stderr).toContain('refused a delivery: 401');
      expect(stderr + stdout).not.toContain(secret);
    } finally {
      child.kill();
      await simulator.close();
    }
  });

  it('stops cleanly on Ctrl-C (SIGINT), exit code 0', async () => {
    const child = spawn(process.execPath, [builtCli, 'webhooks', 'listen', '--port', '0', '--secret-env', 'S'], {
      env: cleanEnv({ S: 'whsec_sigint0123456789abcdef01234567' }),
      cwd: repositoryRoot,
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('listening on')) resolve();
        });
      });
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      // A failed expectation must not leave the listener running.
      child.kill('SIGKILL');
    }
  });

  it('exits 3 when the secret variable is not set', async () => {
    const run = await runBuiltCli(['webhooks', 'listen', '--port', '0', '--secret-env', 'NOT_SET_ANYWHERE']);
    expect(run.code).toBe(exitCodes.config);
    expect(run.stderr).toContain('NOT_SET_ANYWHERE');
  });
});

describe("the root README's CLI line", { timeout: childRunsTimeoutMs }, () => {
  it('runs from the repository as written, against the simulators', async () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    const line = /`npx -y pnpm@10 install && (npx -y pnpm@10 cardgw --simulators[^`]*)`/.exec(readme)?.[1];
    expect(line).toBeDefined();
    // The install half already ran (this suite runs after it); running it again here would relink node_modules under
    // the other test files running in parallel.
    const run = await runShellLine(line!);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('privcards:card_000001');
  });
});

function post(url: string, body: string, signature: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Webhook-Signature': signature } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
