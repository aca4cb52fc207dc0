import { inspect } from 'node:util';
import { type CardGatewayError, InvalidRequestError, NotFoundError, UnsupportedOperationError } from '@cardgw/core';
import type { WebhookSubscription } from '@cardgw/core/provider-utils';
import { expect } from './contract-expect.js';
import {
  type ContractHarness,
  type ErrorType,
  expectFailure,
  expectNoStateChange,
  idPattern,
  supports,
  unknownId,
} from './contract-support.js';

export function describeWebhookContract(harness: ContractHarness): void {
  const { describe, it } = harness.runner;
  describe('webhooks', () => {
    it('registers an endpoint with a signing secret, lists it without the secret, and deletes it', async () => {
      const { issuer } = harness.subject();
      if (!supports(issuer, 'webhooks.create')) {
        await expectFailure(
          () => issuer.webhooks.create({ url: 'https://app.example/hooks', events: ['*'] }),
          UnsupportedOperationError,
        );
        return;
      }
      const endpoint = await issuer.webhooks.create({
        url: 'https://app.example/hooks',
        events: ['transaction.authorized', '3ds.challenge'],
      });
      expect(endpoint.id).toMatch(idPattern(harness));
      expect(endpoint).toMatchObject({ url: 'https://app.example/hooks', active: true });
      expect(endpoint.events).toEqual(['transaction.authorized', '3ds.challenge']);
      expect(typeof endpoint.secret?.reveal).toBe('function');
      const secret = endpoint.secret!.reveal();
      expect(secret.length).toBeGreaterThanOrEqual(16);
      expect(JSON.stringify(endpoint)).not.toContain(secret);
      expect(inspect(endpoint, { depth: 10 })).not.toContain(secret);
      if (supports(issuer, 'webhooks.list')) {
        const listed = await issuer.webhooks.list().toArray();
        expect(listed.map((webhook) => webhook.id)).toEqual([endpoint.id]);
        expect(listed[0]!.secret).toBeUndefined();
      }
      if (supports(issuer, 'webhooks.delete')) {
        await issuer.webhooks.delete(endpoint.id);
        if (supports(issuer, 'webhooks.list')) expect(await issuer.webhooks.list().toArray()).toEqual([]);
        await expectFailure(() => issuer.webhooks.delete(endpoint.id), NotFoundError);
      }
    });

    it('keeps a signing secret the caller chose', async () => {
      const { issuer } = harness.subject();
      if (!supports(issuer, 'webhooks.create')) {
        await expectFailure(
          () => issuer.webhooks.create({ url: 'https://a.example/h', events: ['*'] }),
          UnsupportedOperationError,
        );
        return;
      }
      const endpoint = await issuer.webhooks.create({
        url: 'https://app.example/hooks',
        events: ['*'],
        secret: 'whsec_contract_chosen_secret',
      });
      expect(endpoint.events).toEqual(['*']);
      expect(endpoint.secret?.reveal()).toBe('whsec_contract_chosen_secret');
    });

    it('refuses a non-HTTPS URL unless the issuer accepts insecure URLs, registering nothing', async () => {
      const { issuer } = harness.subject();
      if (!supports(issuer, 'webhooks.create')) {
        await expectFailure(
          () => issuer.webhooks.create({ url: 'http://127.0.0.1/h', events: ['*'] }),
          UnsupportedOperationError,
        );
        return;
      }
      await expectNoStateChange(harness, async () => {
        await expectFailure(
          () => issuer.webhooks.create({ url: 'ftp://app.example/hooks', events: ['*'] }),
          InvalidRequestError,
          'an ftp URL',
        );
        await expectFailure(
          () => issuer.webhooks.create({ url: 'not a url', events: ['*'] }),
          InvalidRequestError,
          'a malformed URL',
        );
      });
      const insecure = () => issuer.webhooks.create({ url: 'http://127.0.0.1:8080/hooks', events: ['*'] });
      if (issuer.capabilities.allowsInsecureWebhookUrls) {
        expect((await insecure()).url).toBe('http://127.0.0.1:8080/hooks');
      } else {
        await expectNoStateChange(harness, () => expectFailure(insecure, InvalidRequestError, 'an http URL'));
      }
    });

    it('refuses unknown event names and an empty event list', async () => {
      const { issuer } = harness.subject();
      const expected: ErrorType<CardGatewayError> = supports(issuer, 'webhooks.create')
        ? InvalidRequestError
        : UnsupportedOperationError;
      await expectNoStateChange(harness, async () => {
        await expectFailure(
          () =>
            issuer.webhooks.create({
              url: 'https://app.example/hooks',
              events: ['card.exploded' as WebhookSubscription],
            }),
          expected,
          'an unknown event',
        );
        await expectFailure(() => issuer.webhooks.create({ url: 'https://app.example/hooks', events: [] }), expected);
      });
    });

    it('answers the deletion of an unknown webhook with NotFoundError', async () => {
      const { issuer } = harness.subject();
      const expected: ErrorType<CardGatewayError> = supports(issuer, 'webhooks.delete')
        ? NotFoundError
        : UnsupportedOperationError;
      await expectFailure(() => issuer.webhooks.delete(unknownId(harness, 'webhook')), expected);
    });
  });
}
