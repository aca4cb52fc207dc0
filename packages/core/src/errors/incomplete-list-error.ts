import { CardGatewayError, type CardGatewayErrorOptions, hasMarker } from './card-gateway-error.js';

const marker = Symbol.for('cardgw.error.list_incomplete');

/**
 * Walking a list page by page (`for await`, `toArray()`) ended before the end the provider reported: a page came back
 * empty or short while more were announced, the list ended below a total an earlier page reported, or fewer distinct
 * items came than the list holds (pages repeating each other). Page-number paging over a list that changes while it
 * is walked can skip items; rather than end silently with part of the list, the walk throws this after the items it
 * did get. Walking the list again (or narrowing it with filters) usually succeeds: `retryable` is true.
 */
export class IncompleteListError extends CardGatewayError {
  /** @internal */
  readonly [marker] = true;
  override name = 'IncompleteListError';
  /** The items the walk yielded before it stopped. */
  readonly itemsYielded: number;
  /** The number of items the provider reported the list to hold, when it said. */
  readonly expectedTotal: number | undefined;
  /** The page at which the walk stopped (1-based). */
  readonly page: number;

  constructor(
    message: string,
    options: CardGatewayErrorOptions & {
      readonly itemsYielded: number;
      readonly expectedTotal?: number | undefined;
      readonly page: number;
    },
  ) {
    super('list_incomplete', message, true, options);
    this.itemsYielded = options.itemsYielded;
    this.expectedTotal = options.expectedTotal;
    this.page = options.page;
  }

  static override isInstance(value: unknown): value is IncompleteListError {
    return hasMarker(value, marker);
  }
}
