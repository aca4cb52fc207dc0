/**
 * `@cardgw/adapter-privcards/simulator`: a local PrivCards API for tests, demos and benchmarks.
 *
 * @module @cardgw/adapter-privcards/simulator
 */
export type { ProviderSimulatorOptions, SimulatorFaults, WebhookDelivery } from '@cardgw/rest-dialect/simulator';
export {
  type PrivCardsSimulator,
  type PrivCardsSimulatorOptions,
  startPrivCardsSimulator,
} from './privcards-simulator.js';
