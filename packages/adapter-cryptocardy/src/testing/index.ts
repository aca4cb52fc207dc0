/**
 * `@cardgw/adapter-cryptocardy/testing`: what an application's unit tests need to test against CryptoCardy without a
 * network: `cryptocardyProfile`, for `createMemoryIssuer` from `@cardgw/adapter-memory`. Kept out of the package's main
 * entry, so production code never loads the in-memory issuer.
 */
export { cryptocardyProfile } from './cryptocardy-profile.js';
