import { AlreadyExists, ConditionFailed, DoesNotExist, VersionConflict, type StormError } from "../../errors/index.js";
import { fromAttributeMap, type RawItem } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import { isConditionalCheckFailed } from "../send.js";

interface FailureContext {
  meta: ModelMeta;
  key: Record<string, unknown>;
  /** The write must not find an item (create). */
  mustNotExist?: boolean;
  /** The write must find an item (update). */
  mustExist?: boolean;
  expectedVersion?: unknown;
}

/**
 * Names why a conditional write failed. The request asks for the stored item on failure
 * (ReturnValuesOnConditionCheckFailure: ALL_OLD), so the cause is read off it, not guessed.
 */
export function conditionFailure(ctx: FailureContext): (error: unknown) => StormError | undefined {
  return (error) => {
    if (!isConditionalCheckFailed(error)) return undefined;
    const old = error.Item ? fromAttributeMap(error.Item as RawItem) : undefined;
    const { meta, key } = ctx;
    if (ctx.mustNotExist && old) return new AlreadyExists(meta.name, key, { cause: error });
    if (ctx.mustExist && !old) return new DoesNotExist(meta.name, key, { cause: error });
    if (meta.versionField && old && old[meta.versionField] !== ctx.expectedVersion) {
      return new VersionConflict(meta.name, typeof ctx.expectedVersion === "number" ? ctx.expectedVersion : undefined, { cause: error });
    }
    return new ConditionFailed(`Condition on ${meta.name} ${JSON.stringify(key)} failed`, { cause: error });
  };
}
