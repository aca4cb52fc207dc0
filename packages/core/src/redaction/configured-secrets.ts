import type { Secret } from './secret.js';

/*
 * The credentials of the clients alive in this process (held weakly: a client dropped without `close()` does not keep
 * its secret here). Redaction masks each of them, in every form, in any text, whichever client or error built it: an
 * error of one provider quoting another's key is masked too.
 */
const live = new Set<WeakRef<Secret>>();

/** Remembers a client's credential for redaction; the function returned forgets it (the client's `close()`). */
export function rememberConfiguredSecret(secret: Secret): () => void {
  const reference = new WeakRef(secret);
  live.add(reference);
  return () => {
    live.delete(reference);
  };
}

/** The values of the credentials remembered and still alive. */
export function configuredSecretValues(): string[] {
  const values: string[] = [];
  for (const reference of live) {
    const secret = reference.deref();
    if (secret === undefined) live.delete(reference);
    else values.push(secret.reveal());
  }
  return values;
}
