import type { AnyModelClass } from "./model-types.js";

/**
 * Every model defined in this process, by name: what `_type` refers to. A later definition
 * under the same name replaces the earlier one, as redefining a model in a test or a
 * hot-reloaded module means to.
 */
const models = new Map<string, AnyModelClass>();

export function registerModel(model: AnyModelClass): void {
  models.set(model.meta.name, model);
}

export function registeredModel(name: string): AnyModelClass | undefined {
  return models.get(name);
}

export function registeredModels(): AnyModelClass[] {
  return [...models.values()];
}
