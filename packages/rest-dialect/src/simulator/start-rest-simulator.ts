import type { RestSimulator, RestSimulatorOptions } from './rest-simulator.js';

/**
 * Starts a local server speaking the dialect (see `rest-simulator.ts`). The server and the in-memory issuer behind it
 * are loaded when a simulator is started, not when `@cardgw/rest-dialect` is imported: every adapter's main entry
 * imports that module, and production code must not load test machinery with it.
 */
export async function startRestSimulator(options: RestSimulatorOptions): Promise<RestSimulator> {
  const simulator = await import('./rest-simulator.js');
  return simulator.startRestSimulator(options);
}
