import type { FuzzRequest } from "./documents.js";
import type { Chooser } from "./values.js";

function repeat(count: number, make: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => make(i)).join(" ");
}

/**
 * Requests no well-typed generator writes: nesting deep enough to exhaust a recursive parser
 * or validator, token and alias floods (introspection-only ones included), several
 * operations, subscriptions, and bodies that are not a GraphQL request at all.
 */
export function malformedRequest(ch: Chooser): FuzzRequest {
  const n = ch.pick([20, 200, 2000, 8000]);
  switch (ch.int(0, 9)) {
    case 0:
      return { query: `{ customer(customer_id: ${"[".repeat(n)}"c1"${"]".repeat(n)}) { name } }` };
    case 1:
      return { query: `{ ${"a { ".repeat(n)}b${" }".repeat(n)} }` };
    case 2:
      return { query: `{ ${repeat(n, () => "__typename")} }` };
    case 3:
      return { query: `{ ${repeat(ch.int(16, 200), (i) => `t${i}: __typename`)} }` };
    case 4:
      return { query: `{ ${repeat(ch.int(16, 60), (i) => `s${i}: __schema { types { name fields { name } } }`)} }` };
    case 5:
      return { query: "query A { __typename } query B { __typename }" };
    case 6:
      return { query: ch.pick(["subscription { __typename }", "", "{", "}", "{ customer }", "query ($x: Nope) { __typename }"]) };
    case 7:
      return { query: ch.pick([5, null, ["{ __typename }"], { q: 1 }]), variables: ch.pick(["x", 3, [], null]) };
    case 8:
      return { rawBody: ch.pick(["", "{", "null", "[]", '{"query": "{ __typename }", "variables": NaN}', "\u0000"]) };
    default:
      return { query: ch.text() };
  }
}
