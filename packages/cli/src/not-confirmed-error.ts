/** A destructive command the user did not confirm (answered no, or no terminal and no `--yes`): exit code 14. */
export class NotConfirmedError extends Error {
  override name = 'NotConfirmedError';
  /** Stable code printed with the message. */
  readonly code = 'not_confirmed';
}
