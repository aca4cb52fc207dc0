import { createHash, randomBytes } from 'node:crypto';
import type { MemoryIssuer } from '@cardgw/adapter-memory';
import { InvalidRequestError } from '@cardgw/core';
import type { SimulatorRoute } from '@cardgw/rest-dialect/simulator';
import { cryptocardyCardNetworks, cryptocardyFundingAssets } from '../cryptocardy-assets.js';

/**
 * CryptoCardy's `GET /`: a new seed (accepted by the simulator from then on), a `pending_top_up` card from the
 * backend, and a funding wallet whose address is derived from the seed and the asset (stable across calls).
 */
export function createProvisioningRoute(backend: MemoryIssuer, acceptSeed: (seed: string) => void): SimulatorRoute {
  return {
    method: 'GET',
    pattern: /^\/$/,
    operation: 'provisioning',
    public: true,
    async handle(request) {
      const network = request.query.card ?? 'visa';
      const asset = request.query.asset ?? 'BTC';
      if (!(cryptocardyCardNetworks as readonly string[]).includes(network)) {
        throw new InvalidRequestError(`card must be one of ${cryptocardyCardNetworks.join(', ')}`);
      }
      if (!(cryptocardyFundingAssets as readonly string[]).includes(asset)) {
        throw new InvalidRequestError(`asset must be one of ${cryptocardyFundingAssets.join(', ')}`);
      }
      const seed = newSeed();
      const card = await backend.simulate.provisionPendingCard({ network });
      const details = await backend.cards.details(card.id);
      acceptSeed(seed);
      return {
        status: 200,
        body: {
          success: true,
          seed,
          card: {
            state: 'pending_top_up',
            network: card.network,
            card_number: details.pan.replace(/(\d{4})(?=\d)/g, '$1 '),
            cvv_masked: details.cvv,
            expiry: details.expiry,
          },
          wallet: { asset, address: walletAddress(seed, asset) },
          // The page's example uses a +00:00 offset rather than Z.
          created_at: card.createdAt.replace(/\.\d{3}Z$/, '+00:00'),
        },
      };
    },
  };
}

/** `c4f4-6e88-036c-761c`. */
export function newSeed(): string {
  return (randomBytes(8).toString('hex').match(/.{4}/g) as string[]).join('-');
}

const bech32Alphabet = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const base58Alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A deterministic, well-shaped (not spendable) address for the asset's chain. */
export function walletAddress(seed: string, asset: string): string {
  const bytes = createHash('sha512').update(`${seed}:${asset}`).digest();
  const from = (alphabet: string, length: number) =>
    Array.from({ length }, (_, index) => alphabet[(bytes[index % bytes.length] as number) % alphabet.length]).join('');
  switch (asset) {
    case 'BTC':
      return `bc1q${from(bech32Alphabet, 38)}`;
    case 'ETH':
    case 'USDT-ERC20':
      return `0x${bytes.subarray(0, 20).toString('hex')}`;
    case 'XMR':
      return `4${from(base58Alphabet, 94)}`;
    default:
      return from(base58Alphabet, 44); // SOL, USDT-SOL
  }
}
