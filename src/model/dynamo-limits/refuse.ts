import { ValidationError } from "../../errors/index.js";

/** What is wrong with a value, and where: `data.lines[0].qty`. */
export interface ValueProblem {
  readonly path: string;
  readonly message: string;
}

/** The error for problems found in `subject` (a model, a filter, an update operand). */
export function refuse(subject: string, problems: readonly ValueProblem[]): ValidationError {
  return new ValidationError(`Invalid ${subject}: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, [...problems]);
}
