import { Manager } from "../ops/manager.js";
import { StepFunctionsRequests, type JsonataMapping, type StepFunctionsOptions } from "../stepfunctions/requests.js";
import { fromStoredItem } from "./item.js";
import { ModelBase } from "./instance.js";
import { buildMeta, type ModelOptions } from "./meta.js";
import { registerModel } from "./registry.js";
import type { Instance, ModelClass } from "./model-types.js";
import type { Fields } from "./types.js";

/**
 * Defines a model: a class whose instances hold the fields, with `Model.objects` to read
 * and write them. Options are checked here, so a malformed definition fails at startup.
 *
 * @example
 * const Order = defineModel("Order", {
 *   user_id: field.string({ pk: true }),
 *   order_id: field.string({ sk: true, identifier: "O" }),
 *   amount: field.number(),
 * }, { suffix: "USER" });
 */
export function defineModel<const Name extends string, const Fs extends Fields>(
  name: Name,
  fields: Fs,
  options: ModelOptions = {},
): ModelClass<Fs, Name> {
  const meta = buildMeta(name, fields, options);
  const Model = class extends ModelBase {
    static override meta = meta;
    static readonly modelName = name;
    static readonly fields = meta.fields;
    static fromStored(item: Readonly<Record<string, unknown>>): Instance<Fs> {
      const instance = Object.create(Model.prototype) as Record<string, unknown>;
      fromStoredItem(meta, item, instance);
      return instance as unknown as Instance<Fs>;
    }
    static stepFunctions(mapping: JsonataMapping<Fs>, options?: StepFunctionsOptions): StepFunctionsRequests<Fs> {
      return new StepFunctionsRequests(meta, mapping, options);
    }
  };
  Object.defineProperty(Model, "name", { value: name });
  const typed = Model as unknown as ModelClass<Fs, Name>;
  Object.defineProperty(Model, "objects", { value: new Manager<Fs>(typed), enumerable: true });
  registerModel(typed, options.replace ?? false);
  return Object.freeze(typed);
}
