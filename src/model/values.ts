import { ValidationError } from "../errors/index.js";
import { numberProblem, storableProblem } from "./dynamo-limits/index.js";
import type { AnyField } from "./types.js";
import type { ModelMeta } from "./meta.js";

/** The range of `field.int()`: GraphQL's Int, a 32-bit signed integer. */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO-8601 date or date-time naming a real day: `Date.parse` rolls "2024-02-30" over to March 1st. */
export function isIsoDatetime(value: unknown): value is string {
  const m = typeof value === "string" ? ISO_DATETIME.exec(value) : null;
  if (!m || Number.isNaN(Date.parse(value as string))) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getUTCMonth() === month && date.getUTCDate() === day;
}

/** Why `value` does not fit `field`, or null when it does. */
export function fieldValueProblem(field: AnyField, value: unknown): string | null {
  switch (field.kind) {
    case "string":
      return typeof value === "string" ? null : `expected a string, got ${typeof value}`;
    case "number":
      return typeof value === "number" ? numberProblem(value) : `expected a finite number, got ${String(value)}`;
    case "int":
      // GraphQL's Int is 32-bit signed: a wider value would be stored, then fail every read.
      return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX
        ? null
        : `expected an integer from ${INT_MIN} to ${INT_MAX}, got ${String(value)}`;
    case "boolean":
      return typeof value === "boolean" ? null : `expected a boolean, got ${typeof value}`;
    case "datetime":
      return isIsoDatetime(value) ? null : `expected an ISO-8601 date-time string, got ${JSON.stringify(value)}`;
    case "enum":
      return field.values?.includes(value as string) ? null : `expected one of ${field.values?.join(", ")}, got ${JSON.stringify(value)}`;
    case "json":
      return value !== null && typeof value === "object" && !Array.isArray(value) ? nestedProblem(value) : "expected an object";
    case "list":
      return Array.isArray(value) ? nestedProblem(value) : "expected an array";
  }
}

/** What DynamoDB would refuse inside a map or list value, with the path to it (`at .lines[0].qty: ...`). */
function nestedProblem(value: object): string | null {
  const problem = storableProblem(value, "");
  return problem && (problem.path ? `at ${problem.path}: ${problem.message}` : problem.message);
}

/** Checks every given value of `values` against its field; throws one error listing all problems. */
export function checkValues(meta: ModelMeta, values: Readonly<Record<string, unknown>>): void {
  const issues: { path: string; message: string }[] = [];
  for (const [name, value] of Object.entries(values)) {
    const def = meta.fields[name];
    if (!def) {
      issues.push({ path: name, message: `unknown field of ${meta.name}` });
      continue;
    }
    if (value === undefined || value === null) continue;
    const problem = fieldValueProblem(def, value);
    if (problem) issues.push({ path: name, message: problem });
  }
  if (issues.length) throw validationError(meta.name, issues);
}

export function validationError(model: string, issues: { path: string; message: string }[]): ValidationError {
  return new ValidationError(`Invalid ${model}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}

/**
 * Runs the Standard Schema validators of the given fields and, when `scope.model`, of the
 * whole item (an update knows only some fields, so it skips the model's). May be async.
 */
export async function runValidators(meta: ModelMeta, values: Readonly<Record<string, unknown>>, scope: { model: boolean } = { model: true }): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const collect = async (path: string, schema: NonNullable<AnyField["options"]["validate"]>, value: unknown) => {
    const result = await schema["~standard"].validate(value);
    for (const issue of result.issues ?? []) {
      const sub = (issue.path ?? []).map((p: PropertyKey | { readonly key: PropertyKey }) => String(typeof p === "object" ? p.key : p)).join(".");
      issues.push({ path: [path, sub].filter(Boolean).join("."), message: issue.message });
    }
  };
  for (const name of meta.fieldNames) {
    const schema = meta.fields[name]!.options.validate;
    if (schema && values[name] !== undefined) await collect(name, schema, values[name]);
  }
  if (scope.model && meta.options.validate) await collect("", meta.options.validate, values);
  if (issues.length) throw validationError(meta.name, issues);
}
