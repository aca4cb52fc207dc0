/** The card networks `GET /?card=` takes. */
export const cryptocardyCardNetworks = ['visa', 'mastercard'] as const;
/** A card network CryptoCardy provisions (`GET /?card=`), one of `cryptocardyCardNetworks`. */
export type CryptoCardyCardNetwork = (typeof cryptocardyCardNetworks)[number];

/** The funding assets `GET /?asset=` takes (the page's examples). */
export const cryptocardyFundingAssets = ['BTC', 'ETH', 'USDT-ERC20', 'USDT-SOL', 'SOL', 'XMR'] as const;
/** A crypto asset CryptoCardy funds a provisioned card with (`GET /?asset=`), one of `cryptocardyFundingAssets`. */
export type CryptoCardyFundingAsset = (typeof cryptocardyFundingAssets)[number];
