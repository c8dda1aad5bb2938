import type { CancellationReason as AwsReason } from "@aws-sdk/client-dynamodb";
import { TransactionCancelled, type CancellationReason } from "../../errors/index.js";
import type { RawItem } from "../../model/item.js";
import { explainConditionFailure } from "../write/failure.js";
import type { TxOp } from "./operations.js";

/**
 * A cancelled transaction as a `TransactionCancelled` with one reason per operation, in
 * request order: the model and key it touched, DynamoDB's code, and for a failed condition
 * the error it means for that operation (`AlreadyExists` for a create, `DoesNotExist` for an
 * update, `VersionConflict`, else `ConditionFailed`). Undefined for any other error.
 */
export function cancellationError(error: unknown, ops: readonly TxOp[]): TransactionCancelled | undefined {
  if (!(error instanceof Error) || error.name !== "TransactionCanceledException") return undefined;
  const given = (error as Error & { CancellationReasons?: AwsReason[] }).CancellationReasons ?? [];
  const reasons = ops.map((op, index): CancellationReason => {
    const aws = given[index];
    const reason: CancellationReason = { index, code: aws?.Code ?? "Unknown", model: op.meta.name, key: op.failure.key };
    if (aws?.Message) reason.message = aws.Message;
    if (aws?.Code === "ConditionalCheckFailed") reason.error = explainConditionFailure(op.failure, aws.Item as RawItem | undefined, error);
    return reason;
  });
  return new TransactionCancelled(reasons, { cause: error });
}
