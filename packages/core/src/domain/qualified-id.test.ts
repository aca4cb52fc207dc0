import { describe, expect, it } from 'vitest';
import { parseQualifiedId, qualifyId } from './qualified-id.js';

describe('qualified ids', () => {
  it('round-trips provider and provider id', () => {
    const id = qualifyId('privcards', 'card_8xK2m9Lp4q');
    expect(id).toBe('privcards:card_8xK2m9Lp4q');
    expect(parseQualifiedId(id)).toEqual({ provider: 'privcards', providerId: 'card_8xK2m9Lp4q' });
  });

  it.each(['card_8xK2m9Lp4q', ':card_1', 'privcards:', 'PrivCards:card_1', 'privcards:card/../x', 'privcards:a b'])(
    'rejects %s',
    (id) => {
      expect(parseQualifiedId(id)).toBeUndefined();
    },
  );
});
