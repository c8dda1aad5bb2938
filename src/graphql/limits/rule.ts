import { Kind, type FragmentDefinitionNode, type ValidationRule } from "graphql";
import { limitVerdict } from "./check.js";
import type { OperationLimits } from "./limits.js";
import { limitsFor } from "./schema-limits.js";

/**
 * A validation rule that refuses operations over the token, depth or alias limit, whatever
 * their root fields: introspection-only operations (`{ a: __typename b: __typename … }`,
 * `{ a: __schema { … } … }`) run no resolver of the schema, so the check the schema makes
 * when its own fields run never sees them. The cost needs the variables and stays with
 * that check. It applies the limits the schema was built with; `overrides` replace some.
 *
 * @example validate(schema, document, [...specifiedRules, operationLimitsRule()])
 */
export function operationLimitsRule(overrides: Partial<OperationLimits> = {}): ValidationRule {
  return (context) => {
    const limits = limitsFor(context.getSchema(), overrides);
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of context.getDocument().definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    return {
      OperationDefinition(operation) {
        const schema = context.getSchema();
        const root = schema.getRootType(operation.operation);
        const error = root && limitVerdict({ schema, root, operation, fragments }, limits);
        if (error) context.reportError(error);
        // The operation is judged whole; its fields need no visit of their own.
        return false;
      },
    };
  };
}
