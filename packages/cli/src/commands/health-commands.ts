import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import type { Column } from '../output.js';

/** One provider's answer to the health probe. */
export interface ProviderProbe {
  readonly provider: string;
  readonly reachable: boolean;
  /** How long the probe took, in milliseconds. */
  readonly durationMs: number;
  /** The failure's code (`authentication_failed`, `connection_failed`, …) when unreachable. */
  readonly errorCode?: string | undefined;
}

const probeColumns: readonly Column<ProviderProbe>[] = [
  { heading: 'provider', cell: (probe) => probe.provider },
  { heading: 'reachable', cell: (probe) => (probe.reachable ? 'yes' : 'no') },
  { heading: 'ms', cell: (probe) => String(probe.durationMs) },
  { heading: 'error', cell: (probe) => probe.errorCode ?? '' },
];

/**
 * `cardgw health`: asks every configured provider for its wallet balance (a cheap authenticated read) and prints who
 * answered and how fast (each member directly, past the failover, so every provider is asked). Exit code 0 when
 * every provider answered, 9 (unavailable) otherwise.
 */
export function registerHealthCommand(program: Command, context: CommandContext): void {
  program
    .command('health')
    .description('probe every configured provider with an authenticated wallet read')
    .action(async (_options: object, command: Command) => {
      await context.withGateway(command, async (gateway, output) => {
        const probes: ProviderProbe[] = [];
        for (const [provider, issuer] of gateway.issuers) {
          const started = performance.now();
          let errorCode: string | undefined;
          try {
            await issuer.wallet.balance({ maxRetries: 0 });
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            errorCode = typeof code === 'string' ? code : 'unexpected_error';
          }
          probes.push({
            provider,
            reachable: errorCode === undefined,
            durationMs: Math.round(performance.now() - started),
            ...(errorCode === undefined ? {} : { errorCode }),
          });
        }
        output.list(probes, probeColumns);
        if (probes.some((probe) => !probe.reachable)) context.setExitCode(exitCodes.unavailable);
      });
    });
}
