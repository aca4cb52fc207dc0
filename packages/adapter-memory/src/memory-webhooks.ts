import { Secret } from '@cardgw/core';
import {
  insecureWebhookSchema,
  parseInput,
  secureWebhookSchema,
  type WebhookEndpoint,
  type WebhooksResource,
} from '@cardgw/core/provider-utils';
import { beginCall, lookup, type MemoryContext, nextId, nowIso, parseId, runMutation } from './memory-context.js';
import { listFromMemory, selectionOf } from './memory-list.js';

export function createMemoryWebhooks(context: MemoryContext): WebhooksResource {
  const { provider, state } = context;
  const schema = context.capabilities.allowsInsecureWebhookUrls ? insecureWebhookSchema : secureWebhookSchema;
  return {
    async create(input, options) {
      beginCall(context, 'webhooks.create', options);
      const parsed = parseInput(schema, input, 'webhooks.create', provider);
      return runMutation(context, 'webhooks.create', options, parsed, (): WebhookEndpoint => {
        const { id, providerId, sequence } = nextId(context, 'webhook');
        const secret = secretOf(
          parsed.secret,
          () => context.webhookSigningSecret ?? `whsec_${context.random.hex(`webhook-secret:${providerId}`, 32)}`,
        );
        const endpoint: WebhookEndpoint = Object.freeze({
          id,
          provider,
          providerId,
          url: parsed.url,
          events: Object.freeze([...parsed.events]),
          secret,
          active: true,
          createdAt: nowIso(context),
        });
        state.webhooks.set(id, { sequence, endpoint });
        return endpoint;
      });
    },

    list(options) {
      return listFromMemory(context, 'webhooks.list', options, () => ({
        page: 1,
        perPage: 'all',
        // Providers return the signing secret at creation only.
        select: () =>
          selectionOf(
            [...state.webhooks.values()].map(({ endpoint: { secret: _secret, ...listed } }) => Object.freeze(listed)),
          ),
      }));
    },

    async delete(webhookId, options) {
      beginCall(context, 'webhooks.delete', options);
      const id = parseId(context, webhookId, 'webhooks.delete', 'webhookId');
      await runMutation(context, 'webhooks.delete', options, { id }, () => {
        lookup(context, state.webhooks, id, 'webhook', 'webhooks.delete');
        state.webhooks.delete(id);
      });
    },
  };
}

/** The caller's secret (a string, or a `Secret` possibly from another copy of the package), else a generated one. */
function secretOf(given: unknown, generate: () => string): Secret {
  if (given instanceof Secret) return given;
  if (typeof given === 'string') return new Secret(given);
  if (typeof given === 'object' && given !== null && typeof (given as Partial<Secret>).reveal === 'function') {
    return new Secret(String((given as Secret).reveal()));
  }
  return new Secret(generate());
}
