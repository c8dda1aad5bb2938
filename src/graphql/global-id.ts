import type { ModelMeta } from "../model/meta.js";
import { clientError } from "./errors.js";

/** Relay global id: base64url of `Model:[key values in field order]`, opaque to clients. */
export function toGlobalId(meta: ModelMeta, values: Readonly<Record<string, unknown>>): string {
  const key = [...meta.pk, ...meta.sk].map((p) => values[p.name]);
  return Buffer.from(`${meta.name}:${JSON.stringify(key)}`).toString("base64url");
}

/** The model name and key a global id names; a malformed id is a BAD_USER_INPUT error. */
export function fromGlobalId(id: string): { model: string; key: unknown[] } {
  const text = Buffer.from(id, "base64url").toString("utf8");
  const colon = text.indexOf(":");
  try {
    const key: unknown = JSON.parse(text.slice(colon + 1));
    if (colon > 0 && Array.isArray(key)) return { model: text.slice(0, colon), key };
  } catch {
    // fall through to the error below
  }
  throw clientError("BAD_USER_INPUT", "Malformed node id");
}
