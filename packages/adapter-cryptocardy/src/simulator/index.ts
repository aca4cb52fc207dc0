/**
 * `@cardgw/adapter-cryptocardy/simulator`: a local CryptoCardy API (provisioning included) for tests, demos and
 * benchmarks.
 *
 * @module @cardgw/adapter-cryptocardy/simulator
 */
export type { ProviderSimulatorOptions, SimulatorFaults, WebhookDelivery } from '@cardgw/rest-dialect/simulator';
export {
  type CryptoCardySimulator,
  type CryptoCardySimulatorOptions,
  startCryptoCardySimulator,
} from './cryptocardy-simulator.js';
