import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { toAttributeValue } from "../model/item.js";

/**
 * Allocates placeholders for one request. Every attribute name goes through
 * ExpressionAttributeNames, so fields called `name`, `status` or `data` (reserved words in
 * DynamoDB) work everywhere.
 */
export class ExpressionContext {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  readonly #nameIds = new Map<string, string>();
  #valueCount = 0;

  name(attribute: string): string {
    let id = this.#nameIds.get(attribute);
    if (!id) {
      id = `#n${this.#nameIds.size}`;
      this.#nameIds.set(attribute, id);
      this.names[id] = attribute;
    }
    return id;
  }

  /** A placeholder for `value`; `path` names it when DynamoDB could not store it. */
  value(value: unknown, path?: string): string {
    const id = `:v${this.#valueCount++}`;
    this.values[id] = toAttributeValue(value, path);
    return id;
  }

  /** The placeholders used so far, omitting empty maps (DynamoDB rejects them). */
  toInput(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    return {
      ...(this.#nameIds.size ? { ExpressionAttributeNames: this.names } : {}),
      ...(this.#valueCount ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
