/**
 * The contender a skilled engineer writes by hand: a Pothos schema of the same shape as the
 * derived one (for the fields the operations select), over `DynamoDBDocumentClient`, with a
 * per-request DataLoader that dedupes gets, sends a lone key as GetItem and the rest as
 * BatchGetItem of at most 100 keys, and one Query per orders page. With `batched: false`
 * it is the naive version: every get is its own GetItem.
 */
import SchemaBuilder from "@pothos/core";
import { BatchGetCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import DataLoader from "dataloader";
import type { GraphQLSchema } from "graphql";

type Item = Record<string, unknown>;
interface Key {
  PK: string;
  SK: string;
}
interface Customer {
  customer_id: string;
  name: string;
  email: string;
  tier: string;
}
interface Order {
  customer_id: string;
  order_id: string;
  product_id: string;
  total: number;
  quantity: number;
  status: string;
  placed_at: string;
}
interface Product {
  product_id: string;
  name: string;
  price: number;
}
interface OrderPage {
  nodes: Order[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Per request: how an item is fetched by key. */
export interface HandWrittenContext {
  item(key: Key): Promise<Item | null>;
}

const customerKey = (customer_id: string): Key => ({ PK: `C#${customer_id}#CUSTOMER`, SK: "Customer" });
const orderKey = (customer_id: string, order_id: string): Key => ({ PK: `C#${customer_id}#CUSTOMER`, SK: `O#${order_id}` });
const productKey = (product_id: string): Key => ({ PK: `P#${product_id}#PRODUCT`, SK: "Product" });
const keyId = (key: Key) => `${key.PK}\u0000${key.SK}`;

const MAX_BATCH_GET = 100;
const MAX_PAGE = 100;

/** The per-request context: a DataLoader of items (batched), or one GetItem per get (naive). */
export function handWrittenContext(doc: DynamoDBDocumentClient, tableName: string, batched: boolean): () => HandWrittenContext {
  const getOne = async (key: Key) => ((await doc.send(new GetCommand({ TableName: tableName, Key: key }))).Item ?? null) as Item | null;
  const getMany = async (keys: readonly Key[]): Promise<(Item | null)[]> => {
    if (keys.length === 1) return [await getOne(keys[0]!)];
    const found = new Map<string, Item>();
    let pending: Key[] = [...keys];
    while (pending.length) {
      const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      for (const item of out.Responses?.[tableName] ?? []) found.set(keyId(item as Key), item);
      pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
    }
    return keys.map((k) => found.get(keyId(k)) ?? null);
  };
  if (!batched) return () => ({ item: getOne });
  return () => {
    const loader = new DataLoader<Key, Item | null, string>(getMany, { maxBatchSize: MAX_BATCH_GET, cacheKeyFn: keyId });
    return { item: (key) => loader.load(key) };
  };
}

/** The schema, resolving through `HandWrittenContext` and one Query per orders page. */
export function handWrittenSchema(doc: DynamoDBDocumentClient, tableName: string): GraphQLSchema {
  const builder = new SchemaBuilder<{ Context: HandWrittenContext; DefaultFieldNullability: false }>({ defaultFieldNullability: false });

  const ordersPage = async (customer_id: string, first: number | null | undefined, after: string | null | undefined): Promise<OrderPage> => {
    const size = Math.min(first ?? 20, MAX_PAGE);
    const out = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :orders)",
        ExpressionAttributeValues: { ":pk": customerKey(customer_id).PK, ":orders": "O#" },
        Limit: size + 1,
        ...(after ? { ExclusiveStartKey: JSON.parse(Buffer.from(after, "base64url").toString()) as Key } : {}),
      }),
    );
    const items = (out.Items ?? []) as unknown as Order[];
    const nodes = items.slice(0, size);
    const last = nodes.at(-1);
    const cursor = last ? Buffer.from(JSON.stringify(orderKey(last.customer_id, last.order_id))).toString("base64url") : null;
    return { nodes, hasNextPage: items.length > size, endCursor: cursor };
  };

  const ProductRef = builder.objectRef<Product>("Product").implement({
    fields: (t) => ({
      product_id: t.exposeString("product_id"),
      name: t.exposeString("name"),
      price: t.exposeFloat("price"),
    }),
  });
  const CustomerRef = builder.objectRef<Customer>("Customer");
  const PageInfoRef = builder.objectRef<OrderPage>("PageInfo").implement({
    fields: (t) => ({
      hasNextPage: t.exposeBoolean("hasNextPage"),
      endCursor: t.exposeString("endCursor", { nullable: true }),
    }),
  });
  const OrderRef = builder.objectRef<Order>("Order").implement({
    fields: (t) => ({
      customer_id: t.exposeString("customer_id"),
      order_id: t.exposeString("order_id"),
      product_id: t.exposeString("product_id"),
      quantity: t.exposeFloat("quantity"),
      total: t.exposeFloat("total"),
      status: t.exposeString("status"),
      placed_at: t.exposeString("placed_at"),
      product: t.field({ type: ProductRef, nullable: true, resolve: (o, _, ctx) => ctx.item(productKey(o.product_id)) as unknown as Promise<Product | null> }),
      customer: t.field({ type: CustomerRef, nullable: true, resolve: (o, _, ctx) => ctx.item(customerKey(o.customer_id)) as unknown as Promise<Customer | null> }),
    }),
  });
  const ConnectionRef = builder.objectRef<OrderPage>("OrderConnection").implement({
    fields: (t) => ({
      nodes: t.field({ type: [OrderRef], resolve: (page) => page.nodes }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (page) => page }),
    }),
  });
  CustomerRef.implement({
    fields: (t) => ({
      customer_id: t.exposeString("customer_id"),
      name: t.exposeString("name"),
      email: t.exposeString("email"),
      tier: t.exposeString("tier"),
      orders: t.field({
        type: ConnectionRef,
        args: { first: t.arg.int(), after: t.arg.string() },
        resolve: (c, args) => ordersPage(c.customer_id, args.first, args.after),
      }),
    }),
  });

  builder.queryType({
    fields: (t) => ({
      customer: t.field({
        type: CustomerRef,
        nullable: true,
        args: { customer_id: t.arg.string({ required: true }) },
        resolve: (_, args, ctx) => ctx.item(customerKey(args.customer_id)) as unknown as Promise<Customer | null>,
      }),
      order: t.field({
        type: OrderRef,
        nullable: true,
        args: { customer_id: t.arg.string({ required: true }), order_id: t.arg.string({ required: true }) },
        resolve: (_, args, ctx) => ctx.item(orderKey(args.customer_id, args.order_id)) as unknown as Promise<Order | null>,
      }),
      product: t.field({
        type: ProductRef,
        nullable: true,
        args: { product_id: t.arg.string({ required: true }) },
        resolve: (_, args, ctx) => ctx.item(productKey(args.product_id)) as unknown as Promise<Product | null>,
      }),
      orders: t.field({
        type: ConnectionRef,
        args: { customer_id: t.arg.string({ required: true }), first: t.arg.int(), after: t.arg.string() },
        resolve: (_, args) => ordersPage(args.customer_id, args.first, args.after),
      }),
    }),
  });
  return builder.toSchema();
}
