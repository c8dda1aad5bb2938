import type { DeleteItemCommandInput, GetItemCommandInput, PutItemCommandInput, QueryCommandInput, UpdateItemCommandInput } from "@aws-sdk/client-dynamodb";
import { DoesNotExist } from "../errors/index.js";
import { keyFieldValues, primaryKey } from "../keys/primary.js";
import { currentLoaders, type Loaders } from "../loader/context.js";
import type { Instance, ModelClass } from "../model/model-types.js";
import { fieldValues, saveInstance, type ModelBase } from "../model/instance.js";
import type { Fields, InputOf, KeyOf, UsingOf } from "../model/types.js";
import { batchWrite, writeSpecs, type BatchWriteOptions } from "./batch/batch-write.js";
import { deleteSpec } from "./batch/write-spec.js";
import type { Collection } from "./collection/collection.js";
import { buildCollectionRead, readCollection, type CollectionOptions } from "./collection/read.js";
import { buildGet, getItem, type GetOptions } from "./read/get.js";
import { INITIAL_STATE } from "./read/query-state.js";
import { QuerySet } from "./read/queryset.js";
import type { Where } from "./where.js";
import { buildDelete, deleteItem } from "./write/delete.js";
import { buildPut } from "./write/put.js";
import { buildUpdate, updateItem, type UpdateOf } from "./write/update.js";

/**
 * `Model.objects`: reads and writes by key, queries, and the request builders that return
 * the exact AWS SDK input without sending it.
 */
export class Manager<Fs extends Fields> {
  constructor(readonly model: ModelClass<Fs>) {}

  get #meta() {
    return this.model.meta;
  }

  /** The item with this key; throws `DoesNotExist`. Batched with other gets under `withLoaders`. */
  async get(key: KeyOf<Fs>, options: GetOptions = {}): Promise<Instance<Fs>> {
    const found = await this.find(key, options);
    if (!found) throw new DoesNotExist(this.#meta.name, keyFieldValues(this.#meta, key));
    return found;
  }

  /** The item with this key, or null. */
  find(key: KeyOf<Fs>, options: GetOptions = {}): Promise<Instance<Fs> | null> {
    return findWith(currentLoaders(), this.model, key, options);
  }

  /** Writes a new item; throws `AlreadyExists` rather than overwrite. */
  async create(input: InputOf<Fs>): Promise<Instance<Fs>> {
    return saveInstance(new this.model(input) as Instance<Fs> & ModelBase, { allowOverride: false }, currentLoaders());
  }

  /** Updates the item with this key (never creates) and returns it as stored afterwards. */
  update(key: KeyOf<Fs>, changes: UpdateOf<Fs>, options: { condition?: Where<Fs> } = {}): Promise<Instance<Fs>> {
    return updateWith(currentLoaders(), this.model, key, changes, options);
  }

  /** Deletes the item with this key; returns it, or null when there was none. */
  delete(key: KeyOf<Fs>, options: { condition?: Where<Fs> } = {}): Promise<Instance<Fs> | null> {
    return deleteWith(currentLoaders(), this.model, key, options);
  }

  /** A query on the partition these values name (pk fields, or gsi fields with `useIndex()`). */
  using(values: UsingOf<Fs>): QuerySet<Fs, Instance<Fs>> {
    return queryWith(undefined, this.model, values);
  }

  /**
   * Every item of the partition `values` name (pk fields, or gsi fields with `index`),
   * whatever its model, from ONE Query (one per 1 MB page), each built as its own model.
   * Under `withLoaders` it also answers the gets and reads of that partition.
   * @example const c = await User.objects.collection({ user_id: "u1" }); c.of(User); c.of(Order);
   */
  collection(values: UsingOf<Fs>, options: CollectionOptions = {}): Promise<Collection> {
    return readCollection(this.model, values, options);
  }

  /** Alias of `collection`. */
  partition(values: UsingOf<Fs>, options: CollectionOptions = {}): Promise<Collection> {
    return this.collection(values, options);
  }

  /** Puts many instances in BatchWriteItem calls of 25 (see `batchWrite`). */
  batchSave(instances: readonly Instance<Fs>[], options: BatchWriteOptions = {}): Promise<void> {
    return batchWrite(instances.map((put) => ({ put })), options);
  }

  /** Deletes the items with these keys in BatchWriteItem calls of 25 (see `batchWrite`). */
  batchDelete(keys: readonly KeyOf<Fs>[], options: BatchWriteOptions = {}): Promise<void> {
    return writeSpecs(keys.map((key) => deleteSpec(this.#meta, key)), options);
  }

  getCollectionQuery(values: UsingOf<Fs>, options: CollectionOptions = {}): QueryCommandInput {
    return buildCollectionRead(this.model, values, options).input;
  }

  getLoadQuery(key: KeyOf<Fs>, options: GetOptions = {}): GetItemCommandInput {
    return buildGet(this.#meta, key, options);
  }

  getSaveQuery(instance: Instance<Fs>, allowOverride = true): PutItemCommandInput {
    return buildPut(this.#meta, fieldValues(instance as unknown as ModelBase), { allowOverride }).input;
  }

  getUpdateQuery(instance: Instance<Fs>, changes: UpdateOf<Fs>): UpdateItemCommandInput {
    return buildUpdate(this.#meta, fieldValues(instance as unknown as ModelBase), changes);
  }

  getDeleteQuery(instance: Instance<Fs>): DeleteItemCommandInput {
    return buildDelete(this.#meta, fieldValues(instance as unknown as ModelBase), { checkVersion: true });
  }
}

/*
 * The manager's reads and writes with the loaders given explicitly, for the GraphQL layer:
 * its loaders travel on the operation's context, so no async context is looked up.
 * `Model.objects` calls them with the loaders of `withLoaders`/`runWithLoaders`, if any.
 */

/** `Model.objects.find` through `loaders` (batched with the other gets of the tick), or one GetItem without. */
export async function findWith<Fs extends Fields>(loaders: Loaders | undefined, model: ModelClass<Fs>, key: KeyOf<Fs>, options: GetOptions = {}): Promise<Instance<Fs> | null> {
  const item = loaders ? await loaders.get(primaryKey(model.meta, key), options.consistent) : await getItem(model.meta, key, options, undefined);
  return item ? model.fromStored(item) : null;
}

/** `Model.objects.update` counted on and cleared from `loaders`. */
export async function updateWith<Fs extends Fields>(loaders: Loaders | undefined, model: ModelClass<Fs>, key: KeyOf<Fs>, changes: UpdateOf<Fs>, options: { condition?: Where<Fs> } = {}): Promise<Instance<Fs>> {
  const meta = model.meta;
  // GSI1PK is rebuilt from every gsi field: when the changes carry only some, read the
  // others first. (A version field needs no read: an update by key increments it in place.)
  const touched = meta.gsi.filter((p) => p.name in changes).length;
  const needsCurrent = touched > 0 && touched < meta.gsi.length;
  let current = key as Record<string, unknown>;
  if (needsCurrent) {
    const found = await findWith(loaders, model, key, { consistent: true });
    if (!found) throw new DoesNotExist(meta.name, keyFieldValues(meta, key));
    current = fieldValues(found as unknown as ModelBase);
  }
  const stored = await updateItem(meta, current, changes, options as { condition?: Where }, loaders);
  return model.fromStored(stored);
}

/** `Model.objects.delete` counted on and cleared from `loaders`. */
export async function deleteWith<Fs extends Fields>(loaders: Loaders | undefined, model: ModelClass<Fs>, key: KeyOf<Fs>, options: { condition?: Where<Fs> } = {}): Promise<Instance<Fs> | null> {
  const old = await deleteItem(model.meta, key, options as { condition?: Where }, loaders);
  return old ? model.fromStored(old) : null;
}

/** `Model.objects.using(values)` reading through `loaders`; without them, through those of `withLoaders` when it runs. */
export function queryWith<Fs extends Fields>(loaders: Loaders | undefined, model: ModelClass<Fs>, values: UsingOf<Fs>): QuerySet<Fs, Instance<Fs>> {
  return new QuerySet<Fs, Instance<Fs>>({ meta: model.meta, fromStored: (item) => model.fromStored(item) }, { ...INITIAL_STATE, loaders }).using(values);
}
