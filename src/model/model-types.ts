import type { PutOptions } from "../ops/write/put.js";
import type { UpdateOf } from "../ops/write/update.js";
import type { Where } from "../ops/where.js";
import type { Manager } from "../ops/manager.js";
import type { JsonataMapping, StepFunctionsOptions, StepFunctionsRequests } from "../stepfunctions/requests.js";
import type { ModelMeta } from "./meta.js";
import type { Fields, InputOf, ItemOf } from "./types.js";

/** Methods every instance has besides its fields. */
export interface InstanceMethods<Fs extends Fields> {
  /** PK string; throws `MissingRequiredFields` when a pk field is unset. */
  getPk(): string;
  /** SK string; the model name when the model has no sk fields. */
  getSk(): string;
  /** GSI1PK string, or null when the model has no gsi fields. */
  getGsi1pk(): string | null;
  /** Puts the item (overwrites unless `allowOverride: false`, which throws `AlreadyExists`). */
  save(options?: Omit<PutOptions, "condition"> & { condition?: Where<Fs> }): Promise<this>;
  /** Updates in place with values, `null` (remove) or `F(...)`; throws `DoesNotExist` when absent. */
  update(changes: UpdateOf<Fs>, options?: { condition?: Where<Fs> }): Promise<this>;
  delete(options?: { condition?: Where<Fs> }): Promise<void>;
  isCreatable(): boolean;
  toJSON(): ItemOf<Fs>;
  equals(other: unknown): boolean;
}

/** An instance of a model: its fields, typed from the definition, and the instance methods. */
export type Instance<Fs extends Fields> = ItemOf<Fs> & InstanceMethods<Fs>;

/** The class `defineModel` returns. */
export interface ModelClass<Fs extends Fields = Fields, Name extends string = string> {
  /** An unsaved instance; defaults are applied, nothing is written. */
  new (attrs: InputOf<Fs>): Instance<Fs>;
  readonly modelName: Name;
  readonly fields: Fs;
  readonly meta: ModelMeta<Fs>;
  readonly objects: Manager<Fs>;
  /** An instance from a stored item (attributes that are not fields are ignored). */
  fromStored(item: Readonly<Record<string, unknown>>): Instance<Fs>;
  /**
   * This model's requests as Step Functions task `Arguments` in JSONata mode, each field's
   * value read by the JSONata expression `mapping` gives it.
   * @example
   * Order.stepFunctions({ user_id: "$states.input.user_id", order_id: "$states.input.order_id" }).getItem()
   * // { TableName, Key: { PK: { S: "{% 'U#' & $replace(...) & '#ORDER' %}" }, SK: { S: "{% 'O#' & ... %}" } } }
   */
  stepFunctions(mapping: JsonataMapping<Fs>, options?: StepFunctionsOptions): StepFunctionsRequests<Fs>;
}

/** The instance type of a model class: `InstanceOf<typeof Order>`. */
export type InstanceOf<M> = M extends ModelClass<infer Fs> ? Instance<Fs> : never;

/** Any model class, whatever its fields: for registries, collections and batches. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: a model of any fields
export type AnyModelClass = ModelClass<any>;

/** An instance of any model (its fields unknown here, its methods callable). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: a model of any fields
export type AnyInstance = InstanceMethods<any>;
