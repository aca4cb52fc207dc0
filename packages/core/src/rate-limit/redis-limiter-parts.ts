import type { RedisAvailability } from './redis-availability.js';
import type { GrantLedger, ScriptRunner } from './redis-grant-ledger.js';
import type { Lanes } from './redis-lanes.js';
import type { RedisLimiterSettings } from './redis-limiter-options.js';
import type { OutageFallback } from './redis-outage-fallback.js';
import type { RedisRuleKeys } from './redis-script-protocol.js';

/**
 * The parts one Redis limiter is built from, each in its own file, handed together to the loop that serves a lane
 * (the way the HTTP pipeline hands its `PipelineClient` to each attempt).
 */
export interface RedisLimiterParts {
  readonly settings: RedisLimiterSettings;
  readonly keys: RedisRuleKeys;
  readonly run: ScriptRunner;
  readonly availability: RedisAvailability;
  readonly ledger: GrantLedger;
  readonly fallback: OutageFallback;
  readonly lanes: Lanes;
  readonly isClosed: () => boolean;
}
