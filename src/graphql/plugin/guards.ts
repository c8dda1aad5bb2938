import { clientError } from "../errors.js";
import type { FieldGuard, Guard, WriteGuard, WriteOperation } from "./types.js";

/** The write guards of one generated create or update mutation, by input field name. */
export interface WriteCheck {
  operation: WriteOperation;
  guards: ReadonlyMap<string, WriteGuard>;
}

/** What a field's guard option says about reads: a plain function guards reads and writes. */
export function readGuardOf(option: Guard | FieldGuard): Guard | undefined {
  return typeof option === "function" ? option : option.read;
}

/** What a field's guard option says about writes. */
export function writeGuardOf(option: Guard | FieldGuard): WriteGuard | undefined {
  return typeof option === "function" ? option : option.write;
}

/** Create drops null fields; on update a null removes the value, so it writes too. */
function sets(input: Record<string, unknown>, field: string, operation: WriteOperation): boolean {
  return Object.hasOwn(input, field) && (operation === "update" || input[field] !== null);
}

/**
 * Runs `run` once the field's own guard allows it and, on a generated create or update,
 * the write guard of every field its input sets: a refusal is FORBIDDEN before any request.
 */
export async function authorized(
  rules: { guard: Guard | undefined; write: WriteCheck | undefined },
  parent: unknown,
  args: Record<string, unknown>,
  context: unknown,
  run: () => unknown,
): Promise<unknown> {
  if (rules.guard && !(await rules.guard(parent, args, context))) throw clientError("FORBIDDEN", "Not allowed");
  if (rules.write) {
    const { operation, guards } = rules.write;
    const input = args.input as Record<string, unknown>;
    for (const [field, guard] of guards) {
      if (sets(input, field, operation) && !(await guard(input, args, context, operation))) throw clientError("FORBIDDEN", `Not allowed to set ${field}`);
    }
  }
  return run();
}
