import type { Loaders } from "../../loader/context.js";
import { cacheGeneration } from "../../loader/scope.js";
import { findWith } from "../../ops/manager.js";
import type { AnyModel } from "../relations.js";

interface Found {
  generation: number;
  byKey: Map<string, Promise<object | null>>;
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
 * key, a loader call and an instance per order. What an operation's write made stale
 * (its loaders forget it) is fetched again.
 */
export class SharedGets {
  readonly #byLoaders = new WeakMap<Loaders, Found>();

  constructor(private readonly model: AnyModel) {}

  find(loaders: Loaders | undefined, key: Record<string, unknown>): Promise<object | null> {
    const generation = loaders && cacheGeneration(loaders);
    if (generation === undefined) return findWith(loaders, this.model, key);
    let found = this.#byLoaders.get(loaders!);
    if (found?.generation !== generation) this.#byLoaders.set(loaders!, (found = { generation, byKey: new Map() }));
    const id = keyId(key);
    let item = found.byKey.get(id);
    if (!item) {
      const byKey = found.byKey;
      byKey.set(id, (item = findWith(loaders, this.model, key)));
      // A failed get is not kept: the next node asking for it tries again.
      item.catch(() => byKey.get(id) === item && byKey.delete(id));
    }
    return item;
  }
}
