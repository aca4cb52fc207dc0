import { createMemoryIssuer } from '@cardgw/adapter-memory';
import {
  type ProviderSimulatorOptions,
  type RestSimulator,
  simulatorLimits,
  startRestSimulator,
} from '@cardgw/rest-dialect/simulator';
import { cryptocardyCapabilities } from '../cryptocardy-capabilities.js';
import { cryptocardyLimits } from '../cryptocardy-limits.js';
import { cryptocardyWebhookProfile } from '../cryptocardy-webhook-profile.js';
import { cryptocardyProfile } from '../testing/cryptocardy-profile.js';
import { createProvisioningRoute, newSeed } from './provisioning-route.js';

export interface CryptoCardySimulatorOptions extends ProviderSimulatorOptions {
  /** A seed the simulator accepts (`X-Seed`). @default a new random seed */
  readonly seed?: string | undefined;
}

/** A running CryptoCardy simulator: its URL, backend and fault controls, plus the seed it accepts. */
export interface CryptoCardySimulator extends RestSimulator {
  /** The accepted seed: pass it to `createCryptoCardy({ seed, baseUrl: url })`. */
  readonly seed: string;
}

/**
 * A local CryptoCardy: its paths under `/v1/api`, `X-Seed` auth (401 otherwise), its published limits, every
 * documented endpoint, and `GET /` provisioning (each new seed is accepted at once). Every seed shares one backend,
 * one account: enough for tests, where a real provider would open a new account per seed. Backed by the in-memory
 * issuer with `cryptocardyProfile` (its quotas off: the server enforces them itself).
 */
export async function startCryptoCardySimulator(
  options: CryptoCardySimulatorOptions = {},
): Promise<CryptoCardySimulator> {
  const seed = options.seed ?? newSeed();
  const seeds = new Set([seed.toLowerCase()]);
  // The simulator takes http:// webhook URLs (loopback receivers in tests); the real API wants HTTPS.
  const capabilities = { ...cryptocardyCapabilities, allowsInsecureWebhookUrls: true };
  // CryptoCardy's business rules and answer shapes are the profile's; the quotas are the server's own (strict, 429).
  const backend = options.backend ?? createMemoryIssuer({ ...cryptocardyProfile, capabilities, limits: false });
  const simulator = await startRestSimulator({
    provider: 'cryptocardy',
    capabilities,
    basePath: '/v1/api',
    authenticate: (headers) => {
      const given = headers['x-seed'];
      return typeof given === 'string' && seeds.has(given.toLowerCase()) ? given.toLowerCase() : undefined;
    },
    unauthorizedMessage: 'Missing or invalid seed.',
    limits: simulatorLimits('cryptocardy', cryptocardyLimits, options.limits),
    backend,
    extraRoutes: [createProvisioningRoute(backend, (accepted) => seeds.add(accepted))],
    port: options.port,
    webhooks: options.webhooks,
    webhookSignatureHeader: options.webhookSignatureHeader ?? cryptocardyWebhookProfile.signatureHeader,
  });
  return Object.assign(simulator, { seed });
}
