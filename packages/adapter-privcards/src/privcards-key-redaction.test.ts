import { inspect } from 'node:util';
import { redactText, redactValue } from '@cardgw/core/provider-utils';
import { describe, expect, it } from 'vitest';
// The adapter declares its key shapes to core's redaction when its module loads (core knows no provider's shapes).
import './privcards-api-key.js';

// PrivCards documents only the key's prefix, so keys of any token shape are accepted; redaction must mask them whole
// even when it is not told the key (a provider body quoting another key, a log line of the caller's), from the shapes
// this adapter registers.
const keys = ['sk_live_your_api_key_here', 'sk_live_your_api_key', 'sk_test_abc-def-123456', 'sk_test_a.b~c+d/e=f:g'];

describe('redaction of every PrivCards key shape the adapter accepts', () => {
  it.each(keys)('masks %s whole in text, headers, JSON and key=value forms', (key) => {
    const texts = [
      `invalid key ${key}.`,
      `Authorization: Bearer ${key}`,
      `curl -H "Authorization: Bearer ${key}"`,
      JSON.stringify({ error: `key ${key} revoked`, key }),
      `apiKey=${key}&page=2`,
      `(${key})`,
    ];
    for (const text of texts) {
      const redacted = redactText(text);
      expect(redacted).toContain('[redacted]');
      expect(redacted).not.toContain(key.slice('sk_test_'.length));
    }
  });

  it.each(keys)('masks %s in values handed to hooks and logs', (key) => {
    const redacted = redactValue({ message: `refused ${key}`, nested: [{ note: `Bearer ${key}` }] });
    expect(inspect(redacted, { depth: null })).not.toContain(key.slice('sk_test_'.length));
  });
});
