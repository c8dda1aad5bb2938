import { seal, unseal } from "../keys/opaque.js";
import type { ModelMeta } from "../model/meta.js";
import { table } from "../table/table.js";
import { clientError } from "./errors.js";

/**
 * Relay global id: `Model:[key values in field order]`, encrypted under the cursor secret.
 * Equal items get equal ids (Apollo and Relay caches normalise by id); clients learn nothing
 * of the key layout from them.
 */
export function toGlobalId(meta: ModelMeta, values: Readonly<Record<string, unknown>>): string {
  const key = [...meta.pk, ...meta.sk].map((p) => values[p.name]);
  return seal(table.cursorSecret, "id", `${meta.name}:${JSON.stringify(key)}`);
}

/** The model name and key a global id names; a malformed or altered id is a BAD_USER_INPUT error. */
export function fromGlobalId(id: string): { model: string; key: unknown[] } {
  const text = unseal(table.cursorSecret, "id", id);
  if (text === null) throw clientError("BAD_USER_INPUT", "Malformed node id");
  // Authenticated: only `toGlobalId` can have written this text.
  const colon = text.indexOf(":");
  return { model: text.slice(0, colon), key: JSON.parse(text.slice(colon + 1)) as unknown[] };
}
