import { Kind, type FragmentDefinitionNode, type ValidationRule } from "graphql";
import { limitVerdict } from "./check.js";
import { DEFAULT_LIMITS, type OperationLimits } from "./limits.js";

/**
 * A validation rule that refuses operations over the token, depth or alias limit, whatever
 * their root fields: introspection-only operations (`{ a: __typename b: __typename … }`,
 * `{ a: __schema { … } … }`) run no resolver of the schema, so the check the schema makes
 * when its own fields run never sees them. The cost needs the variables and stays with
 * that check. Pass the limits given to the schema.
 *
 * @example validate(schema, document, [...specifiedRules, operationLimitsRule({ maxAliases: 30 })])
 */
export function operationLimitsRule(options: Partial<OperationLimits> = {}): ValidationRule {
  const limits: OperationLimits = { ...DEFAULT_LIMITS, ...options };
  return (context) => {
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
