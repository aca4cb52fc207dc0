import type { ThreeDSStatus } from '@cardgw/core/provider-utils';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { parsePositiveInteger } from '../parse-arguments.js';
import { threeDSColumns, threeDSJson } from '../views.js';

const revealDescription = 'print the one-time passwords (sensitive: mind your terminal and logs)';

/** `cardgw 3ds list|get`: 3-D Secure challenges, their OTPs hidden unless `--reveal`. */
export function registerThreeDSCommands(program: Command, context: CommandContext): void {
  const threeDS = program.command('3ds').description('3-D Secure challenges and their one-time passwords');

  threeDS
    .command('list')
    .description('challenges (walks every page)')
    .option('--card <card-id>', "only this card's challenges")
    .addOption(new Option('--status <status>', 'only this status').choices(['pending', 'completed', 'expired']))
    .option('--limit <n>', 'stop after this many challenges', parsePositiveInteger)
    .option('--reveal', revealDescription)
    .action(
      async (
        options: { card?: string; status?: ThreeDSStatus; limit?: number; reveal?: boolean },
        command: Command,
      ) => {
        const reveal = options.reveal === true;
        await context.withGateway(command, async (gateway, output) => {
          const filters = {
            ...(options.card === undefined ? {} : { cardId: options.card }),
            ...(options.status === undefined ? {} : { status: options.status }),
          };
          const challenges = await context.walk(gateway.threeDS.list(filters), 'challenges', options.limit);
          output.list(challenges, threeDSColumns(reveal), (challenge) => threeDSJson(challenge, reveal));
          output.note(`${challenges.length} challenge${challenges.length === 1 ? '' : 's'}`);
        });
      },
    );

  threeDS
    .command('get')
    .description('one challenge')
    .argument('<challenge-id>', 'the qualified challenge id')
    .option('--reveal', revealDescription)
    .action(async (challengeId: string, options: { reveal?: boolean }, command: Command) => {
      const reveal = options.reveal === true;
      await context.withGateway(command, async (gateway, output) => {
        const challenge = await gateway.threeDS.get(challengeId);
        output.record(challenge, threeDSColumns(reveal), (value) => threeDSJson(value, reveal));
      });
    });
}
