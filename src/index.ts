// Models
export { defineModel } from "./model/define.js";
export { field, type Field, type FieldKind, type FieldOptions, type TypedField } from "./model/fields.js";
export type { ModelOptions, ModelMeta, KeyPart } from "./model/meta.js";
export type { Instance, InstanceMethods, InstanceOf, ModelClass } from "./model/model-types.js";
export type { Fields, FieldsOf, InputOf, ItemOf, KeyOf, PartitionOf, SortKeyOf, UsingOf, ValueOf } from "./model/types.js";
export type { StandardSchemaV1 } from "./model/standard-schema.js";

// Keys
export { escapeKeyValue, splitKey } from "./keys/escape.js";
export type { SortKeyCondition } from "./keys/sort-key.js";

// Operations
export { F, UpdateExpression, FieldReference } from "./ops/f.js";
export type { Where, FieldOps } from "./ops/where.js";
export { Manager } from "./ops/manager.js";
export { QuerySet, type Page, type PageOptions } from "./ops/read/queryset.js";
export type { UpdateOf } from "./ops/write/update.js";
export { stepFunctionsResources, StepFunctionsRequests, type JsonataMapping, type StepFunctionsOptions, type AttributeTemplate, type KeyTemplate, type GetItemArguments, type GetItemTemplateOptions, type PutItemArguments, type PutItemTemplateOptions, type TemplateChangesOf, type UpdateItemArguments, type DeleteItemArguments, type QueryArguments, type QueryTemplateOptions } from "./stepfunctions/index.js";

// Batched core: loaders, collections, batch writes, transactions
export { withLoaders, createLoaders, runWithLoaders, currentLoaders, prefetchPartition, type Loaders, type LoaderOptions, type OperationCost } from "./loader/index.js";
export type { PartitionRef } from "./ops/read/read-shape.js";
export { Collection } from "./ops/collection/collection.js";
export type { CollectionOptions } from "./ops/collection/read.js";
export { batchWrite, buildBatchWrites, type BatchWriteOp, type BatchWriteOptions } from "./ops/batch/batch-write.js";
export type { RetryOptions } from "./ops/batch/retry.js";
export { transaction, Transaction, type CommitOptions } from "./ops/transact/transaction.js";
export type { AnyInstance, AnyModelClass } from "./model/model-types.js";

// Connection
export { table, Table, type TableConfig } from "./table/table.js";

// Errors
export * from "./errors/index.js";
