import type { Page } from '@cardgw/core/provider-utils';
import type { WireList } from './rest-wire-schemas.js';

/**
 * One wire list (`{ data, pagination? }`) as a `Page`. `hasMore` comes from `total_pages` when given, else from
 * `total` (transactions show only `total`), else from a full page; an endpoint without pagination is one whole page.
 */
export function mapRestPage<WireItem, Item>(list: WireList<WireItem>, mapItem: (item: WireItem) => Item): Page<Item> {
  const data = list.data.map(mapItem);
  const pagination = list.pagination;
  if (!pagination) {
    return { data, page: 1, perPage: data.length, total: data.length, totalPages: 1, hasMore: false };
  }
  const { page, per_page: perPage } = pagination;
  const total = pagination.total ?? undefined;
  const totalPages = pagination.total_pages ?? (total === undefined ? undefined : Math.ceil(total / perPage));
  let hasMore: boolean;
  if (pagination.total_pages != null) hasMore = page < pagination.total_pages;
  else if (total !== undefined) hasMore = page * perPage < total;
  else hasMore = data.length >= perPage; // neither count given: a full page may have a successor
  return { data, page, perPage, total, totalPages, hasMore };
}
