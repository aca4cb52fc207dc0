// Resolves each adapter package, when imported by an example, to a shim that defaults `baseUrl` to its simulator.
const shims = {
  '@cardgw/adapter-privcards': new URL('./privcards-shim.mjs', import.meta.url).href,
  '@cardgw/adapter-cryptocardy': new URL('./cryptocardy-shim.mjs', import.meta.url).href,
};

export async function resolve(specifier, context, nextResolve) {
  const shim = shims[specifier];
  if (shim !== undefined && context.parentURL !== shim) return { url: shim, shortCircuit: true };
  return nextResolve(specifier, context);
}
