/** The card networks `GET /?card=` takes. */
export const cryptocardyCardNetworks = ['visa', 'mastercard'] as const;
export type CryptoCardyCardNetwork = (typeof cryptocardyCardNetworks)[number];

/** The funding assets `GET /?asset=` takes (the page's examples). */
export const cryptocardyFundingAssets = ['BTC', 'ETH', 'USDT-ERC20', 'USDT-SOL', 'SOL', 'XMR'] as const;
export type CryptoCardyFundingAsset = (typeof cryptocardyFundingAssets)[number];
