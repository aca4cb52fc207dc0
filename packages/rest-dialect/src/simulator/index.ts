/**
 * `@cardgw/rest-dialect/simulator`: a local server speaking the REST dialect, backed by the in-memory issuer
 * (`@cardgw/adapter-memory`), and the wire serializers it answers with. Each adapter's own `/simulator` entry builds on
 * it with its provider's paths, limits and quirks. Test machinery: an adapter's main entry never imports this entry.
 *
 * @module @cardgw/rest-dialect/simulator
 */
export { type ProviderSimulatorOptions, simulatorLimits } from './provider-simulator-options.js';
export type { RestSimulator, RestSimulatorOptions, SimulatorRequestRecord } from './rest-simulator.js';
export type { DrawnFault, SimulatorFaults } from './simulator-faults.js';
export type { SimulatorRequest, SimulatorResult, SimulatorRoute } from './simulator-routes.js';
export { startRestSimulator } from './start-rest-simulator.js';
export type { WebhookDelivery } from './webhook-dispatcher.js';
export { toWireError, type WireError } from './wire-error.js';
export * from './wire-serializers.js';
