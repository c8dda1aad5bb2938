import { MAX_NESTING_LEVELS, MAX_NUMBER_DIGITS, MAX_NUMBER_MAGNITUDE, MIN_NUMBER_MAGNITUDE } from "./limits.js";
import type { ValueProblem } from "./refuse.js";

/**
 * Map keys refused at any depth: the SDK's unmarshall assigns keys to a plain object, where
 * `__proto__` would replace the prototype of what is read back, and both names are dropped
 * or merged by the object spreads user code applies to JSON.
 */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor"]);

/** Why DynamoDB cannot store `n` exactly, or null. */
export function numberProblem(n: number | bigint): string | null {
  if (typeof n === "bigint") {
    const digits = (n < 0n ? -n : n).toString().replace(/0+$/, "");
    if (digits.length > MAX_NUMBER_DIGITS) return `${n} has more than ${MAX_NUMBER_DIGITS} significant digits`;
    return (n < 0n ? -n : n) > BigInt(MAX_NUMBER_MAGNITUDE) ? `${n} is larger in magnitude than ${MAX_NUMBER_MAGNITUDE}` : null;
  }
  if (!Number.isFinite(n)) return `expected a finite number, got ${String(n)}`;
  // DynamoDB keeps 38 digits, JavaScript numbers do not: refuse rather than round silently.
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return `integer ${String(n)} is outside the safe integer range and would lose precision`;
  const magnitude = Math.abs(n);
  if (magnitude !== 0 && magnitude < MIN_NUMBER_MAGNITUDE) return `${String(n)} is smaller in magnitude than ${MIN_NUMBER_MAGNITUDE}, the least DynamoDB stores`;
  if (magnitude > MAX_NUMBER_MAGNITUDE) return `${String(n)} is larger in magnitude than ${MAX_NUMBER_MAGNITUDE}`;
  return null;
}

function isMap(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The first reason DynamoDB would refuse `value` as an attribute value (or the SDK's
 * marshaller throw a plain `Error`), at any depth: numbers out of range, maps with empty or
 * prototype-changing keys, nesting deeper than DynamoDB allows. `level` is the nesting level
 * of the container holding `value` (1: the item).
 */
export function storableProblem(value: unknown, path: string, level = 1): ValueProblem | null {
  if (typeof value === "number" || typeof value === "bigint") {
    const message = numberProblem(value);
    return message ? { path, message } : null;
  }
  if (value === null || typeof value !== "object") return null;
  const isList = Array.isArray(value);
  if (!isList && !isMap(value)) return null;
  if (level + 1 > MAX_NESTING_LEVELS) return { path, message: `nests maps and lists deeper than the ${MAX_NESTING_LEVELS} levels DynamoDB allows (the item counts as one)` };
  if (isList) {
    for (const [i, element] of value.entries()) {
      const problem = storableProblem(element, `${path}[${i}]`, level + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (key === "") return { path, message: "has an empty key; DynamoDB refuses empty attribute names" };
    if (FORBIDDEN_KEYS.has(key)) return { path, message: `has the key "${key}", which is refused: it would change or lose the object read back` };
    const problem = storableProblem(value[key], `${path}.${key}`, level + 1);
    if (problem) return problem;
  }
  return null;
}
