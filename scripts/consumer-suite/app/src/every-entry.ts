/** Touches every public entry point, so each one's types are checked under this project's resolution settings. */
import { createCryptoCardy, cryptocardyProvider, provisionCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/adapter-memory';
import { createPrivCards, privcardsProvider } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { type CardIssuer, createGateway, type Gateway, usd } from '@cardgw/core';
import { idempotencyKeyFor, withOutcome } from '@cardgw/core/provider-utils';
import { createRestAdapter, defineRestProvider } from '@cardgw/rest-dialect';
import { startRestSimulator } from '@cardgw/rest-dialect/simulator';
import { type ContractTestRunner, runCardIssuerContract } from '@cardgw/testing';

export const entries = {
  createCryptoCardy,
  cryptocardyProvider,
  provisionCryptoCardy,
  startCryptoCardySimulator,
  createPrivCards,
  privcardsProvider,
  startPrivCardsSimulator,
  createGateway,
  usd,
  createMemoryIssuer,
  idempotencyKeyFor,
  withOutcome,
  createRestAdapter,
  defineRestProvider,
  startRestSimulator,
  runCardIssuerContract,
};

export function asIssuer(gateway: Gateway, memory: MemoryIssuer): readonly CardIssuer[] {
  return [gateway, memory];
}

export type Runner = ContractTestRunner;
