import { describe, expect, it } from 'vitest';
import { parseQualifiedId, qualifyId } from './qualified-id.js';

describe('qualified ids', () => {
  it('round-trips provider and provider id', () => {
    const id = qualifyId('acme', 'card_8xK2m9Lp4q');
    expect(id).toBe('acme:card_8xK2m9Lp4q');
    expect(parseQualifiedId(id)).toEqual({ provider: 'acme', providerId: 'card_8xK2m9Lp4q' });
  });

  it.each(['card_8xK2m9Lp4q', ':card_1', 'acme:', 'Acme:card_1', 'acme:card/../x', 'acme:a b'])('rejects %s', (id) => {
    expect(parseQualifiedId(id)).toBeUndefined();
  });
});
