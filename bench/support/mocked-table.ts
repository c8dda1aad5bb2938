import { BatchGetItemCommand, DynamoDBClient, QueryCommand, type AttributeValue, type BatchGetItemCommandInput, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { table } from "../../src/index.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../src/local/index.js";

type StoredItem = Record<string, AttributeValue>;

const keyId = (key: Record<string, AttributeValue>) => `${key.PK?.S}\u0000${key.SK?.S}`;

export interface MockedTable {
  /**
   * From now on, every Query answers with the first `Limit` items of `partition` (all of
   * them without a Limit), and BatchGetItem answers each key with the item of that key.
   */
  answerFrom(partition: readonly StoredItem[], items: readonly StoredItem[]): void;
}

/**
 * Configures the default table with a client whose `send` answers from memory and never
 * reaches the network. It is named first because building the stored items to answer with
 * needs the table name. Requests are not parsed beyond Limit and Keys, and `send` is a plain
 * function (not a sinon stub, which matches and records every call): what is measured is
 * the library's own work on both sides of `send`.
 */
export function useMockedTable(): MockedTable {
  const client = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const name = "bench";
  table.configure({ name, client });
  let partition: readonly StoredItem[] = [];
  let byKey = new Map<string, StoredItem>();
  const query = (input: QueryCommandInput) => {
    const page = partition.slice(0, input.Limit ?? partition.length);
    const last = page.at(-1);
    return page.length < partition.length && last
      ? { Items: page, Count: page.length, LastEvaluatedKey: { PK: last.PK!, SK: last.SK! } }
      : { Items: page, Count: page.length };
  };
  const batchGet = (input: BatchGetItemCommandInput) => ({
    Responses: { [name]: (input.RequestItems?.[name]?.Keys ?? []).map((key) => byKey.get(keyId(key))).filter((item) => item !== undefined) },
    UnprocessedKeys: {},
  });
  // An own `send`: the library sees a send that is not the SDK's, as with aws-sdk-client-mock.
  client.send = ((command: unknown) => {
    if (command instanceof QueryCommand) return Promise.resolve(query(command.input));
    if (command instanceof BatchGetItemCommand) return Promise.resolve(batchGet(command.input));
    return Promise.reject(new Error(`The mocked table answers Query and BatchGetItem only, not ${(command as object).constructor.name}`));
  }) as DynamoDBClient["send"];
  return {
    answerFrom(queried, gotten) {
      partition = queried;
      byKey = new Map(gotten.map((item) => [keyId(item), item]));
    },
  };
}
