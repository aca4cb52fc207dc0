import { createInterface } from 'node:readline/promises';

/** Where a confirmation is asked: a terminal on both ends, or nobody to ask. */
export interface ConfirmationStreams {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean | undefined };
  readonly stderr: NodeJS.WritableStream;
}

/**
 * Asks `question [y/N]` on the terminal and resolves whether the answer was yes (`y` or `yes`, any case). Returns
 * `undefined` without asking when standard input is not a terminal: a script must say `--yes`, it is never assumed.
 */
export async function confirm(question: string, streams: ConfirmationStreams): Promise<boolean | undefined> {
  if (streams.stdin.isTTY !== true) return undefined;
  const readline = createInterface({ input: streams.stdin, output: streams.stderr });
  try {
    const answer = await readline.question(`${question} [y/N] `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    readline.close();
  }
}
