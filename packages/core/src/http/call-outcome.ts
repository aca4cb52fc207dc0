// The verdict became a typed field of `CardGatewayError` (errors/call-outcome.ts); kept here for the pipeline's users.
export { type CallOutcome, outcomeOf, withOutcome } from '../errors/call-outcome.js';
