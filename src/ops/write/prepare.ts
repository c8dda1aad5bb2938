import { MissingRequiredFields } from "../../errors/index.js";
import type { ModelMeta } from "../../model/meta.js";
import type { NativeItem } from "../../model/item.js";
import { checkValues } from "../../model/values.js";
import type { DatetimeOptions } from "../../model/fields.js";

/** Values a write stores: automatic timestamps and the next version filled in, all checked. */
export function prepareForPut(meta: ModelMeta, values: Readonly<NativeItem>, now: string): NativeItem {
  const out: NativeItem = { ...values };
  for (const name of meta.fieldNames) {
    const o = meta.fields[name]!.options as DatetimeOptions;
    if (o.autoNow || (o.autoNowAdd && out[name] === undefined)) out[name] = now;
  }
  if (meta.versionField) out[meta.versionField] = nextVersion(values[meta.versionField]);
  const missing = meta.fieldNames.filter((n) => !meta.fields[n]!.options.optional && (out[n] === undefined || out[n] === null));
  if (missing.length) throw new MissingRequiredFields(meta.name, missing);
  checkValues(meta, out);
  return out;
}

export function nextVersion(current: unknown): number {
  return typeof current === "number" ? current + 1 : 1;
}

/** Fields set automatically on every write (`autoNow`). */
export function autoNowFields(meta: ModelMeta): string[] {
  return meta.fieldNames.filter((n) => (meta.fields[n]!.options as DatetimeOptions).autoNow);
}
