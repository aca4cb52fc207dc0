import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDemo } from './demo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** `pnpm demo` as a user runs it: its own process, so whatever Node prints on stderr is seen. */
function runDemoProcess(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url)), 'examples/src/demo.ts'],
      { cwd: root, timeout: 60_000, maxBuffer: 10_000_000 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

// The demo is the project's main job: it must run end to end, show the failover, and print nothing sensitive.
describe('pnpm demo', () => {
  it('walks every step, fails over when the primary goes down, and verifies the simulator webhooks', async () => {
    const lines: string[] = [];
    const { steps } = await runDemo((line) => lines.push(line));
    const output = lines.join('\n');

    expect(steps).toBeGreaterThanOrEqual(17);
    expect(output).toMatch(/provision\s+CryptoCardy seed \[redacted\]/);
    expect(output).toMatch(/issue\s+privcards:card_\w+ visa/);
    expect(output).toMatch(/failover\s+cards\.create: privcards → cryptocardy \(connection_failed\)/);
    expect(output).toMatch(/issue again\s+cryptocardy:card_\w+ .* served by cryptocardy/);
    expect(output).toMatch(/terminate\s+card terminated, \$\d[\d,]*\.\d\d refunded/);
    expect(output).toMatch(/transactions\s+1\d\d transactions walked/);
    expect(output).toMatch(/webhooks\s+\d+ signed deliveries verified .*card\.created.*; 0 rejected/);
  }, 30_000);

  it('prints no secret, seed, PAN or OTP', async () => {
    const lines: string[] = [];
    const { sensitiveValues } = await runDemo((line) => lines.push(line));
    const output = lines.join('\n');
    expect(sensitiveValues.length).toBeGreaterThanOrEqual(6);
    for (const value of sensitiveValues) expect(output).not.toContain(value);
    expect(output).not.toMatch(/sk_(live|test)_[A-Za-z0-9]{4,}/);
    expect(output).not.toMatch(/(?<![0-9a-f-])[0-9a-f]{4}(-[0-9a-f]{4}){3}(?![0-9a-f-])/i);
    expect(output).not.toMatch(/whsec_[0-9a-f]{4,}/);
    expect(output).not.toMatch(/\b\d{13,19}\b/);
  }, 30_000);

  it('runs as its own process and prints no warning (no MaxListenersExceededWarning)', async () => {
    const { code, stdout, stderr } = await runDemoProcess();
    expect(code).toBe(0);
    expect(stdout).toMatch(/wallets\s+combined/);
    expect(stderr).not.toMatch(/warning/i);
    expect(stdout).not.toMatch(/MaxListenersExceeded|memory leak detected/i);
  }, 60_000);
});
