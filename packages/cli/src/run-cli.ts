import { CardGatewayError } from '@cardgw/core';
import { CommanderError } from 'commander';
import colors from 'picocolors';
import { type CliIo, createCommandContext } from './command-context.js';
import { exitCodeFor, exitCodes } from './exit-codes.js';
import { createProgram } from './program.js';

/**
 * Runs `cardgw` with the given arguments (without `node` and the script: `['cards', 'list', '--json']`) and resolves
 * its exit code (see `exitCodes`); never rejects. A failure is printed on standard error: `cardgw: <code>: message`,
 * or with `--json` one JSON object `{ "error": { name, code, message, provider?, requestId?, idempotencyKey? } }`.
 * Messages come from the library's errors, which never hold a secret, a PAN, a CVV or an OTP.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const context = createCommandContext(io);
  const program = createProgram(context);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with code 0; every other commander error is a malformed command line.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    const json = args.includes('--json');
    io.stderr.write(`${json ? JSON.stringify({ error: describeError(error) }) : formatError(error)}\n`);
    return exitCodeFor(error);
  }
}

/** The fields of a failure a script may act on. */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: 'Error', code: 'unexpected_error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  const fields: Record<string, unknown> = {
    name: error.name,
    code: typeof code === 'string' ? code : 'unexpected_error',
    message: error.message,
  };
  if (CardGatewayError.isInstance(error)) {
    if (error.provider !== undefined) fields.provider = error.provider;
    if (error.status !== undefined) fields.status = error.status;
    if (error.requestId !== undefined) fields.requestId = error.requestId;
    const key = (error as { idempotencyKey?: unknown }).idempotencyKey;
    if (typeof key === 'string') fields.idempotencyKey = key;
  }
  return fields;
}

function formatError(error: unknown): string {
  const fields = describeError(error);
  const lines = [`${colors.red('cardgw:')} ${String(fields.code)}: ${String(fields.message)}`];
  if (fields.requestId !== undefined) lines.push(`  provider request id: ${String(fields.requestId)}`);
  if (fields.idempotencyKey !== undefined) {
    lines.push(`  repeat safely with: --idempotency-key ${String(fields.idempotencyKey)}`);
  }
  return lines.join('\n');
}
