import { ValidationError } from "../errors/index.js";
import type { ModelMeta } from "../model/meta.js";
import type { Fields } from "../model/types.js";
import { table } from "../table/table.js";
import { deleteItemArguments, type DeleteItemArguments } from "./delete-item.js";
import { getItemArguments, type GetItemArguments, type GetItemTemplateOptions } from "./get-item.js";
import type { Sources } from "./keys.js";
import { putItemArguments, type PutItemArguments, type PutItemTemplateOptions } from "./put-item.js";
import { queryArguments, type QueryArguments, type QueryTemplateOptions } from "./query.js";
import type { TemplateScope } from "./scope.js";
import { updateItemArguments, type TemplateChangesOf, type UpdateItemArguments } from "./update-item.js";

/** Per field, the JSONata expression (without `{% %}`) giving its value in the state, e.g. `"$states.input.user_id"`. */
export type JsonataMapping<Fs extends Fields> = { readonly [K in keyof Fs & string]?: string };

export interface StepFunctionsOptions {
  /** The table the tasks address. @default `table.name` when a request is built (`DB_TABLE_NAME` or `table.configure`) */
  tableName?: string;
}

/** The `Resource` of the Task state each request's `Arguments` are for. */
export const stepFunctionsResources = {
  getItem: "arn:aws:states:::dynamodb:getItem",
  putItem: "arn:aws:states:::dynamodb:putItem",
  updateItem: "arn:aws:states:::dynamodb:updateItem",
  deleteItem: "arn:aws:states:::dynamodb:deleteItem",
  query: "arn:aws:states:::aws-sdk:dynamodb:query",
} as const;

const TEMPLATE_DELIMITER = /^\s*\{%/;

/** Checked expressions, each parenthesized so it embeds safely in a larger one; `null` kept where allowed. */
function checkedSources<V extends string | null>(meta: ModelMeta, given: Readonly<Record<string, V | undefined>>, allowNull: boolean): Record<string, V> {
  const out: Record<string, V> = {};
  const issues: { path: string; message: string }[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!meta.fields[name]) issues.push({ path: name, message: `unknown field of ${meta.name}` });
    else if (value === null && allowNull) out[name] = value;
    else if (typeof value !== "string" || !value.trim()) issues.push({ path: name, message: `must be a JSONata expression (a non-empty string), got ${JSON.stringify(value)}` });
    else if (TEMPLATE_DELIMITER.test(value)) issues.push({ path: name, message: "must be the expression alone: the template adds {% %}" });
    else out[name] = `(${value})` as V;
  }
  if (issues.length) throw new ValidationError(`${meta.name}.stepFunctions(): ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues);
  return out;
}

/**
 * The ORM's requests as Step Functions task `Arguments` in JSONata mode: key strings and
 * attribute values are JSONata templates over the state (`$states.input...`), keys escaped
 * as the ORM escapes them, so a state machine reads and writes the ORM's items without a
 * Lambda. Built by `Model.stepFunctions(mapping)`; nothing is sent.
 */
export class StepFunctionsRequests<Fs extends Fields> {
  readonly #meta: ModelMeta<Fs>;
  readonly #sources: Sources;
  readonly #tableName: string | undefined;

  constructor(meta: ModelMeta<Fs>, mapping: JsonataMapping<Fs>, options: StepFunctionsOptions = {}) {
    this.#meta = meta;
    this.#sources = checkedSources<string>(meta, mapping, false);
    this.#tableName = options.tableName;
  }

  #scope(): TemplateScope {
    return { meta: this.#meta, sources: this.#sources, tableName: this.#tableName ?? table.name };
  }

  /** For `stepFunctionsResources.getItem`, as `Model.objects.getLoadQuery`; needs the key fields. */
  getItem(options: GetItemTemplateOptions = {}): GetItemArguments {
    return getItemArguments(this.#scope(), options);
  }

  /**
   * For `stepFunctionsResources.putItem`, as `Model.objects.getSaveQuery`: `_type`, GSI1PK,
   * automatic timestamps (the state's entered time), fixed defaults and the next version are
   * filled in. Every required field must be mapped, and be present in the state at run time.
   */
  putItem(options: PutItemTemplateOptions = {}): PutItemArguments {
    return putItemArguments(this.#scope(), options);
  }

  /**
   * For `stepFunctionsResources.updateItem`, as `Model.objects.getUpdateQuery`: never creates.
   * @example Order.stepFunctions({ user_id: "$states.input.user_id", order_id: "$states.input.order_id" }).updateItem({ amount: "$states.input.amount" })
   */
  updateItem(changes: TemplateChangesOf<Fs>): UpdateItemArguments {
    return updateItemArguments(this.#scope(), checkedSources<string | null>(this.#meta, changes as Readonly<Record<string, string | null | undefined>>, true));
  }

  /** For `stepFunctionsResources.deleteItem`, as `Model.objects.getDeleteQuery`; returns the deleted item. */
  deleteItem(): DeleteItemArguments {
    return deleteItemArguments(this.#scope());
  }

  /** For `stepFunctionsResources.query`, as `Model.objects.using(...).getQuery()`; the items come back as DynamoDB JSON. */
  query(options: QueryTemplateOptions = {}): QueryArguments {
    return queryArguments(this.#scope(), options);
  }
}
