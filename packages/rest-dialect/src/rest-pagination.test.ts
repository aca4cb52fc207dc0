import { describe, expect, it } from 'vitest';
import { mapRestPage } from './rest-pagination.js';

const identity = (item: number) => item;

describe('mapRestPage', () => {
  it('reads hasMore from total_pages when given', () => {
    expect(
      mapRestPage({ data: [1], pagination: { page: 6, per_page: 25, total: 142, total_pages: 6 } }, identity).hasMore,
    ).toBe(false);
  });

  it('reads hasMore from total when total_pages is absent (transactions)', () => {
    const last = mapRestPage({ data: [1], pagination: { page: 7, per_page: 50, total: 328 } }, identity);
    expect(last).toMatchObject({ hasMore: false, totalPages: 7 });
    expect(mapRestPage({ data: [1], pagination: { page: 2, per_page: 2, total: 4 } }, identity).hasMore).toBe(false);
    expect(mapRestPage({ data: [1], pagination: { page: 1, per_page: 2, total: 3 } }, identity).hasMore).toBe(true);
  });

  it('assumes a successor only after a full page when no count is given', () => {
    expect(mapRestPage({ data: [1, 2], pagination: { page: 1, per_page: 2 } }, identity).hasMore).toBe(true);
    expect(mapRestPage({ data: [1], pagination: { page: 1, per_page: 2 } }, identity).hasMore).toBe(false);
  });

  it('makes a list without pagination one whole page', () => {
    expect(mapRestPage({ data: [1, 2, 3] }, identity)).toEqual({
      data: [1, 2, 3],
      page: 1,
      perPage: 3,
      total: 3,
      totalPages: 1,
      hasMore: false,
    });
  });
});
