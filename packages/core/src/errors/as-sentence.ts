/**
 * Ends a message as a sentence: with a period unless it already ends with one (or `?`, `!`). `ConfigError` applies it
 * to every message, so one built from parts (a rule, a key path) never stops mid-sentence.
 */
export function asSentence(message: string): string {
  const trimmed = message.trimEnd();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
