import { clientError } from "./errors.js";

/** GraphQL passes explicit nulls for omitted-by-null inputs; the ORM wants them absent. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return out as T;
}

/** An input object's fields without the ones given as null: values inside (JSON) are kept as given. */
export function withoutNullFields(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
}

export interface PageSizeLimits {
  /** Page size when `first` is not given. @default 20 */
  defaultPageSize: number;
  /** Larger `first` values are clamped to this. @default 100 */
  maxPageSize: number;
}

/** `first` (or `last`, named by `arg`), defaulted and clamped; a non-positive value is the client's mistake. */
export function pageSize(first: unknown, limits: PageSizeLimits, arg: "first" | "last" = "first"): number {
  if (first === null || first === undefined) return limits.defaultPageSize;
  if (typeof first !== "number" || !Number.isInteger(first) || first < 1) {
    throw clientError("BAD_USER_INPUT", `"${arg}" must be a positive integer, got ${String(first)}`);
  }
  return Math.min(first, limits.maxPageSize);
}
