import { BatchGetItemCommand, DynamoDBClient, QueryCommand, type AttributeValue, type BatchGetItemCommandInput, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
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
  /**
   * Drops the calls the mock recorded: sinon keeps every call's input and output, so a
   * long run would otherwise grow the heap and bill its garbage collection to the library.
   */
  forgetCalls(): void;
}

/**
 * Configures the default table with a client that never reaches the network. It is named
 * first because building the stored items to answer with needs the table name. Requests
 * are not parsed beyond Limit and Keys: what is measured is the library's own work on both
 * sides of `send`.
 */
export function useMockedTable(): MockedTable {
  const client = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const name = "bench";
  table.configure({ name, client });
  let partition: readonly StoredItem[] = [];
  let byKey = new Map<string, StoredItem>();
  const mock = mockClient(client);
  mock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const page = partition.slice(0, input.Limit ?? partition.length);
    const last = page.at(-1);
    return page.length < partition.length && last
      ? { Items: page, Count: page.length, LastEvaluatedKey: { PK: last.PK!, SK: last.SK! } }
      : { Items: page, Count: page.length };
  });
  mock.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => ({
    Responses: { [name]: (input.RequestItems?.[name]?.Keys ?? []).map((key) => byKey.get(keyId(key))).filter((item) => item !== undefined) },
    UnprocessedKeys: {},
  }));
  return {
    forgetCalls: () => mock.resetHistory(),
    answerFrom(queried, gotten) {
      partition = queried;
      byKey = new Map(gotten.map((item) => [keyId(item), item]));
    },
  };
}
