/**
 * A schema built on its first use instead of when its module loads. Building zod schemas is a measurable part of an
 * adapter's cold start (P6 in bench/), and most of them serve calls a process may never make.
 *
 * `build` runs once, on the first property read (`safeParse`, `optional`, `_zod` when another schema nests it); the
 * value returned stands in for the schema everywhere, with its type unchanged, so modules declare
 * `export const x = lazySchema(() => z.string())` and callers do not change. `build` must not throw (schema
 * construction is pure); if it did, every use would throw the same error.
 */
export function lazySchema<Schema extends object>(build: () => Schema): Schema {
  let built: Schema | undefined;
  const schema = (): Schema => {
    built ??= build();
    return built;
  };
  // Reads go to the built schema, with it as the receiver: zod's methods are closures over their own instance.
  return new Proxy({} as Schema, {
    get: (_target, key) => Reflect.get(schema(), key),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    has: (_target, key) => Reflect.has(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    // Reflection (a test's spy, a debugger) sees the built schema's own properties too. A property is reported as
    // configurable, since the proxy's empty target cannot hold a non-configurable one (a Proxy invariant).
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
  });
}
