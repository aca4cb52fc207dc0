import { randomBytes } from 'node:crypto';
import { createMemoryIssuer } from '@cardgw/adapter-memory';
import {
  type ProviderSimulatorOptions,
  type RestSimulator,
  simulatorLimits,
  startRestSimulator,
} from '@cardgw/rest-dialect/simulator';
import { privcardsCapabilities } from '../privcards-capabilities.js';
import { privcardsLimits } from '../privcards-limits.js';
import { privcardsWebhookProfile } from '../privcards-webhook-profile.js';
import { privcardsProfile } from '../testing/privcards-profile.js';

export interface PrivCardsSimulatorOptions extends ProviderSimulatorOptions {
  /** The key the simulator accepts (`Authorization: Bearer <apiKey>`). @default a new `sk_test_…` key */
  readonly apiKey?: string | undefined;
}

/** A running PrivCards simulator: its URL, backend and fault controls, plus the API key it accepts. */
export interface PrivCardsSimulator extends RestSimulator {
  /** The accepted key: pass it to `createPrivCards({ apiKey, baseUrl: url })`. */
  readonly apiKey: string;
}

/**
 * A local PrivCards: its paths under `/v1`, its Bearer auth (401 otherwise), its limits, its documented endpoints only
 * (deposits history and 3DS by id answer 404, as undocumented paths do), backed by the in-memory issuer with
 * `privcardsProfile` (its quotas off: the server enforces them itself).
 */
export async function startPrivCardsSimulator(options: PrivCardsSimulatorOptions = {}): Promise<PrivCardsSimulator> {
  const apiKey = options.apiKey ?? `sk_test_sim${randomBytes(12).toString('hex')}`;
  // The simulator takes http:// webhook URLs (loopback receivers in tests); the real API wants HTTPS.
  const capabilities = { ...privcardsCapabilities, allowsInsecureWebhookUrls: true };
  // PrivCards' business rules and answer shapes are the profile's; the quotas are the server's own (strict, 429).
  const backend = options.backend ?? createMemoryIssuer({ ...privcardsProfile, capabilities, limits: false });
  const simulator = await startRestSimulator({
    provider: 'privcards',
    capabilities,
    basePath: '/v1',
    authenticate: (headers) => (headers.authorization === `Bearer ${apiKey}` ? apiKey : undefined),
    unauthorizedMessage: 'Missing or invalid API key.',
    limits: simulatorLimits('privcards', privcardsLimits, options.limits),
    backend,
    port: options.port,
    webhooks: options.webhooks,
    webhookSignatureHeader: options.webhookSignatureHeader ?? privcardsWebhookProfile.signatureHeader,
  });
  return Object.assign(simulator, { apiKey });
}
