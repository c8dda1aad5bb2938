import { readFileSync } from "node:fs";

/** The operation GraphiQL opens with and the README shows; one copy, in `operations/`. */
export function exampleQuery(): string {
  return readFileSync(new URL("./operations/CustomerOrders.graphql", import.meta.url), "utf8");
}

/** The example query's variables as GraphiQL shows them: a seeded customer, so Run answers at once. */
export const EXAMPLE_VARIABLES = JSON.stringify({ customerId: "ada" }, null, 2);

/** A one-line query for `curl`, answered from the seeded data. */
export const CURL_QUERY = '{ customer(customer_id: "ada") { name tier orders(first: 2) { edges { node { order_id total product { name } } } } } }';

/** A copy-paste command that asks `url` the one-line query as the caller `token` names. */
export function curlCommand(url: string, token: string): string {
  const body = JSON.stringify({ query: CURL_QUERY });
  return `curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' -d '${body}'`;
}
