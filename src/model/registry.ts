import { InvalidDefinition } from "../errors/index.js";
import type { AnyModelClass } from "./model-types.js";

/**
 * Every model defined in this process, by name: what `_type` refers to, so one name is one
 * model. Redefining a name is refused unless the definition says `replace` (a hot-reloaded
 * module, a test of a changed schema).
 */
const models = new Map<string, AnyModelClass>();

export function registerModel(model: AnyModelClass, replace: boolean): void {
  const name = model.meta.name;
  if (!replace && models.has(name)) {
    throw new InvalidDefinition(
      `defineModel("${name}"): a model named "${name}" is already defined; stored items name their model in _type, ` +
        "so each name must be one model (rename one, or pass { replace: true } to redefine it on purpose)",
    );
  }
  models.set(name, model);
}

export function registeredModel(name: string): AnyModelClass | undefined {
  return models.get(name);
}

export function registeredModels(): AnyModelClass[] {
  return [...models.values()];
}
