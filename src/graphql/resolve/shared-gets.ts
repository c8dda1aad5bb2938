import type { Loaders } from "../../loader/context.js";
import { cacheGeneration } from "../../loader/scope.js";
import { findWith } from "../../ops/manager.js";
import type { AnyModel } from "../relations.js";

/** One target's get; once it succeeded, its result, handed out without a promise. */
interface Get {
  promise: Promise<object | null>;
  done: boolean;
  found: object | null;
}

interface Found {
  generation: number;
  byKey: Map<string, Get>;
}

/** Key values as one string; strings carry their length so no two keys join alike. */
function keyId(key: Readonly<Record<string, unknown>>): string {
  let id = "";
  for (const name in key) {
    const value = key[name];
    id += typeof value === "string" ? `${value.length}:${value}` : `${String(value)};`;
  }
  return id;
}

/**
 * The targets of one belongsTo/hasOne field, fetched once per operation and key: the 50
 * orders of a page that name 5 products share 5 gets and 5 instances, instead of building a
 * key, a loader call and an instance per order. A target already fetched is answered as a
 * value, not a promise: graphql-js then completes its fields without waiting. What an
 * operation's write made stale (its loaders forget it) is fetched again.
 */
export class SharedGets {
  readonly #byLoaders = new WeakMap<Loaders, Found>();

  constructor(private readonly model: AnyModel) {}

  find(loaders: Loaders | undefined, key: Record<string, unknown>): object | null | Promise<object | null> {
    const generation = loaders && cacheGeneration(loaders);
    if (generation === undefined) return findWith(loaders, this.model, key);
    let found = this.#byLoaders.get(loaders!);
    if (found?.generation !== generation) this.#byLoaders.set(loaders!, (found = { generation, byKey: new Map() }));
    const id = keyId(key);
    let get = found.byKey.get(id);
    if (!get) {
      const byKey = found.byKey;
      const started: Get = (get = { promise: findWith(loaders, this.model, key), done: false, found: null });
      started.promise.then(
        (item) => {
          started.found = item;
          started.done = true;
        },
        // A failed get is not kept: the next node asking for it tries again.
        () => byKey.get(id) === started && byKey.delete(id),
      );
      byKey.set(id, started);
    }
    return get.done ? get.found : get.promise;
  }
}
