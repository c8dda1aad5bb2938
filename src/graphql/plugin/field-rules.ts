import { InvalidDefinition } from "../../errors/index.js";
import type { ModelNames } from "../naming.js";
import type { AnyModel } from "../relations.js";
import { requiredOnCreate } from "../schema/inputs.js";
import type { WriteCheck } from "./guards.js";
import type { WriteGuard } from "./types.js";

/**
 * Refuses to hide or guard a key field. Its value is part of the item's key: clients must
 * give it to get, list or page the item at all (arguments, `sk` conditions, relations), so
 * hiding it would only pretend; keeping secrets out of keys is the sound rule.
 */
export function checkKeyFieldsOpen(model: AnyModel, restricted: (field: string) => boolean): void {
  const { meta } = model;
  for (const [flag, parts] of [["pk", meta.pk], ["sk", meta.sk], ["gsi", meta.gsi]] as const) {
    for (const part of parts) {
      if (!restricted(part.name)) continue;
      throw new InvalidDefinition(
        `stormModels: ${meta.name}.${part.name} is a ${flag} field and cannot be hidden or guarded: its value is part of the item's key, ` +
          "which clients give as arguments to read the item at all. Keep secret values out of key fields.",
      );
    }
  }
}

/** A hidden field that a create must be given would make the generated `createX` always fail. */
export function checkHiddenCreatable(model: AnyModel, hidden: ReadonlySet<string>): void {
  for (const name of hidden) {
    if (!requiredOnCreate(model, name)) continue;
    throw new InvalidDefinition(
      `stormModels: ${model.meta.name}.${name} is hidden but required to create one; clients cannot set it, so give it a default, make it optional, or set mutations: false`,
    );
  }
}

/** The write checks of a model's `createX` and `updateX`, by `Mutation.field`; none without write guards. */
export function writeChecksOf(names: ModelNames, guards: ReadonlyMap<string, WriteGuard>): [string, WriteCheck][] {
  if (guards.size === 0) return [];
  return [
    [`Mutation.${names.create}`, { operation: "create", guards }],
    [`Mutation.${names.update}`, { operation: "update", guards }],
  ];
}
