/*
 * The shapes of provider credentials, declared by the adapters that know them (an API key's prefix, a
 * seed's grouping, a webhook secret's prefix), so that core's redaction masks them without
 * knowing any provider. Module-wide: a message or a log line may quote any provider's credential, whichever client
 * built it.
 */

/** How one provider's credential looks. Register it with `registerCredentialShape`. */
export interface CredentialShape {
  /** Names the shape; registering a shape under the same name again replaces it (`acme:api-key`). */
  readonly name: string;
  /** Finds the credential anywhere in a text, configured or not (`/\bsk_(?:live|test)_\w+/`). Made global if it is not. */
  readonly pattern: RegExp;
  /**
   * The other forms a configured credential of this shape may be echoed in, besides its separator-free and
   * re-spaced forms (which every secret gets): for an API key, the key without its prefix. Forms shorter
   * than 8 characters are ignored (too likely to appear by chance). @default none
   */
  readonly variants?: ((credential: string) => readonly string[]) | undefined;
}

const shapes = new Map<string, CredentialShape>();
let version = 0;

/** @internal Adds or replaces a shape; `registerCredentialShape` is the checked public entry. */
export function addCredentialShape(shape: CredentialShape): void {
  const flags = shape.pattern.flags.includes('g') ? shape.pattern.flags : `${shape.pattern.flags}g`;
  shapes.set(shape.name, {
    name: shape.name,
    pattern: new RegExp(shape.pattern.source, flags),
    variants: shape.variants,
  });
  version += 1;
}

/** Every registered shape, in registration order. */
export function registeredCredentialShapes(): readonly CredentialShape[] {
  return [...shapes.values()];
}

/** Changes whenever a shape is added or replaced: caches built from the shapes compare it. */
export function credentialShapesVersion(): number {
  return version;
}

/** The forms of a configured credential its registered shapes declare (the value itself excluded). */
export function declaredVariants(credential: string): string[] {
  const variants: string[] = [];
  for (const shape of shapes.values()) {
    if (shape.variants === undefined) continue;
    shape.pattern.lastIndex = 0;
    const match = shape.pattern.exec(credential);
    shape.pattern.lastIndex = 0;
    if (match === null || match[0] !== credential) continue;
    try {
      for (const variant of shape.variants(credential)) {
        if (typeof variant === 'string' && variant.length >= minimumVariantLength && variant !== credential) {
          variants.push(variant);
        }
      }
    } catch {
      // An adapter's broken variants function must not stop redaction of the credential itself.
    }
  }
  return variants;
}

/** Shorter forms would mask ordinary words and numbers by chance. */
export const minimumVariantLength = 8;
