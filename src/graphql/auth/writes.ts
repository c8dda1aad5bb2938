import { DoesNotExist } from "../../errors/index.js";
import type { Loaders } from "../../loader/context.js";
import { saveInstance, type ModelBase } from "../../model/instance.js";
import { deleteWith, findWith, updateWith } from "../../ops/manager.js";
import type { ModelAuth } from "./model-auth.js";

type Values = Readonly<Record<string, unknown>>;

/**
 * The stored item an update or delete is about, when the model's rules must look at it:
 * one strongly consistent read. An item the caller may not see is treated as absent, so a
 * write cannot tell a refused item from a missing one. Undefined when no rule needs it.
 * Every request goes through `loaders`, the operation's.
 */
async function currentItem(auth: ModelAuth, context: unknown, loaders: Loaders | undefined, key: Values, action: "update" | "delete"): Promise<object | null | undefined> {
  auth.checkKey(context, key);
  if (!auth.readsBeforeWrite(action)) return undefined;
  const current = await findWith(loaders, auth.model, key as never, { consistent: true });
  return current && auth.canRead(context, current) ? current : null;
}

/** `createX(input)`: inside the scope, allowed by `create`, and readable once written; else FORBIDDEN, nothing written. */
export async function authorizedCreate(auth: ModelAuth, context: unknown, loaders: Loaders | undefined, input: Values): Promise<object> {
  const draft = new auth.model(input as never);
  auth.checkCreate(context, draft);
  return saveInstance(draft as unknown as ModelBase, { allowOverride: false }, loaders);
}

/** `updateX(key, input)`: FORBIDDEN outside the scope (0 requests) or when `update` refuses the stored item. */
export async function authorizedUpdate(auth: ModelAuth, context: unknown, loaders: Loaders | undefined, key: Values, input: Values): Promise<object> {
  const current = await currentItem(auth, context, loaders, key, "update");
  if (current === null) throw new DoesNotExist(auth.model.meta.name, key);
  if (current) auth.checkChange(context, current, "update", input);
  return auth.checkResult(context, await updateWith(loaders, auth.model, key as never, input as never));
}

/** `deleteX(key)`: FORBIDDEN outside the scope (0 requests) or when `delete` refuses the stored item. */
export async function authorizedDelete(auth: ModelAuth, context: unknown, loaders: Loaders | undefined, key: Values): Promise<object | null> {
  const current = await currentItem(auth, context, loaders, key, "delete");
  if (current === null) return null;
  if (current) auth.checkChange(context, current, "delete");
  return deleteWith(loaders, auth.model, key as never);
}
