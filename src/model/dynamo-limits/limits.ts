/**
 * DynamoDB's limits on what it stores and evaluates ("Constraints in Amazon DynamoDB"). A
 * request over any of them fails inside DynamoDB, where the client's mistake would look like
 * an outage; the library checks them before sending instead.
 */

/** Partition key values (PK, GSI1PK): UTF-8 bytes. */
export const MAX_PARTITION_KEY_BYTES = 2048;
/** Sort key values (SK, and the bounds of a key condition on it): UTF-8 bytes. */
export const MAX_SORT_KEY_BYTES = 1024;
/** One item: attribute names and values, measured as DynamoDB sizes them. */
export const MAX_ITEM_BYTES = 400 * 1024;
/** Levels of maps and lists, the item itself being the first. */
export const MAX_NESTING_LEVELS = 32;
/** Any one expression string (filter, condition, update). */
export const MAX_EXPRESSION_BYTES = 4096;
/** Operators and functions in one filter or condition expression. */
export const MAX_EXPRESSION_OPERATORS = 300;
/** Significant digits of a number. */
export const MAX_NUMBER_DIGITS = 38;
/** Smallest magnitude of a non-zero number. */
export const MIN_NUMBER_MAGNITUDE = 1e-130;
/** Largest magnitude of a number: 9.9999999999999999999999999999999999999E+125. */
export const MAX_NUMBER_MAGNITUDE = 9.9999999999999999999999999999999999999e125;
