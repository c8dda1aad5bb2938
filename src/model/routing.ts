import { TYPE_ATTRIBUTE, type NativeItem } from "./item.js";
import type { ModelMeta } from "./meta.js";

/**
 * Whether a stored item is an instance of `meta`'s model: by `_type` when written, else (items
 * written by the Python library) by the shape of its SK: the model's first sk identifier
 * followed by "#", or the model name for models without sk fields.
 */
export function itemMatchesModel(meta: ModelMeta, item: Readonly<NativeItem>): boolean {
  const type = item[TYPE_ATTRIBUTE];
  if (typeof type === "string") return type === meta.name;
  return skShapeMatches(meta, item.SK);
}

export function skShapeMatches(meta: ModelMeta, sk: unknown): boolean {
  if (typeof sk !== "string") return true; // projected away: nothing contradicts the model
  if (meta.sk.length === 0) return sk === meta.name;
  return sk.startsWith(`${meta.sk[0]!.identifier}#`);
}
