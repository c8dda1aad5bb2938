import type { Loaders } from "../../loader/context.js";
import type { NativeItem } from "../../model/item.js";
import { cacheGeneration } from "../../loader/scope.js";
import { primaryKey } from "../../keys/primary.js";
import { findWith } from "../../ops/manager.js";
import type { AnyModel } from "../relations.js";

/** One target's get; once it succeeded, its instance, handed out without a promise. */
class Get {
  done = false;
  found: object | null = null;
  readonly promise: Promise<object | null>;

  constructor(model: AnyModel, request: Promise<NativeItem | null>, byKey: Map<string, Get>, id: string) {
    // One reaction per get (not findWith's async frame and a `.then` on it): a page may start a hundred.
    this.promise = request.then(
      (item) => {
        this.found = item ? model.fromStored(item) : null;
        this.done = true;
        return this.found;
      },
      (error: unknown) => {
        // A failed get is not kept: the next node asking for it tries again.
        if (byKey.get(id) === this) byKey.delete(id);
        throw error;
      },
    );
  }
}

/** The stored item of `key`, its key errors as a rejection like every other failure of a get. */
function storedItem(loaders: Loaders, model: AnyModel, key: Readonly<Record<string, unknown>>): Promise<NativeItem | null> {
  try {
    return loaders.get(primaryKey(model.meta, key));
  } catch (error) {
    return Promise.reject(error);
  }
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
    if (!get) found.byKey.set(id, (get = new Get(this.model, storedItem(loaders!, this.model, key), found.byKey, id)));
    return get.done ? get.found : get.promise;
  }
}
