/**
 * Checks of values against DynamoDB's limits, shared by the ORM and GraphQL: every request
 * is checked before it is sent, so a client's mistake is a `ValidationError` (GraphQL
 * `BAD_USER_INPUT`) naming what is wrong, never a failure inside DynamoDB.
 */
export { boundsInOrder } from "./bounds.js";
export { checkExpression, countOperators } from "./expression.js";
export { attributeValueBytes, checkItemSize, itemBytes } from "./item-size.js";
export { checkKeySize, utf8Bytes, type KeyKind } from "./key-size.js";
export * from "./limits.js";
export { refuse, type ValueProblem } from "./refuse.js";
export { numberProblem, storableProblem } from "./storable.js";
