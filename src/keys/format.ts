import { escapeKeyValue } from "./escape.js";

/** A key value as text: booleans as Python writes them, so both libraries build equal keys. */
export function keyValueText(value: unknown): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  return escapeKeyValue(String(value));
}
