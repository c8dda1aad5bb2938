import { ValidationError } from "../errors/index.js";
import { buildGsi1pk, buildPk, buildSk } from "../keys/build.js";
import { currentLoaders, type Loaders } from "../loader/context.js";
import { deleteItem, type DeleteOptions } from "../ops/write/delete.js";
import { putItem, type PutOptions } from "../ops/write/put.js";
import { updateItem, type UpdateOptions } from "../ops/write/update.js";
import { fromStoredItem, type NativeItem } from "./item.js";
import type { ModelMeta } from "./meta.js";

/**
 * Runtime base of every model class. Field values are own properties of the instance, so
 * `order.amount` reads and writes plainly; the typed view is `Instance<Fs>`.
 */
export class ModelBase {
  /** Set on each class by `defineModel`. */
  static meta: ModelMeta;

  constructor(attrs: Readonly<Record<string, unknown>> = {}) {
    const meta = metaOf(this);
    const unknown = Object.keys(attrs).filter((k) => !meta.fields[k]);
    if (unknown.length) throw new ValidationError(`Unknown field(s) of ${meta.name}: ${unknown.join(", ")}`, unknown.map((path) => ({ path, message: "unknown field" })));
    for (const name of meta.fieldNames) {
      let value = attrs[name];
      if (value === undefined && meta.fields[name]!.options.default !== undefined) {
        const d = meta.fields[name]!.options.default;
        value = typeof d === "function" ? (d as () => unknown)() : structuredClone(d);
      }
      if (value !== undefined) (this as Record<string, unknown>)[name] = value;
    }
  }

  getPk(): string {
    return buildPk(metaOf(this), inPlace(this));
  }

  getSk(): string {
    return buildSk(metaOf(this), inPlace(this));
  }

  getGsi1pk(): string | null {
    return buildGsi1pk(metaOf(this), inPlace(this));
  }

  /** Puts the item. `allowOverride: false` makes it a create that throws `AlreadyExists`. */
  save(options: PutOptions = {}): Promise<this> {
    return saveInstance(this, options, currentLoaders());
  }

  /** Applies changes in DynamoDB (never creates: `DoesNotExist` when absent) and refreshes this instance. */
  async update(changes: Readonly<Record<string, unknown>>, options: UpdateOptions = {}): Promise<this> {
    const meta = metaOf(this);
    const stored = await updateItem(meta, fieldValues(this), changes, options, currentLoaders());
    for (const name of meta.fieldNames) delete (this as Record<string, unknown>)[name];
    Object.assign(this, fromStoredItem(meta, stored));
    return this;
  }

  async delete(options: Omit<DeleteOptions, "checkVersion"> = {}): Promise<void> {
    await deleteItem(metaOf(this), fieldValues(this), { ...options, checkVersion: true }, currentLoaders());
  }

  /** Whether every required field has a value, so `save` can write it. */
  isCreatable(): boolean {
    const meta = metaOf(this);
    const values = fieldValues(this);
    return meta.fieldNames.every((n) => meta.fields[n]!.options.optional || meta.versionField === n || (values[n] !== undefined && values[n] !== null));
  }

  /** The field values (a plain object, safe to serialize). */
  toJSON(): Record<string, unknown> {
    return structuredClone(fieldValues(this));
  }

  /** Same model and equal field values. */
  equals(other: unknown): boolean {
    if (!(other instanceof ModelBase) || metaOf(other) !== metaOf(this)) return false;
    return deepEqual(fieldValues(this), fieldValues(other));
  }
}

/** `instance.save(options)` with its request counted on and cleared from `loaders`, given explicitly. */
export async function saveInstance<I extends ModelBase>(instance: I, options: PutOptions, loaders: Loaders | undefined): Promise<I> {
  if (partialInstances.has(instance)) {
    throw new ValidationError(`This ${metaOf(instance).name} was read with only(): saving it would erase the fields left out; use update()`);
  }
  Object.assign(instance, await putItem(metaOf(instance), fieldValues(instance), options, loaders));
  return instance;
}

/** Instances read with `only()`: they lack fields, so a whole-item put would erase them. */
const partialInstances = new WeakSet<object>();

export function markPartial(instance: object): void {
  partialInstances.add(instance);
}

export function metaOf(instance: ModelBase): ModelMeta {
  return (instance.constructor as typeof ModelBase).meta;
}

/**
 * The instance read as its field values, without a copy: for code that reads some fields by
 * name (keys, global ids), as each is an own property of the instance and no field may
 * shadow a method. `fieldValues` copies them, for code that keeps or changes the values.
 */
export function inPlace(instance: ModelBase): Readonly<NativeItem> {
  return instance as unknown as Readonly<NativeItem>;
}

/** The instance's field values, without methods or unset fields: a copy. */
export function fieldValues(instance: ModelBase): NativeItem {
  const meta = metaOf(instance);
  const out: NativeItem = {};
  for (const name of meta.fieldNames) {
    const v = (instance as unknown as Record<string, unknown>)[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
