/**
 * `@cardgw/adapter-privcards/testing`: what an application's unit tests need to test against PrivCards without a
 * network: `privcardsProfile`, for `createMemoryIssuer` from `@cardgw/adapter-memory`. Kept out of the package's main
 * entry, so production code never loads the in-memory issuer.
 */
export { privcardsProfile } from './privcards-profile.js';
