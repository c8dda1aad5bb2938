import { ValidationError } from "../errors/index.js";
import type { ExpressionContext } from "./expression-context.js";

type Node =
  | { kind: "ref"; name: string }
  | { kind: "value"; value: unknown }
  | { kind: "add" | "subtract"; left: Node; right: Node }
  | { kind: "append"; left: Node; right: Node }
  | { kind: "ifNotExists"; name: string; fallback: Node };

/**
 * An update computed by DynamoDB from stored values, so concurrent writers never lose
 * each other's changes: `F("amount").add(1)`, `F("a").add(F("b"))`, `F("tags").append(["x"])`.
 */
export class UpdateExpression {
  /** @internal */
  constructor(readonly node: Node) {}

  add(operand: number | UpdateExpression): UpdateExpression {
    return new UpdateExpression({ kind: "add", left: this.node, right: toNode(operand) });
  }

  subtract(operand: number | UpdateExpression): UpdateExpression {
    return new UpdateExpression({ kind: "subtract", left: this.node, right: toNode(operand) });
  }

  /** list_append(this, items) */
  append(items: readonly unknown[] | UpdateExpression): UpdateExpression {
    return new UpdateExpression({ kind: "append", left: this.node, right: toNode(items) });
  }

  /** list_append(items, this) */
  prepend(items: readonly unknown[] | UpdateExpression): UpdateExpression {
    return new UpdateExpression({ kind: "append", left: toNode(items), right: this.node });
  }
}

/** A reference to a stored field; `ifNotExists` only makes sense on a plain reference. */
export class FieldReference extends UpdateExpression {
  constructor(readonly field: string) {
    super({ kind: "ref", name: field });
  }

  /** The stored value, or `fallback` when the attribute is absent. */
  ifNotExists(fallback: unknown): UpdateExpression {
    return new UpdateExpression({ kind: "ifNotExists", name: this.field, fallback: toNode(fallback) });
  }
}

/** Refers to a stored field in an update: `o.update({ amount: F("amount").add(1) })`. */
export function F(field: string): FieldReference {
  return new FieldReference(field);
}

function toNode(operand: unknown): Node {
  return operand instanceof UpdateExpression ? operand.node : { kind: "value", value: operand };
}

/** The fields an expression reads, for validation against the model. */
export function referencedFields(expr: UpdateExpression): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.kind === "ref" || n.kind === "ifNotExists") out.push(n.name);
    if (n.kind === "ifNotExists") walk(n.fallback);
    if (n.kind === "add" || n.kind === "subtract" || n.kind === "append") {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(expr.node);
  return out;
}

/** The expression's text; `field` (the field it sets) names a refused operand in the error. */
export function compileUpdateExpression(expr: UpdateExpression, ctx: ExpressionContext, field: string): string {
  const walk = (n: Node): string => {
    switch (n.kind) {
      case "ref":
        return ctx.name(n.name);
      case "value":
        return ctx.value(n.value, `F() operand of ${field}`);
      case "add":
      case "subtract":
        // DynamoDB allows one + or - per SET action, between two operands.
        if ([n.left, n.right].some((o) => o.kind === "add" || o.kind === "subtract")) {
          throw new ValidationError("An update may add or subtract once per field: F(a).add(x), not F(a).add(x).add(y)");
        }
        return `${walk(n.left)} ${n.kind === "add" ? "+" : "-"} ${walk(n.right)}`;
      case "append":
        return `list_append(${walk(n.left)}, ${walk(n.right)})`;
      case "ifNotExists":
        return `if_not_exists(${ctx.name(n.name)}, ${walk(n.fallback)})`;
    }
  };
  return walk(expr.node);
}
