import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * What one Query reads, in structured form, so the loaders can tell whether a read falls
 * inside another without parsing expression strings. Paging (ExclusiveStartKey, Limit),
 * direction, consistency and the filter are read off the request itself.
 */
export interface ReadShape {
  /** GSI1 (partition = GSI1PK) instead of the table (partition = PK). */
  readonly index: boolean;
  /** The PK or GSI1PK value. */
  readonly partition: string;
  /** The key condition on SK; absent when the whole partition is read. */
  readonly sk?: SortKeyTerm | undefined;
  /** Attribute names a ProjectionExpression keeps; absent when whole items are read. */
  readonly projection?: readonly string[] | undefined;
}

export interface SortKeyTerm {
  readonly op: string;
  readonly values: readonly string[];
}

/** A Query request together with its shape. */
export interface PartitionRead {
  readonly input: QueryCommandInput;
  readonly shape: ReadShape;
}

/** One partition of the table (PK) or of GSI1 (GSI1PK). */
export interface PartitionRef {
  /** The PK value, or the GSI1PK value with `index`. */
  readonly partition: string;
  /** GSI1 instead of the table. @default false */
  readonly index?: boolean;
  /** Strongly consistent (table only). @default false */
  readonly consistent?: boolean;
}
