/**
 * Every error the library throws is a `StormError` with a stable `code`, so callers (and the
 * GraphQL layer) branch on `code`, never on message text. AWS errors are kept as `cause`.
 */
export type StormErrorCode =
  | "DOES_NOT_EXIST"
  | "ALREADY_EXISTS"
  | "MISSING_REQUIRED_FIELDS"
  | "VALIDATION"
  | "KEY_FIELD_UPDATE"
  | "CONDITION_FAILED"
  | "VERSION_CONFLICT"
  | "BAD_CURSOR"
  | "UNPROCESSED"
  | "TRANSACTION_CANCELLED"
  | "INVALID_DEFINITION"
  | "REQUEST_LIMIT"
  | "DYNAMODB";

export class StormError extends Error {
  readonly code: StormErrorCode;
  constructor(code: StormErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The item asked for by key is not in the table (get, update, delete with `mustExist`). */
export class DoesNotExist extends StormError {
  constructor(readonly model: string, readonly key: Readonly<Record<string, unknown>>, options?: { cause?: unknown }) {
    super("DOES_NOT_EXIST", `${model} matching ${JSON.stringify(key)} does not exist`, options);
  }
}

/** A create (or a save with `allowOverride: false`) found an item with the same key. */
export class AlreadyExists extends StormError {
  constructor(readonly model: string, readonly key: Readonly<Record<string, unknown>>, options?: { cause?: unknown }) {
    super("ALREADY_EXISTS", `${model} matching ${JSON.stringify(key)} already exists`, options);
  }
}

/** A write or key computation lacks values for required fields. */
export class MissingRequiredFields extends StormError {
  constructor(readonly model: string, readonly fields: readonly string[]) {
    super("MISSING_REQUIRED_FIELDS", `${model} is missing required field(s): ${fields.join(", ")}`);
  }
}

/** A value does not fit its field (type, range, enum, custom validator). */
export class ValidationError extends StormError {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super("VALIDATION", message);
  }
}

/** Updating a pk or sk field would move the item to another key and orphan the old one. */
export class KeyFieldUpdateError extends StormError {
  constructor(readonly model: string, readonly fields: readonly string[]) {
    super(
      "KEY_FIELD_UPDATE",
      `${model}: key field(s) ${fields.join(", ")} cannot be updated in place; delete and create the item instead`,
    );
  }
}

/** A user condition on a write did not hold. */
export class ConditionFailed extends StormError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CONDITION_FAILED", message, options);
  }
}

/** Optimistic locking: the stored version differs from the one this instance was read at. */
export class VersionConflict extends StormError {
  constructor(readonly model: string, readonly expected: number | undefined, options?: { cause?: unknown }) {
    super("VERSION_CONFLICT", `${model} was changed by another writer (expected version ${String(expected)})`, options);
  }
}

/** A pagination cursor was forged, altered, or belongs to another query. */
export class BadCursor extends StormError {
  constructor(message = "Invalid or foreign cursor") {
    super("BAD_CURSOR", message);
  }
}

/** A batch left keys or items unprocessed after every retry; `entries` names them. */
export class UnprocessedError extends StormError {
  constructor(message: string, readonly entries: readonly unknown[], options?: { cause?: unknown }) {
    super("UNPROCESSED", message, options);
  }
}

/** One reason per operation of a cancelled transaction, in request order. */
export interface CancellationReason {
  index: number;
  code: string;
  message?: string;
  /** The model and key fields the operation wrote or checked. */
  model?: string;
  key?: Readonly<Record<string, unknown>>;
  /** What a failed condition means for this operation: `AlreadyExists` for a create, `DoesNotExist`, `VersionConflict`, `ConditionFailed`. */
  error?: StormError;
}

export class TransactionCancelled extends StormError {
  constructor(readonly reasons: readonly CancellationReason[], options?: { cause?: unknown }) {
    const failed = reasons.filter((r) => r.code !== "None");
    super(
      "TRANSACTION_CANCELLED",
      `Transaction cancelled: ${failed.map((r) => `#${r.index} ${r.code}`).join(", ") || "unknown reason"}`,
      options,
    );
  }
}

/** A model, field or table definition is malformed; raised when it is defined. */
export class InvalidDefinition extends StormError {
  constructor(message: string) {
    super("INVALID_DEFINITION", message);
  }
}

/** The limit of a scope's budget that was spent. */
export type BudgetLimit = "requests" | "readCapacity" | "writeCapacity" | "countReads";

function budgetMessage(max: number, operation: string, limit: BudgetLimit): string {
  if (limit === "requests") return `Request budget spent: ${operation} would be request ${max + 1} of at most ${max}`;
  if (limit === "countReads") return `Count not finished after ${max} ${operation} requests: the partition holds more than they can read`;
  return `Capacity budget spent: ${operation} took ${limit} past ${max} units`;
}

/**
 * A budget is spent: one request more than `maxRequests` would be sent (nothing was sent),
 * a response took the consumed capacity past `maxReadCapacity`/`maxWriteCapacity`, or a
 * count needed more than its `maxReads` requests.
 */
export class RequestLimitExceeded extends StormError {
  constructor(readonly max: number, readonly operation: string, readonly limit: BudgetLimit = "requests") {
    super("REQUEST_LIMIT", budgetMessage(max, operation, limit));
  }
}

/** Any other DynamoDB failure; the AWS error is the `cause`, and its message is kept in this one's. */
export class DynamoDBError extends StormError {
  constructor(readonly operation: string, cause: unknown) {
    const name = cause instanceof Error ? cause.name : "Error";
    const detail = cause instanceof Error && cause.message && cause.message !== name ? `: ${cause.message}` : "";
    super("DYNAMODB", `DynamoDB ${operation} failed: ${name}${detail}`, { cause });
  }
}
