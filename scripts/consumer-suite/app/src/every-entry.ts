/** Touches every public entry point, so each one's types are checked under this project's resolution settings. */
import { createCryptoCardy, cryptocardyProvider, provisionCryptoCardy } from '@cardgw/adapter-cryptocardy';
import { startCryptoCardySimulator } from '@cardgw/adapter-cryptocardy/simulator';
import { createPrivCards, privcardsProvider } from '@cardgw/adapter-privcards';
import { startPrivCardsSimulator } from '@cardgw/adapter-privcards/simulator';
import { type CardIssuer, createGateway, type Gateway, usd } from '@cardgw/core';
import { createMemoryIssuer, type MemoryIssuer } from '@cardgw/core/memory';
import { startRestSimulator } from '@cardgw/core/rest';
import { type ContractTestRunner, runCardIssuerContract } from '@cardgw/core/testing';

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
  startRestSimulator,
  runCardIssuerContract,
};

export function asIssuer(gateway: Gateway, memory: MemoryIssuer): readonly CardIssuer[] {
  return [gateway, memory];
}

export type Runner = ContractTestRunner;
