import { defineModel, field } from "../src/index.js";

/**
 * The example's single-table layout:
 *
 * | item     | PK                       | SK             | GSI1PK                  |
 * |----------|--------------------------|----------------|-------------------------|
 * | Customer | `C#<customer_id>#CUSTOMER` | `Customer`     |                         |
 * | Order    | `C#<customer_id>#CUSTOMER` | `O#<order_id>` |                         |
 * | Product  | `P#<product_id>#PRODUCT`   | `Product`      | `C#<category>#PRODUCT`  |
 *
 * A customer and their orders share one partition (same pk field, identifier and suffix),
 * so one Query reads both; products are reached by id, or by category through GSI1.
 */

export interface Address {
  street: string;
  city: string;
  postcode: string;
  country: string;
}

export const Customer = defineModel(
  "Customer",
  {
    customer_id: field.string({ pk: true }),
    name: field.string(),
    email: field.string(),
    tier: field.enum(["STANDARD", "GOLD", "PLATINUM"], { default: "STANDARD" }),
    joined_at: field.datetime({ autoNowAdd: true }),
    phone: field.string({ optional: true, description: "E.164 phone number" }),
    address: field.json({ optional: true }).$type<Address>(),
  },
  { suffix: "CUSTOMER", description: "Someone who buys from the shop; their orders live in their partition." },
);

export const Order = defineModel(
  "Order",
  {
    customer_id: field.string({ pk: true }),
    order_id: field.string({ sk: true, identifier: "O", description: "Sortable: later orders have greater ids" }),
    product_id: field.string(),
    quantity: field.number(),
    total: field.number({ description: "Price times quantity, in euros" }),
    status: field.enum(["PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"], { default: "PENDING" }),
    placed_at: field.datetime({ autoNowAdd: true }),
    note: field.string({ optional: true }),
    tags: field.list({ default: () => [] }).$type<string[]>(),
  },
  { suffix: "CUSTOMER", description: "One purchase of one product, stored in its customer's partition." },
);

export const Product = defineModel(
  "Product",
  {
    product_id: field.string({ pk: true }),
    category: field.enum(["BOOKS", "KITCHEN", "OUTDOOR", "TOYS"], { gsi: true }),
    name: field.string(),
    price: field.number({ description: "In euros" }),
    in_stock: field.boolean({ default: true }),
    description: field.string({ optional: true }),
    tags: field.list({ default: () => [] }).$type<string[]>(),
  },
  { suffix: "PRODUCT", description: "Something the shop sells; listed by category through GSI1." },
);

export const models = [Customer, Order, Product] as const;
