import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';

describe('lazySchema', () => {
  it('builds the schema on its first use, once, and then behaves as the schema itself', () => {
    const build = vi.fn(() => z.strictObject({ id: z.string().min(3) }));
    const schema = lazySchema(build);
    expect(build).not.toHaveBeenCalled();

    expect(schema.safeParse({ id: 'card_1' })).toEqual({ success: true, data: { id: 'card_1' } });
    const refused = schema.safeParse({ id: 'x', extra: 1 });
    const eager = build.getMockImplementation()?.().safeParse({ id: 'x', extra: 1 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual(eager?.error?.issues);
    expect(schema.parse({ id: 'card_2' })).toEqual({ id: 'card_2' });
    expect(build).toHaveBeenCalledTimes(1);
    expect(schema).toBeInstanceOf(z.ZodObject);
  });

  it('nests inside other schemas, lazy or not, and builds only when the outer one is first used', () => {
    const buildId = vi.fn(() => z.string().regex(/^card_\w+$/, 'must be a card id'));
    const id = lazySchema(buildId);
    const buildList = vi.fn(() => z.looseObject({ data: z.array(z.object({ id })), next: id.nullish() }));
    const list = lazySchema(buildList);
    expect(buildId).not.toHaveBeenCalled();
    expect(buildList).not.toHaveBeenCalled();

    expect(list.parse({ data: [{ id: 'card_1' }], next: null, more: true })).toEqual({
      data: [{ id: 'card_1' }],
      next: null,
      more: true,
    });
    const refused = list.safeParse({ data: [{ id: 'nope' }] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['data', 0, 'id'], message: 'must be a card id' });
    expect(buildId).toHaveBeenCalledTimes(1);
    expect(buildList).toHaveBeenCalledTimes(1);
  });
});
