/**
 * The ids of the last `capacity` items seen, oldest forgotten first: what lets a page walk skip an item it already
 * yielded (a list that grew at its head shifts items onto the next page) in bounded memory.
 */
export class RecentIds {
  readonly #ids = new Set<string | number>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Records `id`; false when it was already among the recent ones. */
  add(id: string | number): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity) {
      const oldest = this.#ids.values().next().value;
      if (oldest !== undefined) this.#ids.delete(oldest);
    }
    return true;
  }
}
