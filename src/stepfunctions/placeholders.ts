import { ExpressionContext } from "../ops/expression-context.js";
import type { AttributeTemplate } from "./attribute.js";

/**
 * Placeholders of one template request, allocated as the ORM's `ExpressionContext` allocates
 * them (`#n0`, `:v0`, in order of use), so an evaluated template equals the ORM's request.
 * Names go through the ORM's own context; values are templates, which it cannot marshall.
 */
export class TemplatePlaceholders {
  readonly #names = new ExpressionContext();
  readonly #values: Record<string, AttributeTemplate> = {};
  #valueCount = 0;

  name(attribute: string): string {
    return this.#names.name(attribute);
  }

  value(value: AttributeTemplate): string {
    const id = `:v${this.#valueCount++}`;
    this.#values[id] = value;
    return id;
  }

  /** The placeholders used so far, omitting empty maps (DynamoDB rejects them). */
  toInput(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeTemplate> } {
    const { ExpressionAttributeNames } = this.#names.toInput();
    return {
      ...(ExpressionAttributeNames ? { ExpressionAttributeNames } : {}),
      ...(this.#valueCount ? { ExpressionAttributeValues: this.#values } : {}),
    };
  }
}
