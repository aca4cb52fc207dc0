import { ConfigError, Secret } from '@cardgw/core';

/**
 * The secret held by environment variable `name`, wrapped so it never prints. Secrets are named by variable on the
 * command line, never given as values: a value would land in the shell's history and the process list.
 * Throws `ConfigError` (exit code 3) when the variable is unset or empty.
 */
export function readSecretVariable(env: Readonly<Record<string, string | undefined>>, name: string): Secret {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigError(`--secret-env ${name}: the variable is not set or empty`, { option: '--secret-env' });
  }
  return new Secret(value);
}
