export { StepFunctionsRequests, stepFunctionsResources, type JsonataMapping, type StepFunctionsOptions } from "./requests.js";
export type { AttributeTemplate } from "./attribute.js";
export type { KeyTemplate } from "./scope.js";
export type { GetItemArguments, GetItemTemplateOptions } from "./get-item.js";
export type { PutItemArguments, PutItemTemplateOptions } from "./put-item.js";
export type { TemplateChangesOf, UpdateItemArguments } from "./update-item.js";
export type { DeleteItemArguments } from "./delete-item.js";
export type { QueryArguments, QueryTemplateOptions } from "./query.js";
