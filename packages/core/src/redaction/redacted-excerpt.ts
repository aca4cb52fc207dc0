import { configuredSecretValues } from './configured-secrets.js';
import { redactText } from './redact.js';

/** How far before the end of a redacted window a secret cut by the window's end can reach (a grouped 19-digit PAN is 23). */
const minimumTailMargin = 64;

/**
 * The start of `text`, redacted first and then cut to `maxLength` characters (`…` added when cut). Only a window of
 * the text is redacted, so a 10 MB body costs little more than a small one; the window grows (×4) until its redacted
 * form is long enough. A secret cut in half by the window's end is not recognisable there, so the last characters of
 * the redacted window (at least 64, or the longest secret given) never reach the excerpt.
 */
export function redactedExcerpt(text: string, maxLength: number, secrets: readonly string[] = []): string {
  const known = [...secrets, ...configuredSecretValues()];
  const tailMargin = Math.max(minimumTailMargin, ...known.map((secret) => secret.length * 4));
  for (let window = Math.max(maxLength * 4, 1024); ; window *= 4) {
    if (window >= text.length) {
      const redacted = redactText(text, secrets);
      return redacted.length > maxLength ? `${redacted.slice(0, maxLength)}…` : redacted;
    }
    const redacted = redactText(text.slice(0, window), secrets);
    if (redacted.length - tailMargin >= maxLength) return `${redacted.slice(0, maxLength)}…`;
  }
}
