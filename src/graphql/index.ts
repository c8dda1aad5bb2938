// Schema
export { buildSchema } from "./build-schema.js";
export { PothosStormPlugin, StormPlugin } from "./plugin/index.js";
export { operationCost, operationLoaders } from "./operation-loaders.js";
export type { FieldGuard, Guard, StormModelsOptions, StormRefs, StormScalars, StormSchemaTypes, WriteGuard, WriteOperation } from "./plugin/types.js";

// Authorization
export type { ModelRules, RulesOf, ScopeOf } from "./auth/types.js";

// Subscriptions (fed by single-table-orm/stream)
export type { ChangeSubscriber, SubscriptionOptions } from "./subscriptions/options.js";

// Relations
export { belongsTo, hasMany, hasOne, type AnyModel, type FieldMapping, type HasManyOptions, type Relation } from "./relations.js";

// Limits and errors
export { DEFAULT_LIMITS, type OperationLimits } from "./limits/limits.js";
export { operationLimitsRule } from "./limits/rule.js";
export { toClientError } from "./errors.js";
export { DateTimeScalar, JSONScalar } from "./scalars.js";
