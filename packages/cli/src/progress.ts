import yoctoSpinner from 'yocto-spinner';

/** A progress indicator for long walks (every page of a list), on standard error. */
export interface Progress {
  /** Shows how far the walk got: `walked 150 transactions`. */
  update(count: number): void;
  /** Removes the indicator; what it showed is not left behind. */
  stop(): void;
}

/**
 * A spinner with a running count, shown only when standard error is a terminal (yocto-spinner also stays still in
 * CI): piped or redirected output gets no progress lines at all, so a script's standard error holds only real notes.
 */
export function createProgress(
  stream: NodeJS.WritableStream & { readonly isTTY?: boolean | undefined },
  noun: string,
): Progress {
  if (stream.isTTY !== true) return { update() {}, stop() {} };
  const spinner = yoctoSpinner({ text: `walking ${noun}…`, stream: stream as NodeJS.WriteStream }).start();
  return {
    update(count) {
      spinner.text = `walked ${count} ${noun}`;
    },
    stop() {
      spinner.stop();
    },
  };
}
