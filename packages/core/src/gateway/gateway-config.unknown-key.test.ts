import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.js';
import { parseGatewayConfig } from './gateway-config.js';

// The README promises `option` is the key path; a misspelt key had no option at all (or only its parent's).
describe('a gateway config with a misspelt key', () => {
  it.each([
    [{ providers: [{ name: 'acme' }], failvoer: {} }, 'failvoer'],
    [{ providers: [{ name: 'acme' }], failover: { polcy: 'ordered' } }, 'failover.polcy'],
    [{ providers: [{ name: 'acme' }], failover: { breaker: { halfOpenAfter: 5 } } }, 'failover.breaker.halfOpenAfter'],
  ])('names the misspelt key as the option (%o)', (config, option) => {
    let caught: unknown;
    try {
      parseGatewayConfig(config);
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect((caught as ConfigError).option).toBe(option);
  });
});
