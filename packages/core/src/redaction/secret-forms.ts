import { credentialShapesVersion, declaredVariants, minimumVariantLength } from './credential-shapes.js';
import { redactedText } from './secret.js';

/*
 * A configured secret comes back from providers and proxies in other forms than the one we sent: the seed without its
 * dashes, re-grouped with spaces or upper-cased, the API key without its prefix. Each secret is masked in every such
 * form: exactly, in the forms its adapter declared (`CredentialShape.variants`), and loosely (its letters and digits
 * in order, whatever up to 3 other characters stand between them, in any case).
 */

interface SecretMatchers {
  readonly version: number;
  readonly exact: readonly string[];
  readonly loose: readonly RegExp[];
}

const cache = new Map<string, SecretMatchers>();
// A process holds a handful of credentials; the bound only stops a caller passing ever-new values from growing it.
const maxCached = 256;
/** Between two characters of a secret, what a re-formatting may have put (a dash, a space, `-` turned into ` - `). */
const looseSeparator = '[^A-Za-z0-9]{0,3}';

/** `text` with every form of each secret replaced by `[redacted]`. */
export function maskSecretForms(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    const matchers = matchersOf(secret);
    for (const form of matchers.exact) {
      if (result.includes(form)) result = result.split(form).join(redactedText);
    }
    for (const pattern of matchers.loose) result = result.replace(pattern, redactedText);
  }
  return result;
}

function matchersOf(secret: string): SecretMatchers {
  const version = credentialShapesVersion();
  const cached = cache.get(secret);
  if (cached !== undefined && cached.version === version) return cached;
  // Longest first: the whole header value before the key inside it.
  const exact = [secret, ...declaredVariants(secret)].sort((left, right) => right.length - left.length);
  const loose: RegExp[] = [];
  for (const form of exact) {
    const skeleton = form.replace(/[^A-Za-z0-9]/g, '');
    if (skeleton.length < minimumVariantLength) continue;
    loose.push(new RegExp([...skeleton].join(looseSeparator), 'gi'));
  }
  const matchers = { version, exact, loose };
  if (cache.size >= maxCached) cache.clear();
  cache.set(secret, matchers);
  return matchers;
}
