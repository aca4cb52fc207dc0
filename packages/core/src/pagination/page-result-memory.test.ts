import { describe, expect, it } from 'vitest';
import type { Page } from '../domain/page.js';
import { createPageResult, rememberedItemIds } from './page-result.js';

// Issue 15 point 10 (the wire cases are in an adapter package's changing-list test).
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('the memory the de-duplication holds is bounded', () => {
  it(`remembers the last ${rememberedItemIds} ids only: a 30,000-item walk completes, each id once`, async () => {
    const total = 30_000;
    const pageSize = 100;
    const fetchPage = async (page: number): Promise<Page<{ id: string }>> => ({
      data: range((page - 1) * pageSize + 1, Math.min(page * pageSize, total)).map((index) => ({
        id: `item_${index}`,
      })),
      page,
      perPage: pageSize,
      total,
      totalPages: total / pageSize,
      hasMore: page < total / pageSize,
    });
    let count = 0;
    for await (const _item of createPageResult(fetchPage)) count += 1;
    expect(count).toBe(total);
  });
});
