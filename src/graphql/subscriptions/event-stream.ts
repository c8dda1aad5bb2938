/**
 * `source` mapped and filtered (`map` returns undefined to skip a value), listening from the
 * start and closing promptly:
 * an async generator would hold a client's `return()` until the next value arrives, keeping
 * its pubsub subscription and its count against the limits open meanwhile.
 */
export function mappedStream<T, U>(source: AsyncIterable<T>, map: (value: T) => U | undefined, onClose: () => void): AsyncIterableIterator<U> {
  const iterator = source[Symbol.asyncIterator]();
  // Asked at once: a lazy source (yoga's pubsub) listens only from its first next(), and a
  // change published before the client's first pull would otherwise be missed.
  let first: Promise<IteratorResult<T>> | undefined = iterator.next();
  let closed = false;
  const close = async (): Promise<IteratorReturnResult<undefined>> => {
    if (!closed) {
      closed = true;
      onClose();
      await iterator.return?.();
    }
    return { done: true, value: undefined };
  };
  return {
    async next() {
      while (!closed) {
        const result = await (first ?? iterator.next());
        first = undefined;
        if (result.done) return close();
        const mapped = map(result.value);
        if (mapped !== undefined) return { done: false, value: mapped };
      }
      return { done: true, value: undefined };
    },
    return: close,
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The ids seen lately, to drop a change delivered twice (a reader restarted mid-batch). */
export class RecentIds {
  readonly #ids = new Set<string>();

  constructor(readonly capacity: number) {}

  /** Whether `id` was seen already; remembers it otherwise, forgetting the oldest past capacity. */
  seen(id: string): boolean {
    if (this.#ids.has(id)) return true;
    this.#ids.add(id);
    if (this.#ids.size > this.capacity) this.#ids.delete(this.#ids.values().next().value!);
    return false;
  }
}
