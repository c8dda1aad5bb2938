import { AlreadyExists, ConditionFailed, DoesNotExist, VersionConflict, type StormError } from "../../errors/index.js";
import { fromAttributeMap, type RawItem } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import { isConditionalCheckFailed } from "../send.js";

export interface FailureContext {
  meta: ModelMeta;
  key: Record<string, unknown>;
  /** The write must not find an item (create). */
  mustNotExist?: boolean;
  /** The write must find an item (update). */
  mustExist?: boolean;
  expectedVersion?: unknown;
  /** The write checked the version field (a bare-key check or delete does not). @default true */
  checksVersion?: boolean;
}

/**
 * Names why a conditional write failed. The request asks for the stored item on failure
 * (ReturnValuesOnConditionCheckFailure: ALL_OLD), so the cause is read off it, not guessed.
 */
export function conditionFailure(ctx: FailureContext): (error: unknown) => StormError | undefined {
  return (error) => {
    if (!isConditionalCheckFailed(error)) return undefined;
    return explainConditionFailure(ctx, error.Item as RawItem | undefined, error);
  };
}

/** The error a failed condition means, given the stored item DynamoDB returned (a transaction gives one per operation). */
export function explainConditionFailure(ctx: FailureContext, stored: RawItem | undefined, cause: unknown): StormError {
  const old = stored ? fromAttributeMap(stored) : undefined;
  const { meta, key } = ctx;
  if (ctx.mustNotExist && old) return new AlreadyExists(meta.name, key, { cause });
  if (ctx.mustExist && !old) return new DoesNotExist(meta.name, key, { cause });
  // A write from a version whose item is gone, or now holds another version, lost a race.
  const versioned = meta.versionField && ctx.checksVersion !== false;
  if (versioned && (old ? old[meta.versionField!] !== ctx.expectedVersion : typeof ctx.expectedVersion === "number")) {
    return new VersionConflict(meta.name, typeof ctx.expectedVersion === "number" ? ctx.expectedVersion : undefined, { cause });
  }
  return new ConditionFailed(`Condition on ${meta.name} ${JSON.stringify(key)} failed`, { cause });
}
