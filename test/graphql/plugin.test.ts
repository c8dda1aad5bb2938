import SchemaBuilder from "@pothos/core";
import type { GraphQLInputObjectType, GraphQLObjectType } from "graphql";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { Customer, Order, Product } from "../../example-server/models.js";
import { relations } from "../../example-server/schema.js";
import { StormPlugin, type StormScalars } from "../../src/graphql/index.js";
import { errorCodes, graphqlClient } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";

interface Context {
  role?: "admin";
}

function customSchema() {
  const builder = new SchemaBuilder<{ Context: Context; Scalars: StormScalars }>({ plugins: [StormPlugin] });
  const refs = builder.stormModels({
    models: [Customer, Order, Product],
    relations,
    hide: { Customer: ["phone"] },
    rename: { Product: { in_stock: "available" } },
    guard: {
      Customer: { email: (_parent, _args, ctx) => (ctx as Context).role === "admin" },
      Mutation: { deleteCustomer: (_parent, _args, ctx) => (ctx as Context).role === "admin" },
    },
  });
  // A computed field on a derived type: `customer` is typed from the model definition.
  builder.objectField(refs.Customer, "greeting", (t) =>
    t.string({
      resolve: (customer) => {
        expectTypeOf(customer.name).toEqualTypeOf<string>();
        expectTypeOf(customer.tier).toEqualTypeOf<"STANDARD" | "GOLD" | "PLATINUM">();
        return `Hello, ${customer.name}`;
      },
    }),
  );
  return builder.toSchema();
}

const schema = customSchema();
const gql = graphqlClient(schema);

beforeAll(async () => {
  await useFreshTable();
  await Customer.objects.create({ customer_id: "c1", name: "Ada", email: "ada@example.com", phone: "+1" });
  await Product.objects.create({ product_id: "p1", category: "BOOKS", name: "Book", price: 5 });
});

describe("the Pothos plugin", () => {
  it("adds computed fields to derived types", async () => {
    expect((await gql(`{ customer(customer_id: "c1") { greeting } }`)).data).toEqual({ customer: { greeting: "Hello, Ada" } });
  });

  it("hides and renames fields", async () => {
    const customer = schema.getType("Customer") as GraphQLObjectType;
    expect(Object.keys(customer.getFields())).not.toContain("phone");
    expect((await gql(`{ product(product_id: "p1") { available } }`)).data).toEqual({ product: { available: true } });
    expect(errorCodes(await gql(`{ customer(customer_id: "c1") { phone } }`))).toHaveLength(1);
  });

  it("guards fields and mutations with FORBIDDEN", async () => {
    const denied = await gql(`{ customer(customer_id: "c1") { name email } }`);
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
    expect(denied.data).toEqual({ customer: { name: "Ada", email: null } });
    const mutation = await gql(`mutation { deleteCustomer(key: { customer_id: "c1" }) { name } }`);
    expect(errorCodes(mutation)).toEqual(["FORBIDDEN"]);
    expect(await Customer.objects.find({ customer_id: "c1" })).not.toBeNull();
  });

  it("leaves hidden and guarded fields out of filters, so they cannot be probed", () => {
    const filter = schema.getType("CustomerFilter") as GraphQLInputObjectType;
    expect(Object.keys(filter.getFields())).not.toContain("phone");
    expect(Object.keys(filter.getFields())).not.toContain("email");
    expect(Object.keys(filter.getFields())).toContain("name");
  });
});
